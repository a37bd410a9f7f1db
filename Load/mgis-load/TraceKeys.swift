import Foundation
import MGISTrace

/// Key files and trace output shared by `trace gen` and `trace from-gpx`.
enum TraceKeys {
    /// The keys at `path` when that file exists (each of `ids` must be in it), else fresh keys
    /// for `ids` written there (mode 0600) for `mgisctl device import`; fresh keys not written
    /// anywhere when `path` is nil.
    static func load(or path: String?, ids: [UInt32]) throws -> MGISTrace.KeyFile {
        if let path, FileManager.default.fileExists(atPath: path) {
            let keys = try KeyFile.traceKeys(path: path)
            if let missing = ids.first(where: { keys.key(for: $0) == nil }) {
                throw LoadError("\(path) has no key for device \(missing); the trace needs devices \(ids.first!)...\(ids.last!)")
            }
            return keys
        }
        var random = SystemRandomNumberGenerator()
        let keys = MGISTrace.KeyFile.generate(ids: ids, using: &random)
        if let path {
            do {
                try keys.write(to: path)
            } catch {
                throw LoadError("\(error)")
            }
            StandardError.write("mgis-load: wrote \(ids.count) device keys to \(path); import them with `mgisctl device import \(path)`")
        }
        return keys
    }

    /// Writes `records` as a trace at `path` (one file; no rotation for made-up traffic).
    static func writeTrace(_ records: [TraceRecord], startMillis: Int64, to path: String, label: String) throws {
        do {
            let writer = try TraceWriter(path: path, startMillis: startMillis, label: String(label.utf8.prefix(4096)) ?? "", maxBytes: .max)
            for record in records { try writer.append(record) }
            try writer.close()
        } catch {
            throw LoadError("\(error)")
        }
    }
}
