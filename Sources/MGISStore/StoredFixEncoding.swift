import Foundation
import MGISCore

/// The binary form of fixes inside `datagram_log.records` and `fix_chunks.data`.
///
/// Big-endian, fixed width, independent of any wire protocol so that MTP/1 and Teltonika fixes
/// share it. A log entry is the 28-byte fix; a chunk entry adds arrival time, seq and tag (48
/// bytes) so that duplicate detection and exports keep working after compaction.
///
///     fix (28): time_ms i64 | lat i32 | lon i32 | speed u16 | heading u16 | alt i16 |
///               hdop u8 | sats u8 | flags u16 | battery u8 | reserved u8 (0)
///     chunk entry (48): fix (28) | recv_ms i64 | seq u32 | tag u64
enum StoredFixEncoding {
    static let fixLength = 28
    static let chunkEntryLength = 48

    static func append(_ fix: Fix, to out: inout [UInt8]) {
        out.appendBigEndian(fix.timeMillis)
        out.appendBigEndian(fix.latE7)
        out.appendBigEndian(fix.lonE7)
        out.appendBigEndian(fix.speedCmS)
        out.appendBigEndian(fix.headingCentiDeg)
        out.appendBigEndian(fix.altitudeM)
        out.append(fix.hdopTenths)
        out.append(fix.satellites)
        out.appendBigEndian(fix.flags.rawValue)
        out.append(fix.batteryPercent)
        out.append(0)
    }

    static func decodeFix(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Fix {
        Fix(
            timeMillis: Int64(bitPattern: bytes.bigEndian(at: offset, as: UInt64.self)),
            latE7: Int32(bitPattern: bytes.bigEndian(at: offset + 8, as: UInt32.self)),
            lonE7: Int32(bitPattern: bytes.bigEndian(at: offset + 12, as: UInt32.self)),
            speedCmS: bytes.bigEndian(at: offset + 16, as: UInt16.self),
            headingCentiDeg: bytes.bigEndian(at: offset + 18, as: UInt16.self),
            altitudeM: Int16(bitPattern: bytes.bigEndian(at: offset + 20, as: UInt16.self)),
            hdopTenths: bytes[offset + 22],
            satellites: bytes[offset + 23],
            flags: FixFlags(rawValue: bytes.bigEndian(at: offset + 24, as: UInt16.self)),
            batteryPercent: bytes[offset + 26]
        )
    }

    /// The fixes of one log row.
    static func decodeFixes(_ data: Data) -> [Fix] {
        data.withUnsafeBytes { bytes in
            stride(from: 0, to: bytes.count - fixLength + 1, by: fixLength).map { decodeFix(bytes, at: $0) }
        }
    }

    static func appendChunkEntry(_ entry: ChunkEntry, to out: inout [UInt8]) {
        append(entry.fix, to: &out)
        out.appendBigEndian(entry.receivedMillis)
        out.appendBigEndian(entry.seq)
        out.appendBigEndian(entry.tag)
    }

    static func decodeChunk(_ data: Data) -> [ChunkEntry] {
        data.withUnsafeBytes { bytes in
            stride(from: 0, to: bytes.count - chunkEntryLength + 1, by: chunkEntryLength).map { offset in
                ChunkEntry(
                    fix: decodeFix(bytes, at: offset),
                    receivedMillis: Int64(bitPattern: bytes.bigEndian(at: offset + 28, as: UInt64.self)),
                    seq: bytes.bigEndian(at: offset + 36, as: UInt32.self),
                    tag: bytes.bigEndian(at: offset + 40, as: UInt64.self)
                )
            }
        }
    }
}

/// One fix with the datagram it came in, as kept in a chunk.
struct ChunkEntry: Sendable {
    var fix: Fix
    var receivedMillis: Int64
    var seq: UInt32
    var tag: UInt64
}

extension Array where Element == UInt8 {
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        var big = value.bigEndian
        Swift.withUnsafeBytes(of: &big) { append(contentsOf: $0) }
    }
}

extension UnsafeRawBufferPointer {
    func bigEndian<T: FixedWidthInteger>(at offset: Int, as type: T.Type) -> T {
        T(bigEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}
