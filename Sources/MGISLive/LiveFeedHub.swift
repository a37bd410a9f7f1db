// Public because the `wallClock` default argument, emitted into callers, names `WallClock`.
public import MGISCore
import Synchronization

/// Fans the live state out to wall displays: one snapshot per client, then coalesced `positions` frames.
///
/// Every `tick()` reads what changed in `LiveState` since the previous tick and serialises one
/// `positions` frame per distinct filter among the subscribers, shared by all of them, so the
/// cost of a tick grows with the number of distinct filters, not of clients. Clients only ever
/// get frames appended to a bounded queue: see `LiveFeedSubscription` for the slow-client policy.
///
/// Locks, always taken in this order and never held across an `await`: the tick lock (one tick at
/// a time, so frames reach every queue in version order), then the hub state, then `LiveState`
/// or a subscription. A subscription never takes the hub state while holding its own lock.
public final class LiveFeedHub: Sendable {
    private struct State {
        var index: FeedDirectoryIndex
        /// The `LiveState` version the last tick brought every subscriber to.
        var lastVersion: UInt64
        var subscribers: [Int: LiveFeedSubscription] = [:]
        var nextID = 0
        var framesSerialised = 0
        var privateFramesSerialised = 0
        /// Snapshots built within the last tick, per filter: shared by clients that connect in a
        /// burst (wall screens reconnecting after a network blip), so that connecting costs the
        /// server one snapshot per filter and tick rather than one per client.
        var snapshots: [FeedFilter: CachedSnapshot] = [:]
    }

    /// What one tick hands out, gathered under the hub lock.
    private struct TickWork {
        var index: FeedDirectoryIndex
        var fixes: [DeviceFix]
        var version: UInt64
        var targets: [(subscription: LiveFeedSubscription, filter: FeedFilter, generation: UInt64)]
    }

    private struct CachedSnapshot {
        var builtAt: Duration
        var version: UInt64
        var text: String
    }

    /// Filters whose snapshots are kept at most; more distinct ones in one tick empty the cache
    /// rather than grow it.
    static let maxCachedSnapshots = 64

    private let live: LiveState
    private let configuration: LiveFeedConfiguration
    private let clock: ElapsedClock
    private let wallClock: @Sendable () -> Int64
    private let state: Mutex<State>
    private let tickLock = Mutex(())

    /// - Parameters:
    ///   - live: the newest fix of every device.
    ///   - directory: which unit each device belongs to.
    ///   - configuration: tick interval and slow-client limits.
    ///   - clock: paces `run()` and measures how long a client stays behind; inject a manual clock in tests.
    ///   - wallClock: milliseconds since the Unix epoch, for the snapshot's `time`.
    public init(
        live: LiveState,
        directory: FeedDirectory,
        configuration: LiveFeedConfiguration = .init(),
        clock: some Clock<Duration> = ContinuousClock(),
        wallClock: @escaping @Sendable () -> Int64 = { WallClock.nowMillis() }
    ) {
        self.live = live
        self.configuration = configuration
        self.clock = ElapsedClock(clock)
        self.wallClock = wallClock
        // Changes before the hub existed are in every client's snapshot, so the first tick starts from now.
        state = Mutex(State(index: FeedDirectoryIndex(directory), lastVersion: live.version))
    }

    /// Replaces the unit directory; when it differs, every client gets a fresh snapshot next,
    /// since `positions` frames cannot tell a display about added, removed or renamed units.
    public func updateDirectory(_ directory: FeedDirectory) {
        let waiters = state.withLock { state -> [FeedSubscriberState.Waiters] in
            guard state.index.directory != directory else { return [] }
            state.index = FeedDirectoryIndex(directory)
            state.snapshots = [:]
            // Under the hub lock, so no tick serialises with the new directory for an old generation.
            return state.subscribers.values.map { $0.restart() }
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Registers a client; its first frame is the snapshot.
    ///
    /// The snapshot is built when the client first reads, so it shows the state at that moment.
    public func subscribe(filter: FeedFilter) -> LiveFeedSubscription {
        state.withLock { state in
            let subscription = LiveFeedSubscription(
                id: state.nextID,
                hub: self,
                filter: filter,
                configuration: configuration
            )
            state.nextID += 1
            state.subscribers[subscription.id] = subscription
            return subscription
        }
    }

    /// One tick: reads `live.changes(since:)` the last tick, and for each distinct filter among the
    /// current subscriptions serialises one `positions` frame shared by all subscribers with that
    /// filter (none when it has no items) and queues it to each of them.
    public func tick() {
        tickLock.withLock { _ in
            let now = clock.elapsed()
            guard let work = collectTickWork() else { return }
            let batch = FeedPositionBatch(work.index.moved(changed: work.fixes, live: live))
            guard !batch.isEmpty else { return }

            var groups: [FeedFilter: [(subscription: LiveFeedSubscription, generation: UInt64)]] = [:]
            for target in work.targets {
                groups[target.filter, default: []].append((target.subscription, target.generation))
            }
            var serialised = 0
            var tooSlow: [LiveFeedSubscription] = []
            for (filter, members) in groups {
                guard let frame = batch.frame(for: filter) else { continue }
                serialised += 1
                let bytes = frame.utf8.count
                for member in members
                where member.subscription.enqueue(
                    frame,
                    bytes: bytes,
                    version: work.version,
                    generation: member.generation,
                    now: now
                ) {
                    tooSlow.append(member.subscription)
                }
            }
            state.withLock { state in
                state.framesSerialised += serialised
                for subscription in tooSlow { state.subscribers[subscription.id] = nil }
            }
        }
    }

    /// Sends an event frame (a JSON object such as `{"type":"task",...}`) to every subscriber whose
    /// unit filter admits one of `units`, the units the event concerns. Subscribers without a unit
    /// filter (dispatchers, wall displays) get every event; a patrol gets its own unit's.
    ///
    /// `perUnit` holds, for an event that concerns several units, the version each unit alone may
    /// see (a shared task's frame without the other units' GPS monitoring): a subscriber whose
    /// filter admits exactly one of `units` (a patrol's feed is confined to its unit) gets that
    /// unit's version; everyone else gets `text`.
    ///
    /// Under the tick lock, so an event never overtakes the positions frame of the same tick.
    public func publish(event text: String, units: Set<String>, perUnit: [String: String] = [:]) {
        tickLock.withLock { _ in
            let subscribers = state.withLock { Array($0.subscribers.values) }
            for subscription in subscribers {
                subscription.enqueueEvent(text, units: units, perUnit: perUnit)
            }
        }
    }

    /// Ticks every `configuration.tick` until the task is cancelled, then ends every subscription
    /// (`.cancelled`) so their readers see the feed stop.
    public func run() async {
        var deadline = clock.elapsed()
        while true {
            // Keep the cadence, but after a stall tick once rather than in a burst.
            deadline = max(deadline + configuration.tick, clock.elapsed())
            do {
                try await clock.sleepUntil(deadline)
            } catch {
                break
            }
            tick()
        }
        let subscriptions = state.withLock { Array($0.subscribers.values) }
        for subscription in subscriptions { subscription.end(.cancelled) }
    }

    /// Subscriptions registered and not ended.
    public var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    /// Shared `positions` frames serialised by ticks so far (for tests and metrics: proves one
    /// serialisation per filter per tick). Snapshots and catch-ups are in `privateFramesSerialised`.
    public var framesSerialised: Int { state.withLock { $0.framesSerialised } }

    /// Snapshots and catch-up frames built for a single subscriber so far.
    public var privateFramesSerialised: Int { state.withLock { $0.privateFramesSerialised } }

    // MARK: Subscriptions

    func unregister(_ id: Int) {
        state.withLock { _ = $0.subscribers.removeValue(forKey: id) }
    }

    /// A snapshot under `filter` and the `LiveState` version it shows: one built less than a
    /// tick ago for the same filter if there is one, else a new one. A shared snapshot may miss
    /// moves of its last tick; the client gets them with its next `positions` frame, which
    /// carries every change after the snapshot's version, as after any snapshot.
    func snapshotFrame(filter: FeedFilter) -> (version: UInt64, text: String) {
        let now = clock.elapsed()
        let (index, cached) = state.withLock { state in
            (state.index, state.snapshots[filter].flatMap { now - $0.builtAt < configuration.tick ? $0 : nil })
        }
        if let cached { return (cached.version, cached.text) }
        let snapshot = live.snapshot()
        let text = FeedFrames.snapshot(index: index, fixes: snapshot.fixes, filter: filter, nowMillis: wallClock())
        state.withLock { state in
            state.privateFramesSerialised += 1
            // Built from an index a directory change has since replaced: not for later clients.
            guard state.index.directory == index.directory else { return }
            if state.snapshots.count >= Self.maxCachedSnapshots { state.snapshots = [:] }
            state.snapshots[filter] = CachedSnapshot(builtAt: now, version: snapshot.version, text: text)
        }
        return (snapshot.version, text)
    }

    /// A `positions` frame under `filter` with every unit that moved after `version`, or `nil` text when none did.
    func catchUpFrame(filter: FeedFilter, since version: UInt64) -> (version: UInt64, text: String?) {
        let index = state.withLock { $0.index }
        let changes = live.changes(since: version)
        let text = FeedPositionBatch(index.moved(changed: changes.fixes, live: live)).frame(for: filter)
        if text != nil { state.withLock { $0.privateFramesSerialised += 1 } }
        return (changes.version, text)
    }

    // MARK: Tick

    /// Advances `lastVersion` and gathers the changes and each subscriber's filter, atomically
    /// with respect to `subscribe` and `updateDirectory`; `nil` when there is nothing to send.
    private func collectTickWork() -> TickWork? {
        state.withLock { state in
            // Changes first, filters second: a filter changed after this read gets a snapshot
            // built after it too, so frames serialised for the old filter can be dropped safely.
            let changes = live.changes(since: state.lastVersion)
            state.lastVersion = changes.version
            guard !changes.fixes.isEmpty, !state.subscribers.isEmpty else { return nil }
            var targets: [(subscription: LiveFeedSubscription, filter: FeedFilter, generation: UInt64)] = []
            targets.reserveCapacity(state.subscribers.count)
            for subscription in state.subscribers.values {
                guard let target = subscription.tickTarget else { continue }
                targets.append((subscription, target.filter, target.generation))
            }
            return TickWork(index: state.index, fixes: changes.fixes, version: changes.version, targets: targets)
        }
    }
}
