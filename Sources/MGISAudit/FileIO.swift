#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file operations the audit trail needs, with the guarantees it needs: exclusive
/// creation (a key is never overwritten), appends that are fsync'd before returning, and
/// permissions set at creation rather than after.
enum FileIO {
    struct Failure: Error, CustomStringConvertible {
        let path: String
        let operation: String
        let code: Int32
        var description: String { "\(operation) \(path): \(String(cString: strerror(code)))" }
        var isNotFound: Bool { code == ENOENT }
        var alreadyExists: Bool { code == EEXIST }
    }

    /// The whole file.
    static func readFile(_ path: String) throws(Failure) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(path: path, operation: "open", code: errno) }
        defer { close(fd) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(path: path, operation: "read", code: errno)
            }
            if count == 0 { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }

    /// Appends `bytes` (creating the file with `mode` if needed) and fsyncs.
    static func append(_ bytes: [UInt8], to path: String, mode: mode_t = 0o600) throws(Failure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, mode)
        guard fd >= 0 else { throw Failure(path: path, operation: "open", code: errno) }
        defer { close(fd) }
        try writeAll(fd, bytes, path: path)
        guard fsync(fd) == 0 else { throw Failure(path: path, operation: "fsync", code: errno) }
    }

    /// Creates `path` with `bytes`, failing with `alreadyExists` if it is there; fsyncs the file.
    static func createNew(_ path: String, _ bytes: [UInt8], mode: mode_t) throws(Failure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw Failure(path: path, operation: "create", code: errno) }
        defer { close(fd) }
        try writeAll(fd, bytes, path: path)
        guard fsync(fd) == 0 else { throw Failure(path: path, operation: "fsync", code: errno) }
    }

    /// Gives the complete file `temporary` the name `path` unless `path` exists (no overwrite),
    /// then removes the temporary name either way.
    static func linkNew(_ temporary: String, as path: String) throws(Failure) {
        defer { unlink(temporary) }
        guard link(temporary, path) == 0 else { throw Failure(path: path, operation: "link", code: errno) }
        syncDirectory(of: path)
    }

    /// Whether something exists at `path`, and whether it is a directory.
    static func kind(_ path: String) -> (exists: Bool, isDirectory: Bool) {
        var info = stat()
        guard stat(path, &info) == 0 else { return (false, false) }
        return (true, (info.st_mode & S_IFMT) == S_IFDIR)
    }

    /// The permission bits of `path` (following links), or `nil` when it cannot be read.
    static func permissions(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & 0o7777
    }

    /// The names in a directory, sorted.
    static func list(_ directory: String) throws(Failure) -> [String] {
        guard let handle = opendir(directory) else { throw Failure(path: directory, operation: "opendir", code: errno) }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The process id, to make temporary names unique between processes.
    static var processID: Int32 { getpid() }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(Failure) {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(path: path, operation: "write", code: errno)
            }
            written += count
        }
    }

    /// Makes a new directory entry durable; best effort, as not every file system allows it.
    private static func syncDirectory(of path: String) {
        let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let fd = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
