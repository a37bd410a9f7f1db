import Foundation
import MGISStore

/// Where admins' runtime recordings go: `DATA/recordings/`, under a cap on its total size.
///
/// The API takes a file name, never a path: a path from HTTP would let a stolen admin token
/// write attacker-chosen bytes (recorded datagrams) anywhere the server may write, such as an
/// `authorized_keys` file.
struct RecordingDirectory: Sendable {
    /// The default cap on the directory's total size: 1 GiB.
    static let defaultCapBytes: Int64 = 1 << 30

    /// The directory itself.
    let path: String
    /// The most all its files together may hold; a recording that would pass it is refused.
    let capBytes: Int64

    /// - Parameters:
    ///   - dataDirectory: mgisd's data directory; recordings go to its `recordings/`.
    ///   - capBytes: the cap on the total size of the files there.
    init(dataDirectory: String, capBytes: Int64 = Self.defaultCapBytes) {
        path = (dataDirectory as NSString).appendingPathComponent("recordings")
        self.capBytes = capBytes
    }

    /// Why `name` is not a recording name, or nil when it is one: letters, digits, `-`, `_` and
    /// `.`, at most 128 characters, not starting with a dot (no hidden files, no `..`).
    static func problem(with name: String) -> String? {
        if name.contains("/") || name.contains("\\") {
            return "must be a file name, not a path: recordings are written to the data directory's recordings/"
        }
        guard !name.isEmpty, name.count <= 128 else { return "must have 1 to 128 characters" }
        guard !name.hasPrefix(".") else { return "must not start with a dot" }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        guard name.allSatisfy(allowed.contains) else { return "may hold only letters, digits, '-', '_' and '.'" }
        return nil
    }

    /// The file a valid `name` is recorded to.
    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// The name of `file` when it lies in this directory (a runtime recording), else nil (one
    /// started with `--record` elsewhere).
    func name(of file: String) -> String? {
        let url = URL(fileURLWithPath: file)
        return url.deletingLastPathComponent().standardizedFileURL.path == URL(fileURLWithPath: path).standardizedFileURL.path
            ? url.lastPathComponent : nil
    }

    /// Creates the directory (owner only) if it is not there yet.
    func create() throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// The bytes the directory's regular files hold now (rotated segments included).
    func usedBytes() -> Int64 {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: path) else { return 0 }
        return names.reduce(0) { total, name in
            let attributes = try? manager.attributesOfItem(atPath: file(name))
            guard attributes?[.type] as? FileAttributeType == .typeRegular else { return total }
            return total + ((attributes?[.size] as? NSNumber)?.int64Value ?? 0)
        }
    }
}

extension RecordingDirectory {
    /// The recordings directory of the server whose store is `store`: its SQLite file
    /// (`DATA/mgis.sqlite`) lies in the data directory.
    init(store: Store, capBytes: Int64 = Self.defaultCapBytes) {
        self.init(dataDirectory: (store.configuration.path as NSString).deletingLastPathComponent, capBytes: capBytes)
    }
}
