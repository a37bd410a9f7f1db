public import MGISCore

/// One recorded seizure or breach found by a patrol: the register's row.
///
/// What was observed is the `content`, a `ViolationDraft`; its fields read and write as the
/// violation's own (`violation.vehiclePlate`). Every change goes through `Violation+Changes` so
/// that `version` counts edits and a stale edit is refused (optimistic concurrency), and the
/// status follows `ViolationStatus`'s rules.
@dynamicMemberLookup
public struct Violation: Hashable, Sendable, Identifiable {
    public var id: Int64
    /// Everything a patrol enters, or an edit replaces.
    public var content: ViolationDraft
    public var status: ViolationStatus
    /// 1 when recorded, +1 on every edit or status change.
    public var version: Int
    public var createdMillis: Int64
    public var updatedMillis: Int64

    /// The content's fields, as the violation's own.
    public subscript<Value>(dynamicMember field: WritableKeyPath<ViolationDraft, Value>) -> Value {
        get { content[keyPath: field] }
        set { content[keyPath: field] = newValue }
    }

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
        self.content = ViolationDraft(
            observedMillis: observedMillis, location: location, typeCode: typeCode, goodsDescription: goodsDescription,
            quantity: quantity, quantityUnit: quantityUnit, estimatedValueEUR: estimatedValueEUR, vehiclePlate: vehiclePlate,
            vehicleCountry: vehicleCountry, roadOrCrossing: roadOrCrossing, taskID: taskID, unitID: unitID,
            reportingUserID: reportingUserID, notes: notes
        )
        self.status = status
        self.version = version
        self.createdMillis = createdMillis
        self.updatedMillis = updatedMillis
    }

    /// Records `draft` as a new violation with status `recorded` and version 1.
    /// - Throws: `ViolationError.Code.invalidDraft` with every issue when the draft is not valid.
    public init(id: Int64, draft: ViolationDraft, catalog: ViolationTypeCatalog, nowMillis: Int64) throws {
        let issues = draft.validate(catalog: catalog, nowMillis: nowMillis)
        guard issues.isEmpty else { throw ViolationError.invalid(issues) }
        self.id = id
        self.content = draft
        self.status = .recorded
        self.version = 1
        self.createdMillis = nowMillis
        self.updatedMillis = nowMillis
    }
}

/// Stored flat, the content's fields beside the bookkeeping, as one JSON object (the form the
/// store has always held, so no migration).
extension Violation: Codable {
    private enum CodingKeys: String, CodingKey {
        case id, status, version, createdMillis, updatedMillis
    }

    public init(from decoder: any Decoder) throws {
        content = try ViolationDraft(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        status = try container.decode(ViolationStatus.self, forKey: .status)
        version = try container.decode(Int.self, forKey: .version)
        createdMillis = try container.decode(Int64.self, forKey: .createdMillis)
        updatedMillis = try container.decode(Int64.self, forKey: .updatedMillis)
    }

    public func encode(to encoder: any Encoder) throws {
        try content.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(status, forKey: .status)
        try container.encode(version, forKey: .version)
        try container.encode(createdMillis, forKey: .createdMillis)
        try container.encode(updatedMillis, forKey: .updatedMillis)
    }
}

extension ViolationError {
    static func invalid(_ issues: [ValidationIssue]) -> ViolationError {
        ViolationError(.invalidDraft, "the violation is not valid: " + issues.map(\.description).joined(separator: "; "), issues: issues)
    }
}
