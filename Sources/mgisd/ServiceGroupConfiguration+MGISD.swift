import Logging
import ServiceLifecycle
import UnixSignals

extension ServiceGroupConfiguration {
    /// SIGTERM and SIGINT stop mgisd gracefully (stop reading, commit and acknowledge what is
    /// pending, sign a last audit checkpoint). A shutdown that takes longer than 15 s (a client
    /// that never lets its connection go) is cancelled, so mgisd always exits.
    static func mgisd(services: [ServiceGroupConfiguration.ServiceConfiguration], logger: Logger) -> ServiceGroupConfiguration {
        var configuration = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(15)
        configuration.maximumCancellationDuration = .seconds(5)
        return configuration
    }
}
