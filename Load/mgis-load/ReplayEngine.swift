import MGISCore
import MGISProtocol
import MGISTrace
import NIOCore

/// Sends a trace's datagrams on their schedule and measures the server's replies.
///
/// Unlike `LoadEngine` it never retransmits: the trace already holds whatever retransmissions
/// the trackers made, and replaying them as recorded is the point. A datagram that gets no reply
/// within the drain after the last send counts as lost (bad tags and unknown devices included,
/// as the server answers those with silence).
///
/// Lives on the event loop of its sockets, like `LoadEngine`, so its state needs no locks.
final class ReplayEngine {
    private let plan: ReplayPlan
    private let loop: any EventLoop
    /// Index 0: the MTP/1 socket and target; 1: Teltonika (either may be absent).
    private let routes: [(channel: any Channel, target: SocketAddress)?]
    /// Datagrams awaiting a reply, by ACK key.
    private var pending: [UInt64: InFlight] = [:]
    /// Pending datagrams in send order, to find those past the plan's overdue time.
    private var sendOrder: [(key: UInt64, sentNanos: UInt64)] = []
    private var sendOrderHead = 0
    /// Pending datagrams past the overdue time: they no longer hold a window slot.
    private var overdue = 0
    private var counters = LoadCounters()
    private var latency = LatencyRecorder()
    private var devices = Set<UInt64>()
    private var next = 0
    private var ticked = false
    private var startWallMillis: Int64 = 0
    private var timeline: RunTimeline
    private var ticker: RepeatedTask?
    private let done: EventLoopPromise<(RunSummary, notes: [String])>
    /// Datagrams rewritten by the resigner and those passed verbatim (with one reason kept).
    private(set) var rewritten = 0
    private(set) var verbatim: [String: Int] = [:]

    private init(plan: ReplayPlan, routes: [(channel: any Channel, target: SocketAddress)?], loop: any EventLoop, showProgress: Bool) {
        self.plan = plan
        self.routes = routes
        self.loop = loop
        self.timeline = RunTimeline(showProgress: showProgress)
        self.done = loop.makePromise(of: (RunSummary, notes: [String]).self)
    }

    /// Runs the replay on the sockets' event loop and returns its summary and resigning notes.
    static func run(
        plan: ReplayPlan,
        mtp: (channel: any Channel, target: SocketAddress)?,
        teltonika: (channel: any Channel, target: SocketAddress)?,
        showProgress: Bool
    ) async throws -> (RunSummary, notes: [String]) {
        guard let loop = (mtp ?? teltonika)?.channel.eventLoop else { throw LoadError("nothing to send to") }
        return try await loop.flatSubmit {
            let engine = ReplayEngine(plan: plan, routes: [mtp, teltonika], loop: loop, showProgress: showProgress)
            do {
                for route in [mtp, teltonika] {
                    guard let route else { continue }
                    try route.channel.pipeline.syncOperations.addHandler(ReplayAckHandler(engine: engine))
                }
            } catch {
                return loop.makeFailedFuture(error)
            }
            return engine.start()
        }.get()
    }

    private var notes: [String] {
        var lines: [String] = []
        if rewritten > 0 { lines.append("\(rewritten) datagrams re-signed or time-shifted") }
        for (reason, count) in verbatim.sorted(by: { $0.value > $1.value }).prefix(5) {
            lines.append("\(count) datagrams sent as recorded: \(reason)")
        }
        return lines
    }

    private func start() -> EventLoopFuture<(RunSummary, notes: [String])> {
        anchor(at: Self.nowNanos())
        let bound = NIOLoopBound(self, eventLoop: loop)
        ticker = loop.scheduleRepeatedTask(initialDelay: .zero, delay: .milliseconds(1)) { _ in
            bound.value.tick()
        }
        return done.futureResult
    }

    /// Puts the schedule's zero at `now`.
    private func anchor(at now: UInt64) {
        timeline.start(atNanos: now, sendingNanos: nil)
        startWallMillis = WallClock.nowMillis()
    }

    private func tick() {
        let now = Self.nowNanos()
        // The schedule starts at the first tick, not when it was requested: on a busy machine the
        // first tick can come late, and counting from the request would send everything due by
        // then in one burst, which is not the recorded spacing.
        if !ticked {
            ticked = true
            anchor(at: now)
        }
        if timeline.isSending {
            noteOverdue(now: now)
            sendDue(now: now)
            if next == plan.schedule.endIndex { timeline.stopSending(now: now, drainNanos: plan.drainNanos) }
        }
        if timeline.observe(counters, latency: latency, now: now) { finish() }
    }

    private func sendDue(now: UInt64) {
        let elapsedMicros = Int64((now - timeline.startNanos) / 1000)
        var budget = plan.maxPerTick
        var written = [false, false]
        while next < plan.schedule.endIndex, budget > 0 {
            // The window is full: wait for replies (or for the oldest to become overdue).
            if plan.window > 0, counters.pending - overdue >= plan.window { break }
            let entry = plan.schedule[next]
            guard entry.sendOffsetMicros <= elapsedMicros else { break }
            let record = plan.records[entry.recordIndex]
            let routeIndex = record.kind == .mtp ? 0 : 1
            guard let route = routes[routeIndex] else {
                next += 1
                continue
            }
            // A full socket queue: the kernel cannot keep up; try again next tick.
            guard route.channel.isWritable else { break }
            let bytes = payload(of: record, sendOffsetMicros: entry.sendOffsetMicros)
            route.channel.write(AddressedEnvelope(remoteAddress: route.target, data: route.channel.allocator.buffer(bytes: bytes)), promise: nil)
            written[routeIndex] = true
            count(sent: bytes, kind: record.kind, nowNanos: now)
            next += 1
            budget -= 1
        }
        for index in written.indices where written[index] { routes[index]?.channel.flush() }
    }

    /// The bytes to send for `record`: as recorded, or re-signed with its fix times shifted.
    private func payload(of record: TraceRecord, sendOffsetMicros: Int64) -> [UInt8] {
        guard let resigner = plan.resigner else { return record.payload }
        var shift: Int64 = 0
        if plan.shiftToNow {
            let recordedMillis = plan.recordedStartMillis + (record.arrivalMicros - (plan.records.first?.arrivalMicros ?? 0)) / 1000
            shift = startWallMillis + sendOffsetMicros / 1000 - recordedMillis
        }
        let result = resigner.resign(record.payload, kind: record.kind, timeShiftMillis: shift)
        switch result.disposition {
        case .rewritten: rewritten += 1
        case .verbatim(let reason): verbatim[reason, default: 0] += 1
        }
        return result.payload
    }

    private func count(sent bytes: [UInt8], kind: TracePortKind, nowNanos: UInt64) {
        counters.datagramsSent += 1
        let fixes = Self.fixCount(bytes, kind: kind)
        counters.fixesSent += fixes
        guard let key = ReplayAckKey.ofDatagram(bytes, teltonika: kind == .teltonikaUDP) else { return }
        devices.insert(kind == .mtp ? key >> 32 : key >> 8)
        if pending[key] == nil {
            counters.pending += 1
        } else {
            // The same datagram again (a recorded retransmission): latency runs from the first.
            counters.retransmissions += 1
            return
        }
        pending[key] = InFlight(sentNanos: nowNanos, fixes: fixes)
        if plan.window > 0 { sendOrder.append((key, nowNanos)) }
    }

    /// Counts the datagrams that have waited past the overdue time (only when a window applies).
    private func noteOverdue(now: UInt64) {
        while sendOrderHead < sendOrder.count, now - sendOrder[sendOrderHead].sentNanos > plan.overdueNanos {
            let (key, sentNanos) = sendOrder[sendOrderHead]
            sendOrderHead += 1
            if pending[key]?.sentNanos == sentNanos {
                pending[key]?.overdue = true
                overdue += 1
            }
        }
        if sendOrderHead > 65_536 {
            sendOrder.removeFirst(sendOrderHead)
            sendOrderHead = 0
        }
    }

    /// Handles one reply from the server.
    func handleReply(_ bytes: UnsafeRawBufferPointer) {
        guard ticker != nil else { return }
        let key: UInt64
        let outcome: TrackerReply.Outcome
        if let ack = try? MTPCodec.decodeAck(bytes) {
            key = ReplayAckKey.mtp(device: ack.device, seq: ack.seq)
            switch MTPAckStatus(rawValue: ack.status) {
            case .stored: outcome = .stored
            case .duplicate: outcome = .duplicate
            case .refused: outcome = .refused
            case nil: outcome = .unknownStatus
            }
        } else if let ack = ReplayAckKey.ofTeltonikaAck(bytes) {
            key = ack.key
            outcome = ack.accepted > 0 ? .stored : .refused
        } else {
            counters.invalidReplies += 1
            return
        }
        guard let sent = pending.removeValue(forKey: key) else {
            counters.unmatchedAcks += 1
            return
        }
        counters.pending -= 1
        if sent.overdue { overdue -= 1 }
        latency.record(sentNanos: sent.sentNanos, nowNanos: Self.nowNanos())
        counters.count(outcome, fixCount: sent.fixes)
    }

    func recordSocketError() {
        counters.socketErrors += 1
    }

    private func finish() {
        counters.lost += counters.pending
        counters.pending = 0
        pending.removeAll()
        ticker?.cancel()
        ticker = nil
        timeline.finish(counters)
        let summary = RunSummary(
            devices: devices.count, durationSeconds: timeline.sendingSeconds,
            counters: counters, latency: latency, samples: timeline.sampler.samples
        )
        done.succeed((summary, notes))
    }

    /// Records a datagram carries (MTP/1 count byte at 12; Teltonika: 1 when unreadable).
    private static func fixCount(_ bytes: [UInt8], kind: TracePortKind) -> Int {
        switch kind {
        case .mtp: bytes.count > 12 ? Int(bytes[12]) : 0
        case .teltonikaUDP: 1
        }
    }

    private static func nowNanos() -> UInt64 {
        NIODeadline.now().uptimeNanoseconds
    }

    /// A datagram awaiting its reply.
    private struct InFlight {
        var sentNanos: UInt64
        var fixes: Int
        var overdue = false
    }
}
