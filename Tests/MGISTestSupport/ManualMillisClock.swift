import Synchronization

/// A wall clock a test sets by hand, for code that takes `@Sendable () -> Int64` milliseconds.
public final class ManualMillisClock: Sendable {
    private let current: Mutex<Int64>

    public init(_ millis: Int64) {
        current = Mutex(millis)
    }

    public var millis: Int64 {
        get { current.withLock { $0 } }
        set { current.withLock { $0 = newValue } }
    }

    public func advance(by millis: Int64) {
        current.withLock { $0 += millis }
    }

    /// The clock as the closure such code takes.
    public var closure: @Sendable () -> Int64 { { self.millis } }
}
