import Logging
import MGISLive
import MGISStore
import MGISHTTP
import ServiceLifecycle

/// Runs the live feed's ticks, and refreshes its directory every few seconds so that units and
/// devices changed by mgisctl in another process show up without a restart.
struct LiveFeedService: Service {
    let feed: LiveFeedHub
    let store: Store
    let refreshInterval: Duration
    let logger: Logger

    func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await feed.run() }
            group.addTask {
                while !Task.isCancelled {
                    try? await Task.sleep(for: refreshInterval)
                    do {
                        let directory = try await BlockingIO.run { [store] in
                            try FeedDirectoryBuilder.build(from: store)
                        }
                        feed.updateDirectory(directory)
                    } catch is CancellationError {
                        return  // shutting down
                    } catch {
                        logger.warning("live feed directory refresh failed", metadata: ["error": "\(error)"])
                    }
                }
            }
            // Both run until cancelled: graceful shutdown cancels the tick loop, then the refresh.
            await gracefulShutdownOrCancel()
            group.cancelAll()
        }
    }

    private func gracefulShutdownOrCancel() async {
        try? await gracefulShutdown()
    }
}
