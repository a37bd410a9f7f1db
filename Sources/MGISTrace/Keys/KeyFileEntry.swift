/// One MTP/1 device of a key file: its id, display name and 32-byte key.
public struct KeyFileEntry: Hashable, Sendable {
    /// The MTP/1 device id, 1 ... 2^32-1.
    public var id: UInt32
    /// A display name for operators, e.g. `load-1000`.
    public var name: String
    /// The device's 32-byte HMAC key.
    public var key: [UInt8]

    /// The length of an MTP/1 device key (PROTOCOL.md: 32 random bytes).
    public static let keyLength = 32

    public init(id: UInt32, name: String, key: [UInt8]) {
        precondition(key.count == Self.keyLength, "an MTP/1 key is 32 bytes")
        self.id = id
        self.name = name
        self.key = key
    }
}
