import MGISCore
import MGISViolations

/// Builders shared by the suites.
enum Fixtures {
    /// 2026-01-15T12:00:00Z, the "now" of the model tests.
    static let now: Int64 = 1_768_478_400_000

    static func draft(
        typeCode: String = "fuel", millis: Int64 = now - 3_600_000,
        location: GeoPoint = GeoPoint(latitude: 54.6872, longitude: 25.2797)
    ) -> ViolationDraft {
        ViolationDraft(
            observedMillis: millis, location: location, typeCode: typeCode, goodsDescription: "200 l diesel in canisters",
            quantity: 200, quantityUnit: "l", estimatedValueEUR: 300, vehiclePlate: "ABC 123", vehicleCountry: "LT",
            roadOrCrossing: "A1", taskID: 7, unitID: 3, reportingUserID: 11, notes: ""
        )
    }

    static func violation(
        id: Int64 = 1, millis: Int64 = now, latitude: Double = 0, longitude: Double = 0,
        type: String = "fuel", value: Double? = nil, unitID: Int64? = nil
    ) -> Violation {
        Violation(
            id: id, observedMillis: millis, location: GeoPoint(latitude: latitude, longitude: longitude), typeCode: type,
            goodsDescription: "goods", estimatedValueEUR: value, unitID: unitID, createdMillis: millis, updatedMillis: millis
        )
    }

    /// The RFC 3339 instant, which the test writes out with its offset.
    static func millis(_ text: String) -> Int64 {
        guard let millis = RFC3339.millis(text) else { fatalError("bad fixture time \(text)") }
        return millis
    }

    /// A grid of exactly `rows` × `columns` cells of `size` metres with its south-west corner at 0° N 0° E.
    static func grid(rows: Int, columns: Int, size: Double = 1000) throws -> GeoGrid {
        let height = size / GeoGrid.metersPerDegree
        // Half a cell short of the far edges: rounding up gives exactly rows × columns.
        return try GeoGrid(
            bounds: GeoBounds(minLatitude: 0, minLongitude: 0, maxLatitude: (Double(rows) - 0.5) * height, maxLongitude: (Double(columns) - 0.5) * height),
            cellSizeMeters: size
        )
    }
}
