import Foundation

/// A second place checkpoints are written to as they are made, so that replacing or
/// truncating the audit file cannot also erase what was signed (use another disk, a
/// write-once mount or a synced folder). `mgisctl audit verify --checkpoint PATH` reads it back.
public struct AuditCheckpointCopy: Sendable, Hashable {
    private enum Kind: Hashable {
        case file
        case directory
    }

    private let kind: Kind
    /// The file or directory.
    public let path: String

    /// Append each checkpoint as one line of JSON (see `SignedCheckpoint`) to this file,
    /// created with mode 0600; each append is fsync'd.
    public static func file(_ path: String) -> AuditCheckpointCopy {
        AuditCheckpointCopy(kind: .file, path: path)
    }

    /// Write each checkpoint to a new file `checkpoint-<tree size>-<time ms>.json` in this
    /// existing directory; never overwrites one.
    public static func directory(_ path: String) -> AuditCheckpointCopy {
        AuditCheckpointCopy(kind: .directory, path: path)
    }

    /// Writes one checkpoint.
    func write(_ checkpoint: SignedCheckpoint) throws {
        let line = try Self.jsonLine(checkpoint)
        switch kind {
        case .file:
            try FileIO.append(line, to: path)
        case .directory:
            let stem = "\(path)/checkpoint-\(checkpoint.treeSize)-\(checkpoint.timeMillis)"
            // Two checkpoints of the same size in the same millisecond get suffixes -2, -3...
            for attempt in 1...100 {
                let name = attempt == 1 ? "\(stem).json" : "\(stem)-\(attempt).json"
                if FileIO.kind(name).exists { continue }
                try FileIO.createNew(name, line, mode: 0o600)
                return
            }
            throw AuditError(.checkpointFile, "too many checkpoint files named \(stem)*.json")
        }
    }

    /// One checkpoint as a line of compact JSON with sorted keys.
    static func jsonLine(_ checkpoint: SignedCheckpoint) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(checkpoint)) + [UInt8(ascii: "\n")]
    }

    /// Every checkpoint in a file of JSON lines, or in the `.json` files of a directory.
    public static func readCheckpoints(at path: String) throws(AuditError) -> [SignedCheckpoint] {
        let kind = FileIO.kind(path)
        guard kind.exists else { throw AuditError(.checkpointFile, "no checkpoint file or directory at \(path)") }
        do {
            let files = kind.isDirectory
                ? try FileIO.list(path).filter { $0.hasSuffix(".json") }.map { "\(path)/\($0)" } : [path]
            var checkpoints: [SignedCheckpoint] = []
            let decoder = JSONDecoder()
            for file in files {
                let lines = try FileIO.readFile(file).split(separator: UInt8(ascii: "\n"))
                for (number, line) in lines.enumerated() where !line.allSatisfy({ $0 == 32 || $0 == 13 || $0 == 9 }) {
                    do {
                        checkpoints.append(try decoder.decode(SignedCheckpoint.self, from: Data(line)))
                    } catch {
                        throw AuditError(.checkpointFile, "\(file) line \(number + 1) is not a checkpoint: \(error)")
                    }
                }
            }
            return checkpoints
        } catch let error as AuditError {
            throw error
        } catch {
            throw AuditError(.checkpointFile, "cannot read checkpoints from \(path): \(error)")
        }
    }
}
