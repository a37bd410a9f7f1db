public import MGISCore
import Synchronization

/// The newest fix of every device, in memory, for the map and the live feed.
///
/// Written by the ingest path after each commit (so it only ever shows durable data), read by
/// any number of feed ticks. A monotonically increasing version stamps every change, so a
/// reader asks "what changed since the version I saw" instead of being pushed every fix.
///
/// A `Mutex` rather than an actor: both sides do a few dictionary operations per call and
/// must not suspend the ingest path.
public final class LiveState: Sendable {
    private struct Entry {
        var fix: DeviceFix
        var version: UInt64
    }

    private struct State {
        var entries: [DeviceID: Entry] = [:]
        var version: UInt64 = 0
    }

    private let state = Mutex(State())
    private let observers = Mutex<[@Sendable ([DeviceFix]) -> Void]>([])

    /// How far a fix's own time may run ahead of when it arrived and still become the live
    /// position: clock skew between a tracker's GNSS time and the server, nothing more.
    ///
    /// The live position is the newest fix by fix time, so a fix stamped in the future (which a
    /// Teltonika packet, carrying no authentication, can be) would stay "newest" and pin the unit's
    /// marker at a forged place until real time caught up. Such a fix may still be stored (within
    /// the listener's own allowance); it only never becomes the live position.
    public static let maxAheadOfArrivalMillis: Int64 = 5_000

    public init() {}

    /// Replaces a device's newest fix where the given one is newer by fix time, unless the given
    /// one is stamped more than `maxAheadOfArrivalMillis` after it arrived.
    /// A batch may hold several fixes of one device in any order; the newest wins.
    public func apply(_ fixes: [DeviceFix]) {
        defer {
            for observer in observers.withLock({ $0 }) { observer(fixes) }
        }
        state.withLock { state in
            var bumped = false
            for fix in fixes {
                if fix.fix.timeMillis > fix.receivedMillis + Self.maxAheadOfArrivalMillis { continue }
                if let current = state.entries[fix.device], current.fix.fix.timeMillis >= fix.fix.timeMillis {
                    continue
                }
                if !bumped {
                    state.version &+= 1
                    bumped = true
                }
                state.entries[fix.device] = Entry(fix: fix, version: state.version)
            }
        }
    }

    /// Calls `observer` with every batch of stored fixes, in commit order, on the committing task.
    ///
    /// For consumers that need each fix rather than the newest (task monitoring marks the exact
    /// fix at which a unit entered an area). The observer runs on the ingest path: it must be quick
    /// and must not block.
    public func observe(_ observer: @escaping @Sendable ([DeviceFix]) -> Void) {
        observers.withLock { $0.append(observer) }
    }

    /// The current version: changes after it are reported by `changes(since:)`.
    public var version: UInt64 { state.withLock { $0.version } }

    /// Every device's newest fix, and the version it reflects.
    public func snapshot() -> (version: UInt64, fixes: [DeviceFix]) {
        state.withLock { state in (state.version, state.entries.values.map(\.fix)) }
    }

    /// The newest fix of each device that changed after `version`, and the version now.
    public func changes(since version: UInt64) -> (version: UInt64, fixes: [DeviceFix]) {
        state.withLock { state in
            guard state.version > version else { return (state.version, []) }
            return (state.version, state.entries.values.filter { $0.version > version }.map(\.fix))
        }
    }

    /// The newest fix of one device.
    public func latest(_ device: DeviceID) -> DeviceFix? {
        state.withLock { $0.entries[device]?.fix }
    }

    /// Devices known.
    public var count: Int { state.withLock { $0.entries.count } }
}
