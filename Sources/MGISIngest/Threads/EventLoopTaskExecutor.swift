public import NIOCore

/// A Swift `TaskExecutor` that runs jobs on one NIO event loop, one at a time.
///
/// A task that prefers it (`withTaskExecutorPreference`) runs its nonisolated async code, its
/// child tasks and the continuations it resumes from other threads (GRDB's writer queue, a
/// channel's promise) on that loop instead of the global cooperative pool. NIO ships only a
/// test-only executor of this kind, hence this small one.
///
/// Serial on purpose: the concurrency runtime may enqueue a task that waits in
/// `withCheckedContinuation` again while it is being resumed from another thread (swiftlang/swift
/// #85668); spread over several threads, the two jobs of one task could then run at once.
public final class EventLoopTaskExecutor: TaskExecutor, Sendable {
    private let loop: any EventLoop

    public init(loop: any EventLoop) {
        self.loop = loop
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        loop.execute {
            job.runSynchronously(on: executor)
        }
    }
}
