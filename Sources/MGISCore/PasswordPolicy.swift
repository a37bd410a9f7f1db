/// The one rule for every password MGIS sets: the API (`POST`/`PATCH /api/v1/users`),
/// `mgisctl user add|passwd` and the first admin.
///
/// bcrypt reads at most 72 bytes of a password and silently ignores the rest, so two passwords
/// that share their first 72 bytes would be the same password. MGIS refuses longer ones instead
/// of truncating (or pre-hashing, which would tie stored hashes to a scheme of our own): the
/// limit is in bytes of UTF-8, so a password in Lithuanian or Cyrillic letters reaches it sooner.
public enum PasswordPolicy {
    /// The fewest characters.
    public static let minimumCharacters = 10
    /// The most bytes of UTF-8: all bcrypt reads.
    public static let maximumBytes = 72

    /// What is wrong with a password, if anything.
    public enum Problem: Sendable, Equatable {
        /// Fewer than `minimumCharacters` characters.
        case tooShort
        /// More than `maximumBytes` bytes of UTF-8 (the count given).
        case tooLong(bytes: Int)

        /// A sentence about the problem, to follow the field's name.
        public var message: String {
            switch self {
            case .tooShort:
                "must have at least \(PasswordPolicy.minimumCharacters) characters (and at most \(PasswordPolicy.maximumBytes) bytes of UTF-8)"
            case .tooLong(let bytes):
                "has \(bytes) bytes of UTF-8; at most \(PasswordPolicy.maximumBytes) are allowed, because bcrypt ignores every byte past the 72nd"
            }
        }
    }

    /// The problem with `password`, or `nil` when it may be set.
    public static func problem(_ password: String) -> Problem? {
        let bytes = password.utf8.count
        if bytes > maximumBytes { return .tooLong(bytes: bytes) }
        if password.count < minimumCharacters { return .tooShort }
        return nil
    }

    /// Whether `password` could ever match a stored hash: one longer than bcrypt reads could only
    /// match by its first 72 bytes, which is the password of someone else's choosing.
    public static func mayMatch(_ password: String) -> Bool {
        password.utf8.count <= maximumBytes
    }
}
