import MGISDispatch
import ServiceLifecycle

/// Runs the task desk's monitoring loop (stores arrivals and alerts, ticks the clock-driven
/// alerts) until shutdown.
struct TaskDeskService: Service {
    let desk: TaskDesk

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await desk.run()
        }
    }
}
