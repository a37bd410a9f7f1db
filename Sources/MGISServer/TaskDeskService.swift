import MGISDispatch
import MGISHTTP
import ServiceLifecycle

/// Runs the task desk's monitoring loop (stores arrivals and alerts, ticks the clock-driven
/// alerts) until shutdown.
struct TaskDeskService: Service {
    let desk: TaskDesk

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await desk.run { settle in
                // Store writes, off the cooperative pool. The blocking pool is process-wide and
                // never shut down, so this does not throw.
                try? await BlockingIO.run(settle)
            }
        }
    }
}
