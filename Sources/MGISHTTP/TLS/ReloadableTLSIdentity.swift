import NIOCore
public import NIOSSL
import Synchronization

/// The HTTP listener's certificate and key, replaceable while it runs (`SIGHUP`).
///
/// Hummingbird's `TLSChannel` builds one `NIOSSLContext` from a fixed `TLSConfiguration` at
/// start. Rather than a channel of our own, the configuration it gets carries an
/// `sslContextCallback`: NIOSSL calls it at each handshake, after the client hello, and it hands
/// over the identity held here now. A reload swaps that identity under a lock; handshakes after it
/// present the new certificate, connections already open keep theirs, and a pair that fails to
/// load (unreadable, malformed, a key that is not the certificate's) leaves the old one in place.
public final class ReloadableTLSIdentity: Sendable {
    private let files: HTTPTLSConfiguration
    private let current: Mutex<TLSIdentity>

    /// Reads the files once; throws when they do not make a usable identity.
    public init(files: HTTPTLSConfiguration) throws {
        self.files = files
        current = Mutex(try TLSIdentity(files))
    }

    /// The leaf certificate handshakes present now.
    public var summary: TLSIdentitySummary {
        current.withLock { $0.summary }
    }

    /// Reads the files again and, only when they load, makes them the identity of new handshakes.
    @discardableResult
    public func reload() throws -> TLSIdentitySummary {
        let fresh = try TLSIdentity(files)
        current.withLock { $0 = fresh }
        return fresh.summary
    }

    /// For `TLSChannel`: the start-up identity as the context's defaults (NIOSSL requires one), and
    /// the callback that replaces it with the current one at every handshake.
    public var serverConfiguration: TLSConfiguration {
        let identity = current.withLock { $0 }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: identity.chain.map { .certificate($0) }, privateKey: .privateKey(identity.key)
        )
        configuration.sslContextCallback = { [self] _, promise in
            let identity = self.current.withLock { $0 }
            var override = NIOSSLContextConfigurationOverride()
            override.certificateChain = identity.chain.map { .certificate($0) }
            override.privateKey = .privateKey(identity.key)
            promise.succeed(override)
        }
        return configuration
    }
}
