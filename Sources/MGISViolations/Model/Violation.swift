public import MGISCore

/// One recorded seizure or breach found by a patrol: the register's row.
///
/// Every change goes through `Violation+Changes` so that `version` counts edits and a stale
/// edit is refused (optimistic concurrency), and the status follows `ViolationStatus`'s rules.
public struct Violation: Hashable, Sendable, Codable, Identifiable {
    public var id: Int64
    /// When the violation was observed, milliseconds since 1970-01-01T00:00:00Z.
    public var observedMillis: Int64
    public var location: GeoPoint
    /// A code of the deployment's `ViolationTypeCatalog`.
    public var typeCode: String
    public var goodsDescription: String
    public var quantity: Double?
    public var quantityUnit: String?
    public var estimatedValueEUR: Double?
    public var vehiclePlate: String?
    /// ISO 3166-1 alpha-2.
    public var vehicleCountry: String?
    public var roadOrCrossing: String?
    public var taskID: Int64?
    public var unitID: Int64?
    public var reportingUserID: Int64?
    public var status: ViolationStatus
    public var notes: String
    /// 1 when recorded, +1 on every edit or status change.
    public var version: Int
    public var createdMillis: Int64
    public var updatedMillis: Int64

    /// A violation with every field given; use `init(id:draft:catalog:nowMillis:)` to record a new one.
    public init(
        id: Int64, observedMillis: Int64, location: GeoPoint, typeCode: String, goodsDescription: String,
        quantity: Double? = nil, quantityUnit: String? = nil, estimatedValueEUR: Double? = nil,
        vehiclePlate: String? = nil, vehicleCountry: String? = nil, roadOrCrossing: String? = nil,
        taskID: Int64? = nil, unitID: Int64? = nil, reportingUserID: Int64? = nil,
        status: ViolationStatus = .recorded, notes: String = "", version: Int = 1,
        createdMillis: Int64, updatedMillis: Int64
    ) {
        self.id = id
        self.observedMillis = observedMillis
        self.location = location
        self.typeCode = typeCode
        self.goodsDescription = goodsDescription
        self.quantity = quantity
        self.quantityUnit = quantityUnit
        self.estimatedValueEUR = estimatedValueEUR
        self.vehiclePlate = vehiclePlate
        self.vehicleCountry = vehicleCountry
        self.roadOrCrossing = roadOrCrossing
        self.taskID = taskID
        self.unitID = unitID
        self.reportingUserID = reportingUserID
        self.status = status
        self.notes = notes
        self.version = version
        self.createdMillis = createdMillis
        self.updatedMillis = updatedMillis
    }

    /// Records `draft` as a new violation with status `recorded` and version 1.
    /// - Throws: `ViolationError.Code.invalidDraft` with every issue when the draft is not valid.
    public init(id: Int64, draft: ViolationDraft, catalog: ViolationTypeCatalog, nowMillis: Int64) throws {
        let issues = draft.validate(catalog: catalog, nowMillis: nowMillis)
        guard issues.isEmpty else { throw ViolationError.invalid(issues) }
        self.init(id: id, observedMillis: 0, location: draft.location, typeCode: "", goodsDescription: "",
                  createdMillis: nowMillis, updatedMillis: nowMillis)
        self.content = draft
    }

    /// The editable fields, as a draft.
    public var content: ViolationDraft {
        get {
            ViolationDraft(
                observedMillis: observedMillis, location: location, typeCode: typeCode,
                goodsDescription: goodsDescription, quantity: quantity, quantityUnit: quantityUnit,
                estimatedValueEUR: estimatedValueEUR, vehiclePlate: vehiclePlate, vehicleCountry: vehicleCountry,
                roadOrCrossing: roadOrCrossing, taskID: taskID, unitID: unitID,
                reportingUserID: reportingUserID, notes: notes
            )
        }
        set {
            observedMillis = newValue.observedMillis
            location = newValue.location
            typeCode = newValue.typeCode
            goodsDescription = newValue.goodsDescription
            quantity = newValue.quantity
            quantityUnit = newValue.quantityUnit
            estimatedValueEUR = newValue.estimatedValueEUR
            vehiclePlate = newValue.vehiclePlate
            vehicleCountry = newValue.vehicleCountry
            roadOrCrossing = newValue.roadOrCrossing
            taskID = newValue.taskID
            unitID = newValue.unitID
            reportingUserID = newValue.reportingUserID
            notes = newValue.notes
        }
    }
}

extension ViolationError {
    static func invalid(_ issues: [ValidationIssue]) -> ViolationError {
        ViolationError(.invalidDraft, "the violation is not valid: " + issues.map(\.description).joined(separator: "; "), issues: issues)
    }
}
