import Foundation

/// Reads a file forward in chunks and hands out exact byte counts, tracking the file offset.
///
/// Trace files can be large, so they are streamed rather than loaded whole; records are small,
/// so a refill now and then is all the buffering needed.
struct FileByteSource {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    /// Index in `buffer` of the next unread byte.
    private var start = 0
    private var reachedEnd = false
    /// The file offset of the next unread byte.
    private(set) var offset: Int64 = 0

    private static let chunk = 256 * 1024

    init(path: String) throws {
        self.handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
    }

    /// Unread bytes already in memory.
    var buffered: Int { buffer.count - start }

    /// Makes `count` bytes available; `false` when the file ends first.
    mutating func require(_ count: Int) throws -> Bool {
        while buffered < count && !reachedEnd {
            if start > 0 {
                buffer.removeFirst(start)
                start = 0
            }
            let data = try handle.read(upToCount: Self.chunk) ?? Data()
            if data.isEmpty { reachedEnd = true } else { buffer.append(contentsOf: data) }
        }
        return buffered >= count
    }

    /// `count` bytes from the current position without consuming them; `require` first.
    func peek(_ count: Int) -> ArraySlice<UInt8> {
        buffer[start..<(start + count)]
    }

    /// Consumes `count` bytes; `require` first.
    mutating func skip(_ count: Int) {
        start += count
        offset += Int64(count)
    }

    /// `true` when every byte of the file has been consumed.
    mutating func isAtEnd() throws -> Bool {
        try !require(1)
    }
}
