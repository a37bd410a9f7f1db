/// The PEM files of the HTTP listener's TLS identity (`--tls-cert`, `--tls-key`).
///
/// Read at start (a bad file stops mgisd before it listens) and again on every `SIGHUP`, so a
/// renewed certificate is taken without a restart and without closing open connections.
public struct HTTPTLSConfiguration: Sendable {
    /// The certificate chain, leaf first, PEM.
    public var certificatePath: String
    /// The leaf certificate's private key, PEM, unencrypted (the file's permissions protect it).
    public var keyPath: String

    public init(certificatePath: String, keyPath: String) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
    }
}
