#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The free space of the filesystem holding the data directory, against a reserve.
///
/// Below the reserve, the HTTP side refuses changes (`507`) and `/healthz` says why, so that the
/// space left goes to what matters most: the positions trackers send (ingest keeps storing, and
/// acknowledges only what it could store) and the audit trail. `refresh()` reads the space anew
/// (one `statvfs` call); `DiskSpaceService` calls it every second, so a disk that fills or empties
/// is noticed, and everything resumes by itself once space returns.
public final class DiskSpaceWatch: Sendable {
    public let path: String
    /// Bytes that must stay free for changes to be accepted; 0 turns the reserve off.
    public let reserveBytes: Int64
    /// The free bytes last read, -1 before the first read or when the filesystem cannot be read.
    private let free = Atomic<Int64>(-1)

    public init(path: String, reserveBytes: Int64) {
        self.path = path
        self.reserveBytes = max(0, reserveBytes)
    }

    /// Free bytes available to mgisd (not counting root's reserved blocks), read now.
    @discardableResult
    public func refresh() -> Int64? {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else {
            free.store(-1, ordering: .relaxed)
            return nil
        }
        let bytes = Int64(info.f_bavail) * Int64(info.f_frsize)
        free.store(bytes, ordering: .relaxed)
        return bytes
    }

    /// The free bytes at the last refresh, nil when unknown.
    public var freeBytes: Int64? {
        let value = free.load(ordering: .relaxed)
        return value >= 0 ? value : nil
    }

    /// Whether changes must be refused: the free space is known and below the reserve.
    public var isBelowReserve: Bool {
        guard let freeBytes else { return false }
        return freeBytes < reserveBytes
    }

    /// A sentence for `/healthz` and error messages.
    public var summary: String {
        guard let freeBytes else { return "unknown: the data directory's filesystem cannot be read" }
        let text = "\(freeBytes / 1_048_576) MiB free, \(reserveBytes / 1_048_576) MiB reserved"
        return isBelowReserve ? "below reserve: \(text); changes are refused until space returns" : "ok: \(text)"
    }
}
