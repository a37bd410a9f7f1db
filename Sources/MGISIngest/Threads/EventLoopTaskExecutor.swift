public import NIOCore

/// A Swift `TaskExecutor` that runs jobs on the event loops of one NIO group.
///
/// A task that prefers it (`withTaskExecutorPreference`) runs its nonisolated async code, its
/// child tasks and the continuations it resumes from other threads (GRDB's writer queue, a
/// channel's promise) on these loops instead of the global cooperative pool. NIO ships only a
/// test-only executor of this kind, hence this small one.
public final class EventLoopTaskExecutor: TaskExecutor, Sendable {
    private let group: any EventLoopGroup

    public init(group: any EventLoopGroup) {
        self.group = group
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        group.next().execute {
            job.runSynchronously(on: executor)
        }
    }
}
