import MGISCore

extension ViolationDraft {
    /// Limits every draft must respect. Text limits count Unicode characters (grapheme clusters).
    public enum Limits {
        /// Observations older than this (2000-01-01T00:00:00Z) are typing errors, not history.
        public static let earliestMillis: Int64 = 946_684_800_000
        /// How far in the future an observation may lie: one day covers device clocks and time zone slips.
        public static let futureToleranceMillis: Int64 = 86_400_000
        public static let maximumValueEUR = 1e9
        public static let maximumPlateLength = 16
        public static let maximumGoodsLength = 500
        public static let maximumUnitLength = 32
        public static let maximumRoadLength = 200
        public static let maximumNotesLength = 4000
    }

    /// Every problem of the draft, empty when it may be stored.
    ///
    /// - Parameters:
    ///   - catalog: the accepted violation types.
    ///   - nowMillis: the current time; `observedMillis` may be at most one day after it.
    public func validate(catalog: ViolationTypeCatalog, nowMillis: Int64) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        func fail(_ field: ViolationField, _ message: String) { issues.append(ValidationIssue(field: field, message: message)) }

        if observedMillis < Limits.earliestMillis {
            fail(.time, "the observation time is before 2000-01-01")
        } else if observedMillis > nowMillis + Limits.futureToleranceMillis {
            fail(.time, "the observation time is more than one day in the future")
        }
        if !location.isValid {
            fail(.location, "the location must have latitude -90 ... 90 and longitude -180 ... 180")
        }
        if !catalog.contains(code: typeCode) {
            let known = catalog.types.map(\.code).joined(separator: ", ")
            fail(.type, "unknown violation type '\(typeCode)'; known types: \(known)")
        }
        if goodsDescription.allSatisfy(\.isWhitespace) {
            fail(.goods, "the goods description is empty")
        } else if goodsDescription.count > Limits.maximumGoodsLength {
            fail(.goods, "the goods description is longer than \(Limits.maximumGoodsLength) characters")
        }
        if let quantity, !(quantity.isFinite && quantity >= 0) {
            fail(.quantity, "the quantity must be a finite number ≥ 0")
        }
        if let quantityUnit, quantityUnit.allSatisfy(\.isWhitespace) || quantityUnit.count > Limits.maximumUnitLength {
            fail(.unit, "the quantity unit must be 1 to \(Limits.maximumUnitLength) characters")
        }
        if let value = estimatedValueEUR, !(0...Limits.maximumValueEUR).contains(value) {
            fail(.valueEUR, "the estimated value must be between 0 and 1 000 000 000 EUR")
        }
        if let plate = vehiclePlate {
            if plate.allSatisfy(\.isWhitespace) || plate.count > Limits.maximumPlateLength {
                fail(.plate, "the plate must be 1 to \(Limits.maximumPlateLength) characters")
            } else if !plate.allSatisfy({ $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" }) {
                fail(.plate, "the plate may hold only letters, digits, spaces and hyphens")
            }
        }
        if let country = vehicleCountry, !ViolationDraft.isCountryCode(country) {
            fail(.country, "the vehicle country must be an ISO 3166-1 alpha-2 code: two uppercase letters A-Z")
        }
        if let road = roadOrCrossing, road.count > Limits.maximumRoadLength {
            fail(.road, "the road or crossing is longer than \(Limits.maximumRoadLength) characters")
        }
        if notes.count > Limits.maximumNotesLength {
            fail(.notes, "the notes are longer than \(Limits.maximumNotesLength) characters")
        }
        return issues
    }

    /// Two ASCII uppercase letters. Whether the code is assigned is not checked.
    static func isCountryCode(_ code: String) -> Bool {
        code.unicodeScalars.count == 2 && code.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
    }
}
