import MGISCore
import MGISViolations

/// A violation as the API shows it.
struct ViolationDTO: Codable, Sendable {
    var id: Int64
    var observed: String
    var location: GeoPointDTO
    var type: String
    var goodsDescription: String
    var quantity: Double?
    var quantityUnit: String?
    var estimatedValueEUR: Double?
    var vehiclePlate: String?
    var vehicleCountry: String?
    var roadOrCrossing: String?
    var task: Int64?
    var unit: String?
    var reportedBy: Int64?
    var status: String
    var notes: String
    var version: Int
    var created: String
    var updated: String

    init(_ v: Violation) {
        id = v.id
        observed = Timestamp.string(v.observedMillis)
        location = GeoPointDTO(v.location)
        type = v.typeCode
        goodsDescription = v.goodsDescription
        quantity = v.quantity
        quantityUnit = v.quantityUnit
        estimatedValueEUR = v.estimatedValueEUR
        vehiclePlate = v.vehiclePlate
        vehicleCountry = v.vehicleCountry
        roadOrCrossing = v.roadOrCrossing
        task = v.taskID
        unit = v.unitID.map(String.init)
        reportedBy = v.reportingUserID
        status = v.status.rawValue
        notes = v.notes
        version = v.version
        created = Timestamp.string(v.createdMillis)
        updated = Timestamp.string(v.updatedMillis)
    }
}

/// One page of `GET /api/v1/violations`: the newest matching violations and how many match.
struct ViolationPageDTO: Codable, Sendable {
    let items: [ViolationDTO]
    let total: Int
}

/// What a client sends to record a violation (POST) or change one (PATCH: every field optional;
/// absent fields keep their value).
struct ViolationInputDTO: Codable, Sendable {
    var observed: String?
    var location: GeoPointDTO?
    var type: String?
    var goodsDescription: String?
    var quantity: Double?
    var quantityUnit: String?
    var estimatedValueEUR: Double?
    var vehiclePlate: String?
    var vehicleCountry: String?
    var roadOrCrossing: String?
    var task: Int64?
    var unit: String?
    var notes: String?
    var status: String?

    /// The draft this input makes, on top of `base` (a PATCH) or of nothing (a POST, where the
    /// observed time, location, type and goods are required).
    func draft(over base: ViolationDraft?, reportedBy: Int64?) throws -> ViolationDraft {
        func required<T>(_ value: T?, _ fallback: T?, _ field: String) throws -> T {
            guard let value = value ?? fallback else { throw APIError.invalidField(field, "is required") }
            return value
        }
        let observedMillis: Int64
        if let observed {
            guard let millis = Timestamp.millis(observed) else { throw APIError.invalidField("observed", "must be an RFC 3339 time") }
            observedMillis = millis
        } else {
            observedMillis = try required(nil, base?.observedMillis, "observed")
        }
        let unitID = try unit.map { try UnitIDs.parse([$0], field: "unit")[0] } ?? base?.unitID
        return ViolationDraft(
            observedMillis: observedMillis,
            location: try required(location?.point, base?.location, "location"),
            typeCode: try required(type, base?.typeCode, "type"),
            goodsDescription: try required(goodsDescription, base?.goodsDescription, "goodsDescription"),
            quantity: quantity ?? base?.quantity, quantityUnit: quantityUnit ?? base?.quantityUnit,
            estimatedValueEUR: estimatedValueEUR ?? base?.estimatedValueEUR, vehiclePlate: vehiclePlate ?? base?.vehiclePlate,
            vehicleCountry: vehicleCountry ?? base?.vehicleCountry, roadOrCrossing: roadOrCrossing ?? base?.roadOrCrossing,
            taskID: task ?? base?.taskID, unitID: unitID, reportingUserID: base?.reportingUserID ?? reportedBy,
            notes: notes ?? base?.notes ?? ""
        )
    }

    /// Whether anything but the status is given (a PATCH may be a status move only).
    var changesContent: Bool {
        observed != nil || location != nil || type != nil || goodsDescription != nil || quantity != nil || quantityUnit != nil
            || estimatedValueEUR != nil || vehiclePlate != nil || vehicleCountry != nil || roadOrCrossing != nil || task != nil
            || unit != nil || notes != nil
    }
}
