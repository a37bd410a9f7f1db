/// One kind of violation a patrol can record: a stable machine code and a label for people.
///
/// Codes are what the register, imports and filters store; labels may be reworded or
/// translated without touching recorded violations. A `ViolationTypeCatalog` holds the list.
public struct ViolationType: Hashable, Sendable, Codable {
    /// Lowercase ASCII letters, digits and underscores, 1 ... 32 characters, e.g. `"fuel"`.
    public var code: String
    /// What a person reads, e.g. `"Fuel"`.
    public var label: String

    public init(code: String, label: String) {
        self.code = code
        self.label = label
    }

    /// The longest code a catalog accepts.
    public static let maximumCodeLength = 32

    /// Whether `code` is 1 ... 32 characters of `a-z`, `0-9` and `_`, starting with a letter.
    public static func isWellFormedCode(_ code: String) -> Bool {
        let scalars = code.unicodeScalars
        guard let first = scalars.first, scalars.count <= maximumCodeLength, ("a"..."z").contains(first) else {
            return false
        }
        return scalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
