public import MGISCore

/// A violation recorded by a patrol on the spot (smuggled goods, an undeclared load): enough to
/// open a case and to put it on the analysts' map.
public struct OnTheSpotViolation: Hashable, Sendable, Codable {
    /// A short code or name of the kind of violation, such as `tobacco`, 1 ... 64 characters.
    public var type: String
    public var goodsDescription: String
    public var quantity: Double?
    /// The unit of `quantity`, such as `pcs`, `kg`, `l`.
    public var quantityUnit: String?
    public var estimatedValueEUR: Double?
    public var vehiclePlate: String?
    /// ISO 3166-1 alpha-2 code of the vehicle's registration country.
    public var vehicleCountry: String?
    public var location: GeoPoint
    public var observedMillis: Int64

    public init(
        type: String,
        goodsDescription: String,
        quantity: Double? = nil,
        quantityUnit: String? = nil,
        estimatedValueEUR: Double? = nil,
        vehiclePlate: String? = nil,
        vehicleCountry: String? = nil,
        location: GeoPoint,
        observedMillis: Int64
    ) {
        self.type = type
        self.goodsDescription = goodsDescription
        self.quantity = quantity
        self.quantityUnit = quantityUnit
        self.estimatedValueEUR = estimatedValueEUR
        self.vehiclePlate = vehiclePlate
        self.vehicleCountry = vehicleCountry
        self.location = location
        self.observedMillis = observedMillis
    }
}
