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
                // Store writes, off the cooperative pool. A pool already shut down means the
                // process is ending; what was not settled is replayed from stored fixes at start-up.
                try? await NIOThreadPool.singleton.runIfActive(settle)
            }
        }
    }
}
