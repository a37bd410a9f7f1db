import MGISCore
import MGISProtocol
import NIOCore
import NIOPosix

/// Drives a simulated Teltonika fleet over TCP as FMB trackers behave: one connection per
/// device, the IMEI handshake, then one frame at a time, each waiting for its record count.
///
/// Pacing is the fleet's: every tick the frames due at `--rate` are handed round-robin to the
/// devices. A device still waiting for an answer keeps the new frame in its backlog and sends it
/// as soon as the answer arrives; a frame not answered within the retransmission interval is
/// re-sent byte-identical on a new connection (a tracker that gets no answer reconnects), and
/// after the last retransmission it is lost.
///
/// Like `LoadEngine` it lives on one event loop, that of every connection: the connection
/// handlers, connect callbacks and the ticker all run there and call it directly, so the
/// per-device state needs no locks.
final class TeltonikaTCPEngine {
    private let plan: LoadPlan
    private let loop: any EventLoop
    private let target: SocketAddress
    private let codec: TeltonikaCodecID
    /// The IMEI handshake of each device, by slot.
    private let handshakes: [[UInt8]]
    private var slots: [TCPDeviceSlot]
    private var retransmits = RetransmitQueue()
    private var counters = LoadCounters()
    private var latency = LatencyRecorder()
    /// Reused for every frame's fixes.
    private var fixScratch: [Fix] = []
    /// Round-robin position: the slot the next due frame goes to.
    private var cursor = 0
    /// Frames handed to devices so far (sent or in a backlog): the pacing's count.
    private var framesDue = 0
    /// Handshakes answered 0x00: the IMEI is not registered (or disabled) on the server.
    private var refusedHandshakes = 0
    private var timeline: RunTimeline
    private var ticker: RepeatedTask?
    private let done: EventLoopPromise<RunSummary>

    private init(
        plan: LoadPlan,
        imeis: [String],
        codec: TeltonikaCodecID,
        target: SocketAddress,
        loop: any EventLoop,
        showProgress: Bool
    ) {
        self.plan = plan
        self.loop = loop
        self.target = target
        self.codec = codec
        self.timeline = RunTimeline(showProgress: showProgress)
        self.handshakes = imeis.map(TeltonikaCodec.encodeIMEIHandshake)
        var seeds = SystemRandomNumberGenerator()
        self.slots = imeis.map { _ in TCPDeviceSlot(car: PatrolCar(seed: seeds.next())) }
        self.done = loop.makePromise(of: RunSummary.self)
        self.fixScratch.reserveCapacity(plan.fixesPerDatagram)
    }

    /// Runs a whole load test on `loop` and returns its summary.
    ///
    /// - Parameters:
    ///   - imeis: the fleet's IMEIs; one connection each.
    ///   - showProgress: print a progress line on stderr every second.
    static func run(
        plan: LoadPlan,
        imeis: [String],
        codec: TeltonikaCodecID,
        target: SocketAddress,
        loop: any EventLoop,
        showProgress: Bool
    ) async throws -> RunSummary {
        try await loop.flatSubmit {
            let engine = TeltonikaTCPEngine(
                plan: plan, imeis: imeis, codec: codec, target: target, loop: loop, showProgress: showProgress
            )
            return engine.start()
        }.get()
    }

    private func start() -> EventLoopFuture<RunSummary> {
        timeline.start(atNanos: Self.nowNanos(), sendingNanos: plan.sendNanos)
        if plan.datagramsPerSecond == nil {
            // Unpaced: every device sends its next frame as soon as the previous one is answered.
            for index in slots.indices { startFrame(slot: index) }
        }
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
            // Hand out what was due up to the end itself, so a paced run asks rate x duration.
            scheduleDue(pacedTo: pacedTo)
            timeline.stopSendingIfPastEnd(now: now, drainNanos: plan.drainNanos)
        }
        expireDue(now: now)
        if timeline.observe(counters, latency: latency, now: now) { finish() }
    }

    /// Hands the frames due by `pacedTo` to the devices, round-robin; each sends at once if free.
    private func scheduleDue(pacedTo: UInt64) {
        guard let rate = plan.datagramsPerSecond else { return }
        let due = Int(Double(pacedTo - timeline.startNanos) / 1e9 * rate) - framesDue
        let budget = min(plan.maxDatagramsPerTick, due)
        guard budget > 0 else { return }
        for _ in 0..<budget {
            slots[cursor].backlog += 1
            framesDue += 1
            startFrame(slot: cursor)
            cursor += 1
            if cursor == slots.count { cursor = 0 }
        }
    }

    /// Starts the device's next frame if it is free and one is due (always, when unpaced).
    private func startFrame(slot index: Int) {
        guard timeline.isSending, slots[index].current == nil else { return }
        if plan.datagramsPerSecond != nil {
            guard slots[index].backlog > 0 else { return }
            slots[index].backlog -= 1
        }
        fixScratch.removeAll(keepingCapacity: true)
        slots[index].car.appendFixes(count: plan.fixesPerDatagram, until: WallClock.nowMillis(), to: &fixScratch)
        let avl = TeltonikaAVLData(codecID: codec, records: fixScratch.map(TeltonikaRecord.init(simulating:)))
        let bytes = ByteBuffer(bytes: TeltonikaCodec.encodeTCPFrame(avl: avl))
        slots[index].current = PendingFrame(bytes: bytes, fixCount: fixScratch.count)
        counters.datagramsSent += 1
        counters.fixesSent += fixScratch.count
        counters.pending += 1
        transmit(slot: index)
    }

    /// Sends the device's current frame: on its connection when ready, else once one is.
    private func transmit(slot index: Int) {
        switch slots[index].link {
        case .ready(let channel):
            guard let frame = slots[index].current, !frame.awaitingAnswer else { return }
            let now = Self.nowNanos()
            if frame.firstSentNanos == nil { slots[index].current?.firstSentNanos = now }
            slots[index].current?.awaitingAnswer = true
            channel.writeAndFlush(frame.bytes, promise: nil)
            setDeadline(slot: index, now: now)
        case .connecting:
            break  // the handshake's answer sends it
        case .closed:
            connect(slot: index)
            setDeadline(slot: index, now: Self.nowNanos())
        }
    }

    /// Gives the current frame (or its connection attempt) one retransmission interval.
    ///
    /// Every deadline is now + the same interval, so they are appended in order and the FIFO
    /// `RetransmitQueue` serves, its seq holding the device's deadline token.
    private func setDeadline(slot index: Int, now: UInt64) {
        slots[index].deadlineToken &+= 1
        retransmits.append(
            .init(slot: Int32(index), seq: slots[index].deadlineToken, deadlineNanos: now + plan.retransmitNanos)
        )
    }

    /// Re-sends every frame whose wait is over on a new connection, or gives it up after the
    /// last try.
    private func expireDue(now: UInt64) {
        while let entry = retransmits.first, entry.deadlineNanos <= now {
            retransmits.removeFirst()
            let index = Int(entry.slot)
            guard let frame = slots[index].current, slots[index].deadlineToken == entry.seq else { continue }
            closeLink(slot: index)
            guard frame.retransmits < plan.maxRetransmits else {
                slots[index].current = nil
                counters.pending -= 1
                counters.lost += 1
                startFrame(slot: index)
                continue
            }
            slots[index].current?.retransmits += 1
            slots[index].current?.awaitingAnswer = false
            counters.retransmissions += 1
            transmit(slot: index)
        }
    }

    // MARK: - Connections

    private func connect(slot index: Int) {
        slots[index].generation &+= 1
        let generation = slots[index].generation
        slots[index].link = .connecting(nil)
        let bound = NIOLoopBound(self, eventLoop: loop)
        let handshake = handshakes[index]
        let connecting = ClientBootstrap(group: loop)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connectTimeout(.nanoseconds(Int64(plan.retransmitNanos)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = TCPAnswerHandler(
                        engine: bound.value, slot: index, generation: generation, handshake: handshake
                    )
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
            .connect(to: target)
        connecting.assumeIsolated().whenComplete { result in
            switch result {
            case .success(let channel):
                self.connected(slot: index, generation: generation, channel: channel)
            case .failure:
                self.linkLost(slot: index, generation: generation)
            }
        }
    }

    private func connected(slot index: Int, generation: UInt32, channel: any Channel) {
        guard slots[index].generation == generation, case .connecting = slots[index].link else {
            channel.close(promise: nil)  // given up meanwhile
            return
        }
        slots[index].link = .connecting(channel)
    }

    /// The handshake's answer: 0x01 accepted, anything else refused (the server then closes).
    func handshakeAnswered(slot index: Int, generation: UInt32, answer: UInt8, channel: any Channel) {
        guard slots[index].generation == generation, case .connecting = slots[index].link else { return }
        guard answer == TeltonikaLayout.imeiAccepted[0] else {
            if answer != TeltonikaLayout.imeiRefused[0] { counters.invalidReplies += 1 }
            if refusedHandshakes == 0 {
                StandardError.write(
                    "mgis-load: the server refused IMEI \(String(decoding: handshakes[index].dropFirst(2), as: UTF8.self)); "
                        + "was the fleet made with --imei and imported with mgisctl device import?"
                )
            }
            refusedHandshakes += 1
            counters.socketErrors += 1
            closeLink(slot: index)
            return
        }
        slots[index].link = .ready(channel)
        transmit(slot: index)
    }

    /// A record count arrived: it answers the frame written on this connection.
    func frameAnswered(slot index: Int, generation: UInt32, acceptedRecords: UInt32) {
        if timeline.isFinished { return }
        guard slots[index].generation == generation, let frame = slots[index].current, frame.awaitingAnswer else {
            counters.unmatchedAcks += 1
            return
        }
        slots[index].current = nil
        counters.pending -= 1
        latency.record(sentNanos: frame.firstSentNanos ?? Self.nowNanos(), nowNanos: Self.nowNanos())
        counters.count(.acceptedRecords(Int(acceptedRecords)), fixCount: frame.fixCount)
        startFrame(slot: index)
    }

    /// The connection closed or could not be made. With a frame outstanding that is a socket
    /// error (its deadline reconnects); an idle connection the server closed is simply reopened
    /// for the next frame.
    func linkLost(slot index: Int, generation: UInt32) {
        guard slots[index].generation == generation else { return }
        if case .closed = slots[index].link { return }
        let wasReady: Bool
        if case .ready = slots[index].link { wasReady = true } else { wasReady = false }
        slots[index].link = .closed
        if timeline.isFinished { return }
        if slots[index].current != nil || !wasReady {
            counters.socketErrors += 1
            slots[index].current?.awaitingAnswer = false
        }
    }

    /// Closes the device's connection ourselves; its later callbacks are ignored.
    private func closeLink(slot index: Int) {
        slots[index].generation &+= 1
        slots[index].link.channel?.close(promise: nil)
        slots[index].link = .closed
    }

    // MARK: - End

    /// Gives up what is still pending, closes every connection and completes the run.
    private func finish() {
        counters.lost += counters.pending
        counters.pending = 0
        var unsent = 0
        for index in slots.indices {
            unsent += slots[index].backlog
            slots[index].current = nil
            closeLink(slot: index)
        }
        ticker?.cancel()
        ticker = nil  // breaks the engine -> ticker -> engine cycle
        timeline.finish(counters)
        done.succeed(
            RunSummary(
                devices: slots.count, durationSeconds: timeline.sendingSeconds,
                counters: counters, latency: latency, samples: timeline.sampler.samples, unsentFrames: unsent
            )
        )
    }

    private static func nowNanos() -> UInt64 {
        NIODeadline.now().uptimeNanoseconds
    }
}
