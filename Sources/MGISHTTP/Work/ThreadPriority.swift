import NIOPosix

#if canImport(Glibc)
import Glibc
#endif

/// Scheduling priority (the nice value) of the threads that serve clients, below ingest's.
///
/// Ingest has threads of its own (`IngestThreads`), so no request can take them; but on two cores
/// the kernel still shares the CPU equally between every busy thread. Trackers' ACKs come first:
/// the threads that serve HTTP and the live feed run at nice 5 (their event loops, and every
/// cooperative-pool thread that runs a request or a feed tick), the worker pool's at nice 10, and
/// ingest keeps nice 0. Under full load that gives ingest about three times the share of a
/// request thread, and ten times a worker's; idle capacity is still used by whoever needs it.
/// Linux keeps the nice value per thread; raising one's own needs no privilege, lowering it
/// again would, so a thread only ever moves down.
public enum ThreadPriority {
    /// HTTP event loops, request handlers, the live feed.
    public static let serving: Int32 = 5
    /// The worker pool: analyses, imports, exports, reports, bcrypt.
    public static let worker: Int32 = 10

    /// Moves the calling thread down to `nice`, unless it already runs at that or lower.
    ///
    /// Called for every request, so the thread's level is remembered in a thread-specific
    /// variable: after a thread's first call this costs a `pthread_getspecific`, not the two
    /// system calls of asking the kernel and setting it.
    public static func lower(to nice: Int32) {
        #if os(Linux)
        if let known = level.currentValue, known.nice >= nice { return }
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        errno = 0
        var current = getpriority(which, 0)
        // `who` 0 is the calling thread on Linux.
        if errno == 0, current < nice, setpriority(which, 0, nice) == 0 { current = nice }
        if errno == 0 { level.currentValue = Level(nice: current) }
        #endif
    }

    private final class Level: Sendable {
        let nice: Int32
        init(nice: Int32) { self.nice = nice }
    }

    private static let level = ThreadSpecificVariable<Level>()
}
