import Crypto
public import Foundation

/// Makes and checks MTP/1 tags: the first 8 bytes of HMAC-SHA256 under one device's key.
///
/// Holds an HMAC state already keyed, so each tag costs one copy and one update instead of
/// re-deriving the inner and outer pads (about 1.3 us instead of 3.3 us per datagram).
///
/// `@unchecked Sendable`: `HMAC<SHA256>` is a copy-on-write value whose BoringSSL context is
/// never mutated in place while shared (swift-crypto checks `isKnownUniquelyReferenced` before
/// updating), and this type only ever updates private copies, so concurrent use is safe.
public struct MTPAuthenticator: @unchecked Sendable {
    private let keyed: HMAC<SHA256>

    /// - Parameter key: the device's 32-byte key.
    public init(key: some ContiguousBytes) {
        self.keyed = HMAC<SHA256>(key: SymmetricKey(data: key))
    }

    /// The tag of `bytes`, as the big-endian integer of the MAC's first 8 bytes.
    public func tag(for bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hmac = keyed
        hmac.update(data: bytes)
        let mac = hmac.finalize()
        return mac.withUnsafeBytes { $0.readUInt64(at: 0) }
    }

    /// The tag of `bytes`.
    public func tag(for bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { tag(for: $0) }
    }

    /// Compares the tag of `bytes` with `expected` in constant time.
    public func isValid(tag expected: UInt64, for bytes: UnsafeRawBufferPointer) -> Bool {
        // XOR and test once: the time taken does not depend on where the tags differ.
        (tag(for: bytes) ^ expected) == 0
    }
}
