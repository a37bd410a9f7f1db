import ArgumentParser
import Foundation
import MGISAudit

/// Where `mgisctl audit` finds its keys: the signing key where mgisd keeps it (`--audit-key`,
/// as `mgisd serve --audit-key`), or a public key alone (`--public-key`), which is all a check
/// needs: an auditor verifies the trail without ever holding the key that signs it.
struct AuditKeyOptions: ParsableArguments {
    @Option(
        name: .customLong("audit-key"),
        help: "The checkpoint signing key file, as given to mgisd --audit-key (default: $MGIS_AUDIT_KEY, else DATA/audit-signing.key)."
    )
    var auditKey: String?

    @Option(
        name: .customLong("public-key"),
        help: "Check with this public key alone: a file holding its 64 hex digits (what 'mgisctl audit pubkey' prints) or the digits themselves. The signing key is then not read."
    )
    var publicKey: String?

    /// The signing key file for the data directory `directory`.
    func signingKeyPath(dataDirectory directory: String) -> String {
        Self.signingKeyPath(auditKey, dataDirectory: directory)
    }

    /// The signing key file: `option` if given, else `$MGIS_AUDIT_KEY`, else the data directory's.
    static func signingKeyPath(_ option: String?, dataDirectory directory: String) -> String {
        option ?? ProcessInfo.processInfo.environment["MGIS_AUDIT_KEY"] ?? directory + "/" + AuditSigningKey.fileName
    }

    /// The key checkpoints must verify with: `hex` if given (`--pubkey`), else `--public-key`, else
    /// the public half of the signing key.
    func publicKey(hex: String? = nil, dataDirectory directory: String) throws -> AuditPublicKey {
        if let hex { return try AuditPublicKey(hex: hex) }
        if let publicKey { return try Self.readPublicKey(publicKey) }
        let path = signingKeyPath(dataDirectory: directory)
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandError("no audit signing key at \(path); pass --public-key FILE|HEX (or --audit-key FILE)")
        }
        return try AuditSigningKey.load(path: path).publicKey
    }

    /// A public key from a file of 64 hex digits, or from the digits given directly.
    static func readPublicKey(_ argument: String) throws -> AuditPublicKey {
        guard FileManager.default.fileExists(atPath: argument) else {
            guard argument.count == 64, argument.allSatisfy(\.isHexDigit) else {
                throw CommandError("--public-key: \(argument) is neither a file nor 64 hex digits")
            }
            return try AuditPublicKey(hex: argument)
        }
        guard let text = try? String(contentsOfFile: argument, encoding: .utf8) else {
            throw CommandError("--public-key: cannot read \(argument)")
        }
        do {
            return try AuditPublicKey(hex: text)
        } catch {
            throw CommandError("--public-key: \(argument) does not hold a public key of 64 hex digits")
        }
    }
}
