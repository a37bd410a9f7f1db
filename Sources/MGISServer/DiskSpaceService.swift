import Logging
import MGISStore
import Metrics
import ServiceLifecycle

/// Reads the data disk's free space every `interval` for `DiskSpaceWatch`, exports it
/// (`mgis_disk_free_bytes`, `mgis_disk_reserve_bytes`, `mgis_disk_below_reserve`) and logs when
/// the space goes below the reserve and when it comes back.
struct DiskSpaceService: Service {
    let watch: DiskSpaceWatch
    let interval: Duration
    let logger: Logger
    let factory: any MetricsFactory

    func run() async throws {
        let freeGauge = Gauge(label: "mgis_disk_free_bytes", factory: factory)
        let belowGauge = Gauge(label: "mgis_disk_below_reserve", factory: factory)
        Gauge(label: "mgis_disk_reserve_bytes", factory: factory).record(watch.reserveBytes)
        var wasBelow = false
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let free = watch.refresh()
            if let free { freeGauge.record(free) }
            let below = watch.isBelowReserve
            belowGauge.record(below ? 1 : 0)
            if below != wasBelow {
                if below {
                    logger.warning("data disk below its reserve: changes are refused", metadata: ["disk": "\(watch.summary)"])
                } else {
                    logger.notice("data disk above its reserve again: changes are accepted", metadata: ["disk": "\(watch.summary)"])
                }
                wasBelow = below
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
