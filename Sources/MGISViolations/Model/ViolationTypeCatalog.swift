/// The configurable list of violation types a deployment accepts.
///
/// Services differ in what they seize, so the list is data, not an enum: the default
/// catalog covers the usual customs categories and a deployment can replace it.
/// Codes are checked once, here, so every draft validated against a catalog has a known type.
public struct ViolationTypeCatalog: Hashable, Sendable, Codable {
    /// The types in display order.
    public let types: [ViolationType]

    /// A catalog of `types`; throws when a code is malformed, a label is empty or a code repeats.
    public init(_ types: [ViolationType]) throws {
        var seen = Set<String>()
        for type in types {
            guard ViolationType.isWellFormedCode(type.code) else {
                throw ViolationError(
                    .invalidCatalog,
                    "violation type code '\(type.code)' must be 1 to \(ViolationType.maximumCodeLength) characters of a-z, 0-9 and _, starting with a letter"
                )
            }
            guard !type.label.allSatisfy(\.isWhitespace) else {
                throw ViolationError(.invalidCatalog, "violation type '\(type.code)' has an empty label")
            }
            guard seen.insert(type.code).inserted else {
                throw ViolationError(.invalidCatalog, "violation type code '\(type.code)' appears twice")
            }
        }
        guard !types.isEmpty else { throw ViolationError(.invalidCatalog, "a violation type catalog needs at least one type") }
        self.types = types
    }

    /// The default customs categories.
    public static let standard: ViolationTypeCatalog = {
        let types = [
            ViolationType(code: "cigarettes", label: "Cigarettes and tobacco"),
            ViolationType(code: "alcohol", label: "Alcohol"),
            ViolationType(code: "fuel", label: "Fuel"),
            ViolationType(code: "drugs", label: "Drugs"),
            ViolationType(code: "cash", label: "Undeclared cash"),
            ViolationType(code: "counterfeit_goods", label: "Counterfeit goods"),
            ViolationType(code: "weapons", label: "Weapons and ammunition"),
            ViolationType(code: "undeclared_goods", label: "Undeclared goods"),
            ViolationType(code: "other", label: "Other"),
        ]
        // The list above is a constant that satisfies every rule of `init`.
        return try! ViolationTypeCatalog(types)
    }()

    /// Whether `code` names a type of this catalog.
    public func contains(code: String) -> Bool {
        types.contains { $0.code == code }
    }

    /// The type with `code`, or `nil` when the catalog has none.
    public func type(code: String) -> ViolationType? {
        types.first { $0.code == code }
    }
}
