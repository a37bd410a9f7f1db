import MGISDispatch
import NIOPosix
import ServiceLifecycle

/// Runs the task desk's monitoring loop (stores arrivals and alerts, ticks the clock-driven
/// alerts) until shutdown.
struct TaskDeskService: Service {
    let desk: TaskDesk

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await desk.run { settle in
                // Store writes, off the cooperative pool. `runIfActive` throws only for a pool that
                // was shut down, which the process-wide singleton never is.
                try? await NIOThreadPool.singleton.runIfActive(settle)
            }
        }
    }
}
