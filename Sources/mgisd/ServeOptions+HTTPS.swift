import ArgumentParser
import Foundation
import Logging
import MGISHTTP
import MGISServer

extension ServeOptions {
    /// `--tls-cert` and `--tls-key`, both or neither. The files are read (and checked to match)
    /// when the server is built, so a bad pair stops mgisd before it listens.
    func tlsConfiguration(_ settings: SettingSources) throws -> HTTPTLSConfiguration? {
        let certificate = settings.string("tls-cert", cli: tlsCert, default: "")
        let key = settings.string("tls-key", cli: tlsKey, default: "")
        switch (certificate.isEmpty, key.isEmpty) {
        case (true, true): return nil
        case (false, false): return HTTPTLSConfiguration(certificatePath: certificate, keyPath: key)
        default: throw ValidationError("--tls-cert and --tls-key go together")
        }
    }

    /// Where HTTP listens: `--http-host`, else `--host` when given, else every interface with TLS
    /// and only the loopback interface without. Passwords, bearer tokens and wall-display links
    /// must not cross a network in clear, so plain HTTP reaches other machines only when asked
    /// for, e.g. behind a TLS proxy on another host (README, "TLS").
    func httpListenerHost(_ settings: SettingSources, tls: Bool) -> String {
        let shared = settings.string("host", cli: host, default: "")
        return settings.string("http-host", cli: httpHost, default: shared.isEmpty ? (tls ? "0.0.0.0" : "127.0.0.1") : shared)
    }
}

extension HTTPConfiguration {
    /// Says at start-up when plain HTTP was bound beyond the loopback interface on purpose.
    func warnIfPlainOnNetwork(_ logger: Logger) {
        guard tls == nil, !["127.0.0.1", "::1", "localhost"].contains(host) else { return }
        logger.warning(
            "HTTP without TLS on \(host): passwords and tokens cross the network in clear; give --tls-cert and --tls-key, or put a TLS proxy in front"
        )
    }
}
