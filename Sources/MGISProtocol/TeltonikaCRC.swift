/// CRC-16/IBM (also called CRC-16/ARC): polynomial 0x8005 reflected (0xA001), initial value 0,
/// no final XOR, as the Teltonika wiki specifies for the TCP AVL data packet.
///
/// Bitwise rather than table-driven: frames are small and this keeps the code obviously equal to
/// the wiki's reference algorithm. Check value over ASCII "123456789" is 0xBB3D.
public enum TeltonikaCRC {
    /// The CRC of `bytes`; the TCP frame carries it in the low two bytes of its 4-byte CRC field.
    public static func crc16IBM(_ bytes: UnsafeRawBufferPointer) -> UInt16 {
        var crc: UInt16 = 0
        for byte in bytes {
            crc ^= UInt16(byte)
            for _ in 0..<8 {
                crc = crc & 1 == 1 ? (crc >> 1) ^ 0xA001 : crc >> 1
            }
        }
        return crc
    }

    /// The CRC of `bytes`, for encoders and tests.
    public static func crc16IBM(_ bytes: [UInt8]) -> UInt16 {
        bytes.withUnsafeBytes { crc16IBM($0) }
    }
}
