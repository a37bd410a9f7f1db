import MGISCore
import NIOCore

/// Drives the simulated fleet: paces new datagrams, matches ACKs, retransmits, reports.
///
/// Generic over the tracker protocol: `Wire` encodes datagrams and reads replies (MTP/1 or
/// Teltonika UDP), the engine does the rest identically for both.
///
/// Lives on one event loop, the loop of all the fleet's sockets: every method runs there, so
/// the per-device state needs no locks. Other threads reach it only through `run`, which hops
/// onto the loop, and the ticker, which holds it in a `NIOLoopBound`.
final class LoadEngine<Wire: TrackerWire> {
    private let plan: LoadPlan
    private let wire: Wire
    private let loop: any EventLoop
    private let channels: [any Channel]
    private let target: SocketAddress
    private var slots: [DeviceSlot]
    private var retransmits = RetransmitQueue()
    private var counters = LoadCounters()
    private var latency = LatencyRecorder()
    /// Reused for every datagram's records, so building one allocates only its bytes.
    private var fixScratch: [Fix] = []
    /// Round-robin position: the slot of the next new datagram.
    private var cursor = 0
    /// Sockets written since the last flush.
    private var unflushed: [Bool]
    private var timeline: RunTimeline
    private var ticker: RepeatedTask?
    private let done: EventLoopPromise<RunSummary>

    /// Builds an engine on `loop`; call only on that loop.
    private init(
        plan: LoadPlan,
        wire: Wire,
        channels: [any Channel],
        target: SocketAddress,
        loop: any EventLoop,
        showProgress: Bool
    ) {
        self.plan = plan
        self.wire = wire
        self.loop = loop
        self.channels = channels
        self.target = target
        self.timeline = RunTimeline(showProgress: showProgress)
        var seeds = SystemRandomNumberGenerator()
        self.slots = (0..<wire.deviceCount).map { index in
            DeviceSlot(channelIndex: index % channels.count, car: PatrolCar(seed: seeds.next()), nextSeq: plan.firstSeq)
        }
        self.unflushed = Array(repeating: false, count: channels.count)
        self.done = loop.makePromise(of: RunSummary.self)
        self.fixScratch.reserveCapacity(plan.fixesPerDatagram)
    }

    /// Runs a whole load test on the channels' event loop and returns its summary.
    ///
    /// - Parameters:
    ///   - wire: the protocol, and the fleet's identities by slot.
    ///   - channels: bound UDP sockets, all on one event loop.
    ///   - showProgress: print a progress line on stderr every second.
    static func run(
        plan: LoadPlan,
        wire: Wire,
        channels: [any Channel],
        target: SocketAddress,
        showProgress: Bool
    ) async throws -> RunSummary {
        let loop = channels[0].eventLoop
        precondition(channels.allSatisfy { $0.eventLoop === loop }, "the fleet's sockets must share one event loop")
        return try await loop.flatSubmit {
            let engine = LoadEngine(
                plan: plan, wire: wire, channels: channels, target: target, loop: loop, showProgress: showProgress
            )
            do {
                for channel in channels {
                    try channel.pipeline.syncOperations.addHandler(AckHandler(engine: engine))
                }
            } catch {
                return loop.makeFailedFuture(error)
            }
            return engine.start()
        }.get()
    }

    private func start() -> EventLoopFuture<RunSummary> {
        timeline.start(atNanos: Self.nowNanos(), sendingNanos: plan.sendNanos)
        // The ticker's closure must be Sendable; the loop-bound box carries the engine across
        // that boundary and checks on every use that it is back on this loop.
        let bound = NIOLoopBound(self, eventLoop: loop)
        ticker = loop.scheduleRepeatedTask(initialDelay: .zero, delay: plan.tick) { _ in
            bound.value.tick()
        }
        return done.futureResult
    }

    // MARK: - Ticks

    private func tick() {
        let now = Self.nowNanos()
        if let pacedTo = timeline.pacingTarget(now: now) {
            sendDue(pacedTo: pacedTo, now: now)
            timeline.stopSendingIfPastEnd(now: now, drainNanos: plan.drainNanos)
        }
        retransmitDue(now: now)
        flush()
        if timeline.observe(counters, latency: latency, now: now) { finish() }
    }

    /// Sends the new datagrams due by `pacedTo`, round-robin over the fleet; `now` stamps them.
    private func sendDue(pacedTo: UInt64, now: UInt64) {
        var budget = plan.maxDatagramsPerTick
        if let rate = plan.datagramsPerSecond {
            let due = Int(Double(pacedTo - timeline.startNanos) / 1e9 * rate) - counters.datagramsSent
            budget = min(budget, due)
        }
        guard budget > 0 else { return }
        let wallMillis = WallClock.nowMillis()
        for _ in 0..<budget {
            // A full socket queue means the kernel cannot keep up; try again next tick rather
            // than buffer without bound.
            guard channels[slots[cursor].channelIndex].isWritable else { break }
            sendNew(slot: cursor, nowNanos: now, wallMillis: wallMillis)
            cursor += 1
            if cursor == slots.count { cursor = 0 }
        }
    }

    private func sendNew(slot index: Int, nowNanos: UInt64, wallMillis: Int64) {
        fixScratch.removeAll(keepingCapacity: true)
        slots[index].car.appendFixes(count: plan.fixesPerDatagram, until: wallMillis, to: &fixScratch)
        let seq = slots[index].nextSeq
        slots[index].nextSeq &+= 1
        let key = wire.replySeq(for: seq)
        if slots[index].pending[key] != nil {
            // The reply seq space is used up (Teltonika: 256 AVL packet ids outstanding for one
            // device): the oldest holder of this id can no longer be told apart, so it is lost.
            counters.pending -= 1
            counters.lost += 1
        }
        let bytes = wire.encode(slot: index, seq: seq, fixes: fixScratch)
        let channelIndex = slots[index].channelIndex
        let channel = channels[channelIndex]
        let buffer = channel.allocator.buffer(bytes: bytes)
        channel.write(AddressedEnvelope(remoteAddress: target, data: buffer), promise: nil)
        unflushed[channelIndex] = true
        slots[index].pending[key] = PendingDatagram(
            seq: seq, bytes: buffer, firstSentNanos: nowNanos, retransmits: 0, fixCount: fixScratch.count
        )
        retransmits.append(.init(slot: Int32(index), seq: seq, deadlineNanos: nowNanos + plan.retransmitNanos))
        counters.datagramsSent += 1
        counters.fixesSent += fixScratch.count
        counters.pending += 1
    }

    /// Re-sends every pending datagram whose wait is over, or gives it up after the last try.
    private func retransmitDue(now: UInt64) {
        while let entry = retransmits.first, entry.deadlineNanos <= now {
            retransmits.removeFirst()
            let index = Int(entry.slot)
            let key = wire.replySeq(for: entry.seq)
            // ACKed meanwhile, or its reply seq taken over by a newer datagram.
            guard let pending = slots[index].pending[key], pending.seq == entry.seq else { continue }
            guard pending.retransmits < plan.maxRetransmits else {
                slots[index].pending[key] = nil
                counters.pending -= 1
                counters.lost += 1
                continue
            }
            slots[index].pending[key]?.retransmits += 1
            let channelIndex = slots[index].channelIndex
            // The very buffer of the first send: byte-identical, and no copy.
            channels[channelIndex].write(AddressedEnvelope(remoteAddress: target, data: pending.bytes), promise: nil)
            unflushed[channelIndex] = true
            counters.retransmissions += 1
            retransmits.append(.init(slot: entry.slot, seq: entry.seq, deadlineNanos: now + plan.retransmitNanos))
        }
    }

    /// One flush per written socket per tick: NIO then sends the tick's datagrams in batches.
    private func flush() {
        for index in unflushed.indices where unflushed[index] {
            channels[index].flush()
            unflushed[index] = false
        }
    }

    // MARK: - Replies

    /// Handles one received datagram: a valid reply resolves its pending datagram.
    func handleReply(_ bytes: UnsafeRawBufferPointer) {
        if timeline.isFinished { return }
        guard let reply = wire.decodeReply(bytes) else {
            counters.invalidReplies += 1
            return
        }
        guard let pending = slots[reply.slot].pending.removeValue(forKey: reply.seq) else {
            counters.unmatchedAcks += 1
            return
        }
        counters.pending -= 1
        latency.record(sentNanos: pending.firstSentNanos, nowNanos: Self.nowNanos())
        counters.count(reply.outcome, fixCount: pending.fixCount)
    }

    func recordSocketError() {
        counters.socketErrors += 1
    }

    // MARK: - End

    /// Gives up what is still pending, stops the ticker and completes the run.
    private func finish() {
        counters.lost += counters.pending
        counters.pending = 0
        for index in slots.indices { slots[index].pending.removeAll() }
        ticker?.cancel()
        ticker = nil  // breaks the engine -> ticker -> engine cycle
        timeline.finish(counters)
        done.succeed(summary())
    }

    private func summary() -> RunSummary {
        RunSummary(
            devices: slots.count, durationSeconds: timeline.sendingSeconds,
            counters: counters, latency: latency, samples: timeline.sampler.samples
        )
    }

    private static func nowNanos() -> UInt64 {
        NIODeadline.now().uptimeNanoseconds
    }
}
