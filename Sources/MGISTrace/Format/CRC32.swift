/// CRC-32 (IEEE 802.3, as zlib and PNG use it): reflected polynomial 0xEDB88320, initial and
/// final XOR 0xFFFFFFFF. Check value over ASCII "123456789" is 0xCBF43926.
///
/// Chosen over a cryptographic hash because it only has to catch torn writes and bit rot, and
/// any tool (`python3 -c 'import zlib'`) can recompute it when a trace needs inspecting.
public enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var crc = UInt32(index)
        for _ in 0..<8 {
            crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
        }
        return crc
    }

    /// The CRC of `bytes`.
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return crc ^ 0xFFFF_FFFF
    }
}
