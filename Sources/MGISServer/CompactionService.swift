import Logging
import MGISStore
import ServiceLifecycle

/// Keeps the append log short by moving its rows into per-device chunks in small steps.
struct CompactionService: Service {
    let store: Store
    let interval: Duration
    let logger: Logger

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                // Keep stepping while there is a backlog; each step is its own short transaction.
                while try await store.compactStep() > 0 {
                    if Task.isShuttingDownGracefully { break }
                }
            } catch {
                logger.error("compaction step failed", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: interval)
        }
    }
}
