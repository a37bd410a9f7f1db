import NIOSSL

/// One certificate chain and its private key, read from PEM files and proven to belong together.
struct TLSIdentity: Sendable {
    let chain: [NIOSSLCertificate]
    let key: NIOSSLPrivateKey

    /// Reads both files. Builds a throw-away server context from them, which is where BoringSSL
    /// refuses a key that does not match the leaf certificate: a pair that passes here cannot
    /// fail later in a handshake.
    init(_ files: HTTPTLSConfiguration) throws {
        let chain = try Self.naming(files.certificatePath) { try NIOSSLCertificate.fromPEMFile(files.certificatePath) }
        guard !chain.isEmpty else { throw TLSIdentityError(message: "no certificate in \(files.certificatePath)") }
        let key = try Self.naming(files.keyPath) { try NIOSSLPrivateKey(file: files.keyPath, format: .pem) }
        _ = try Self.naming("\(files.certificatePath) with \(files.keyPath)") {
            try NIOSSLContext(
                configuration: .makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
            )
        }
        self.chain = chain
        self.key = key
    }

    /// NIOSSL's errors name no file (`failedToLoadCertificate`); the operator needs to know which.
    private static func naming<T>(_ what: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw TLSIdentityError(message: "TLS: cannot use \(what): \(error)")
        }
    }

    /// What the logs and metrics say about the leaf certificate (nothing secret).
    var summary: TLSIdentitySummary {
        let leaf = chain[0]
        return TLSIdentitySummary(
            serialNumber: leaf.serialNumber.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(),
            notValidAfter: Int64(leaf.notValidAfter)
        )
    }
}

/// The leaf certificate of the identity in use: its serial number and expiry.
public struct TLSIdentitySummary: Sendable, Equatable {
    /// Lower-case hex, as `openssl x509 -serial` prints it (there in upper case).
    public let serialNumber: String
    /// Unix seconds.
    public let notValidAfter: Int64
}

/// A certificate or key that cannot be used, naming the file and NIOSSL's reason.
struct TLSIdentityError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
