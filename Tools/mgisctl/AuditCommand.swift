import ArgumentParser
import Foundation
import MGISAudit

/// `mgisctl audit`: verify the tamper-evident audit trail, prove and export entries offline.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Verify the tamper-evident audit trail and export entries with proofs.",
        discussion: "Reads DATA/audit.sqlite and the signing key (DATA/audit-signing.key, or --audit-key), or only a public key (--public-key); safe while mgisd runs.",
        subcommands: [Verify.self, Prove.self, Export.self, VerifyExport.self, PublicKey.self]
    )

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every entry, tree root, node and checkpoint; exit 1 naming the first failure."
        )
        @OptionGroup var options: DataOptions
        @Option(help: "Checkpoint copies to check too: a JSON-lines file or a directory of .json files.")
        var checkpoint: String?
        @Option(help: "Public key (hex) checkpoints must verify with (default: --public-key, else that of the signing key).")
        var pubkey: String?
        @OptionGroup var keys: AuditKeyOptions

        func run() throws {
            try reportingAuditErrors {
                let store = try options.openAuditStore()
                let key = try keys.publicKey(hex: pubkey, dataDirectory: options.directory)
                let external = try checkpoint.map { try AuditCheckpointCopy.readCheckpoints(at: $0) } ?? []
                let report = try AuditVerifier(store: store, publicKey: key).verify(externalCheckpoints: external)
                if let failure = report.failure {
                    throw CommandError("audit verification FAILED at \(failure)")
                }
                print(report)
                if report.unsignedEntries > 0 {
                    print("note: the last \(report.unsignedEntries) entries are not covered by a checkpoint yet")
                }
            }
        }
    }

    struct Prove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print entry N with its inclusion proof against the latest checkpoint (an export of one entry)."
        )
        @OptionGroup var options: DataOptions
        @Option(help: "Entry index (from 0).") var entry: Int
        @OptionGroup var keys: AuditKeyOptions

        func run() throws {
            try reportingAuditErrors {
                let store = try options.openAuditStore()
                let export = try store.export(from: entry, to: entry, publicKey: try keys.publicKey(dataDirectory: options.directory))
                print(String(decoding: try export.jsonData(), as: UTF8.self))
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write entries with their inclusion proofs and the latest checkpoint to a self-contained JSON file."
        )
        @OptionGroup var options: DataOptions
        @Option(help: "First entry (default 0).") var from: Int?
        @Option(help: "Last entry, inclusive (default: the last one the latest checkpoint covers).") var to: Int?
        @Option(help: "The file to write.") var out: String
        @OptionGroup var keys: AuditKeyOptions

        func run() throws {
            try reportingAuditErrors {
                let store = try options.openAuditStore()
                let export = try store.export(from: from, to: to, publicKey: try keys.publicKey(dataDirectory: options.directory))
                try export.jsonData().write(to: URL(fileURLWithPath: out))
                let first = export.entries.first?.index ?? 0
                let last = export.entries.last?.index ?? 0
                print(
                    "Exported entries \(first)...\(last) (\(export.entries.count)) with proofs against the checkpoint "
                        + "of \(export.checkpoint.treeSize) entries to \(out)"
                )
            }
        }
    }

    struct VerifyExport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify-export",
            abstract: "Verify an export or proof file offline; exit 1 naming the first failing entry."
        )
        @Argument(help: "The export file.") var file: String
        @Option(help: "The operator's public key (hex); default: the key written in the file.") var pubkey: String?

        func run() throws {
            try reportingAuditErrors {
                let data: Data
                do {
                    data = try Data(contentsOf: URL(fileURLWithPath: file))
                } catch {
                    throw CommandError("cannot read \(file): \(error.localizedDescription)")
                }
                let export = try AuditExport(jsonData: data)
                let key = try pubkey.map { try AuditPublicKey(hex: $0) }
                let report = AuditVerifier.verifyExport(export, publicKey: key)
                if let failure = report.failure {
                    throw CommandError("export verification FAILED at \(failure)")
                }
                print("OK: \(report.entries) entries proven against the checkpoint of \(export.checkpoint.treeSize) entries")
                if key == nil {
                    print("note: checked with the key in the file (\(export.publicKey)); pass --pubkey to pin the operator's key")
                }
            }
        }
    }

    struct PublicKey: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pubkey",
            abstract: "Print the public key (hex) of the checkpoint signing key, creating the key if there is none."
        )
        @OptionGroup var options: DataOptions
        @Option(
            name: .customLong("audit-key"),
            help: "The signing key file, as given to mgisd --audit-key (default: $MGIS_AUDIT_KEY, else DATA/audit-signing.key)."
        )
        var auditKey: String?

        func run() throws {
            try reportingAuditErrors {
                try FileManager.default.createDirectory(atPath: options.directory, withIntermediateDirectories: true)
                let path = AuditKeyOptions.signingKeyPath(auditKey, dataDirectory: options.directory)
                let key = try AuditSigningKey.loadOrCreate(path: path)
                print(key.publicKey.hex)
            }
        }
    }
}

extension DataOptions {
    /// Opens the audit file; refuses to create one where there is none.
    func openAuditStore() throws -> AuditStore {
        let configuration = AuditStoreConfiguration(dataDirectory: directory)
        guard FileManager.default.fileExists(atPath: configuration.path) else {
            throw CommandError("no audit log at \(configuration.path)")
        }
        return try AuditStore(configuration: configuration)
    }
}

/// Prints audit refusals as one clean line instead of a stack of types.
private func reportingAuditErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as AuditError {
        throw CommandError(error.message)
    }
}
