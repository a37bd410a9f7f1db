public import MGISCore

/// What a patrol enters for a new violation, or the new content of an edit: a `Violation`'s
/// `content`, everything but its identity, status and bookkeeping. Checked by
/// `validate(catalog:nowMillis:)`.
public struct ViolationDraft: Hashable, Sendable, Codable {
    /// When the violation was observed, milliseconds since 1970-01-01T00:00:00Z.
    public var observedMillis: Int64
    public var location: GeoPoint
    /// A code of the deployment's `ViolationTypeCatalog`.
    public var typeCode: String
    /// What was found, e.g. "2 000 packs of cigarettes behind the rear seat".
    public var goodsDescription: String
    /// How much, in `quantityUnit`; never negative.
    public var quantity: Double?
    /// The unit of `quantity`, e.g. "packs", "l", "kg".
    public var quantityUnit: String?
    /// Estimated value in euros, 0 ... 1e9.
    public var estimatedValueEUR: Double?
    /// The registration plate as written on the vehicle, at most 16 characters.
    public var vehiclePlate: String?
    /// The vehicle's registration country, ISO 3166-1 alpha-2 (two uppercase letters).
    public var vehicleCountry: String?
    /// The road, border crossing or place name.
    public var roadOrCrossing: String?
    /// The patrol task during which it was found.
    public var taskID: Int64?
    /// The patrol unit that found it.
    public var unitID: Int64?
    /// The user who reported it.
    public var reportingUserID: Int64?
    public var notes: String

    public init(
        observedMillis: Int64,
        location: GeoPoint,
        typeCode: String,
        goodsDescription: String,
        quantity: Double? = nil,
        quantityUnit: String? = nil,
        estimatedValueEUR: Double? = nil,
        vehiclePlate: String? = nil,
        vehicleCountry: String? = nil,
        roadOrCrossing: String? = nil,
        taskID: Int64? = nil,
        unitID: Int64? = nil,
        reportingUserID: Int64? = nil,
        notes: String = ""
    ) {
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
        self.notes = notes
    }
}
