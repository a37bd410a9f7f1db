import Logging
import MGISHTTP
import Metrics
import ServiceLifecycle
import UnixSignals

/// Reads the HTTP listener's certificate and key again on every `SIGHUP`, as a certificate
/// renewal (certbot's deploy hook, say) asks with `kill -HUP`: new connections get the new
/// certificate, open ones keep theirs, nothing restarts. A pair that does not load is logged
/// as an error and changes nothing, so a half-written renewal cannot take the port down.
///
/// Exports `mgis_tls_reloads_total{result="ok"|"failed"}` and the served certificate's expiry,
/// `mgis_tls_certificate_not_after_seconds`, to alert on before it passes.
struct TLSReloadService: Service {
    let identity: ReloadableTLSIdentity
    let logger: Logger
    let factory: any MetricsFactory

    func run() async throws {
        // Trapped first: from here on SIGHUP reloads instead of ending the process.
        let signals = await UnixSignalsSequence(trapping: .sighup)
        let reloaded = Counter(label: "mgis_tls_reloads_total", dimensions: [("result", "ok")], factory: factory)
        let failed = Counter(label: "mgis_tls_reloads_total", dimensions: [("result", "failed")], factory: factory)
        let expiry = Gauge(label: "mgis_tls_certificate_not_after_seconds", factory: factory)
        expiry.record(identity.summary.notValidAfter)
        for await _ in signals.cancelOnGracefulShutdown() {
            do {
                let summary = try identity.reload()
                expiry.record(summary.notValidAfter)
                reloaded.increment()
                logger.notice(
                    "TLS certificate reloaded",
                    metadata: ["tls.serial": "\(summary.serialNumber)", "tls.not_after": "\(summary.notValidAfter)"]
                )
            } catch {
                failed.increment()
                logger.error("TLS certificate reload failed, still serving the previous one", metadata: ["error": "\(error)"])
            }
        }
    }
}
