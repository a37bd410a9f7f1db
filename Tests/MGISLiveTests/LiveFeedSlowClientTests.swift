import MGISCore
import MGISLive
import Testing

@Suite struct LiveFeedSlowClientTests {
    typealias F = FeedFixtures

    /// Ten units of one device each (devices 1 ... 10), all in Vilnius.
    static let directory = FeedDirectory(
        units: Dictionary(
            uniqueKeysWithValues: (1...10).map { ("\($0)", UnitInfo(id: "\($0)", name: "Unit \($0)", callSign: "U-\($0)")) }
        ),
        unitOfDevice: Dictionary(uniqueKeysWithValues: (1...10).map { (F.device(UInt32($0)), "\($0)") })
    )

    /// Every unit moves in round `round`: its fix time is `round` seconds and its latitude encodes the round.
    static func move(_ live: LiveState, round: Int) {
        live.apply((1...10).map { F.fix(UInt32($0), at: Int64(round) * 1000, lat: 546_000_000 + Int32(round)) })
    }

    /// Checks a positions frame has every unit at `round`.
    static func expectRound(_ text: String?, _ round: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let items = try F.positionItems(text)
        #expect(items.count == 10, sourceLocation: sourceLocation)
        for item in items {
            let time = RFC3339.string(fromMillis: Int64(round) * 1000)
            #expect(item["time"] as? String == time, sourceLocation: sourceLocation)
            #expect(item["lat"] as? Double == Double(546_000_000 + round) / 1e7, sourceLocation: sourceLocation)
        }
    }

    @Test func testSlowReaderIsSkippedAheadWhileOthersGetEveryFrame() async throws {
        let live = LiveState()
        let clock = TestClock()
        let configuration = LiveFeedConfiguration(maxBufferedBytes: 5_000, maxBehind: .seconds(10))
        let hub = F.hub(live, directory: Self.directory, configuration: configuration, clock: clock)
        let slow = hub.subscribe(filter: FeedFilter())
        let fast = hub.subscribe(filter: FeedFilter())
        var slowFrames = slow.makeAsyncIterator()
        var fastFrames = fast.makeAsyncIterator()
        _ = try F.snapshotUnits(await slowFrames.next())
        _ = try F.snapshotUnits(await fastFrames.next())

        var frameBytes = 0
        var peak = 0
        for round in 1...40 {
            Self.move(live, round: round)
            hub.tick()
            clock.advance(by: .milliseconds(100))
            let text = try #require(await fastFrames.next())
            frameBytes = max(frameBytes, text.utf8.count)
            try Self.expectRound(text, round)
            peak = max(peak, slow.bufferedBytes)
            #expect(slow.bufferedBytes <= configuration.maxBufferedBytes + frameBytes)
        }
        // Frames are ~2.1 KB: the budget holds two, so the slow reader overflowed many times.
        #expect(frameBytes > 2_000 && frameBytes < 2_500)
        #expect(peak > configuration.maxBufferedBytes - frameBytes)
        #expect(hub.framesSerialised == 40)

        // When it finally reads, it skips straight to the newest state, then is up to date.
        try Self.expectRound(await slowFrames.next(), 40)
        #expect(slow.bufferedFrames == 0)
        #expect(slow.closeReason == nil)
        #expect(hub.privateFramesSerialised == 2)  // one snapshot (both connected in one tick) and one catch-up

        // Back to normal: it shares the next tick's frame with the fast reader.
        Self.move(live, round: 41)
        hub.tick()
        let shared = try #require(await slowFrames.next())
        try Self.expectRound(shared, 41)
        #expect(await fastFrames.next() == shared)
        #expect(hub.privateFramesSerialised == 2)
    }

    @Test func testReaderThatStaysBehindIsClosedAsTooSlow() async throws {
        let live = LiveState()
        let clock = TestClock()
        let configuration = LiveFeedConfiguration(maxBufferedBytes: 5_000, maxBehind: .seconds(10))
        let hub = F.hub(live, directory: Self.directory, configuration: configuration, clock: clock)
        let slow = hub.subscribe(filter: FeedFilter())
        let fast = hub.subscribe(filter: FeedFilter())
        var slowFrames = slow.makeAsyncIterator()
        var fastFrames = fast.makeAsyncIterator()
        _ = await slowFrames.next()
        _ = await fastFrames.next()

        var round = 0
        func tickRound() async throws {
            round += 1
            Self.move(live, round: round)
            hub.tick()
            try Self.expectRound(await fastFrames.next(), round)
        }

        // The budget holds two frames, so every third tick overflows; the first at time zero.
        for _ in 1...3 { try await tickRound() }
        #expect(slow.bufferedBytes == 0)
        // Overflowing again and again for 10 s is tolerated.
        for _ in 1...100 {
            clock.advance(by: .milliseconds(100))
            try await tickRound()
        }
        #expect(slow.closeReason == nil)
        #expect(hub.subscriberCount == 2)

        // Past `maxBehind` the next overflow ends it.
        clock.advance(by: .milliseconds(100))
        for _ in 1...3 { try await tickRound() }
        #expect(slow.closeReason == .tooSlow)
        #expect(slow.bufferedBytes == 0)
        #expect(hub.subscriberCount == 1)
        #expect(await slowFrames.next() == nil)

        // The other reader carries on.
        try await tickRound()
        #expect(fast.closeReason == nil)
    }

    @Test func testReaderThatCatchesUpStartsAFreshBehindPeriod() async throws {
        let live = LiveState()
        let clock = TestClock()
        let configuration = LiveFeedConfiguration(maxBufferedBytes: 5_000, maxBehind: .seconds(10))
        let hub = F.hub(live, directory: Self.directory, configuration: configuration, clock: clock)
        let slow = hub.subscribe(filter: FeedFilter())
        var slowFrames = slow.makeAsyncIterator()
        _ = await slowFrames.next()

        for round in 1...5 {
            Self.move(live, round: round)
            hub.tick()
        }
        clock.advance(by: .seconds(9))
        try Self.expectRound(await slowFrames.next(), 5)  // the catch-up drains it

        clock.advance(by: .seconds(9))
        for round in 6...10 {
            Self.move(live, round: round)
            hub.tick()
        }
        // 18 s after its first overflow, but it drained in between: still open.
        #expect(slow.closeReason == nil)
        try Self.expectRound(await slowFrames.next(), 10)
    }

    @Test func testSubscriberThatNeverReadsIsBoundedAndEventuallyClosed() async throws {
        let live = LiveState()
        let clock = TestClock()
        let configuration = LiveFeedConfiguration(maxBufferedBytes: 5_000, maxBehind: .seconds(10))
        let hub = F.hub(live, directory: Self.directory, configuration: configuration, clock: clock)
        let silent = hub.subscribe(filter: FeedFilter())
        for round in 1...200 {
            Self.move(live, round: round)
            hub.tick()
            clock.advance(by: .milliseconds(100))
            #expect(silent.bufferedBytes <= configuration.maxBufferedBytes)
        }
        #expect(silent.closeReason == .tooSlow)
        #expect(hub.subscriberCount == 0)
        #expect(hub.privateFramesSerialised == 0)
    }
}
