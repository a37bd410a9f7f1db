/// A person (or wall screen) that signs in to MGIS.
public struct User: Hashable, Sendable {
    public var id: Int64
    /// Login name: 1-64 characters of letters, digits, `.`, `_` or `-`.
    public var name: String
    public var roles: Set<Role>
    /// The mobile group a `patrol` user belongs to.
    public var unitID: Int64?
    public var disabled: Bool
    public var createdMillis: Int64

    public init(id: Int64, name: String, roles: Set<Role>, unitID: Int64?, disabled: Bool, createdMillis: Int64) {
        self.id = id
        self.name = name
        self.roles = roles
        self.unitID = unitID
        self.disabled = disabled
        self.createdMillis = createdMillis
    }

    /// Whether a login name has an acceptable shape.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.unicodeScalars.allSatisfy { scalar in
                (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
                    || scalar == "." || scalar == "_" || scalar == "-"
            }
    }
}
