import Foundation
import MGISCore
import MGISLive
import Testing

@Suite struct LiveFeedHubTests {
    typealias F = FeedFixtures

    @Test func testTickSendsOnlyMovedUnitsCoalescedToTheNewestFix() async throws {
        let live = LiveState()
        live.apply([F.fix(12, at: 1000), F.fix(20, at: 1000, lat: F.kaunasLat, lon: F.kaunasLon)])
        let hub = F.hub(live)
        let subscription = hub.subscribe(filter: FeedFilter())
        var frames = subscription.makeAsyncIterator()
        _ = try F.snapshotUnits(await frames.next())

        // Unit 7 moves three times in one tick, across both of its devices; unit 12 stays put.
        live.apply([F.fix(12, at: 2000, lat: 546_000_001)])
        live.apply([F.fix(13, at: 3000, lat: 546_000_002, speedCmS: 250, headingCentiDeg: 18050, satellites: 7)])
        live.apply([F.fix(12, at: 2500, lat: 546_000_003)])
        live.apply([F.fix(99, at: 4000)])  // in no unit
        hub.tick()

        #expect(hub.framesSerialised == 1)
        #expect(subscription.bufferedFrames == 1)
        let text = try #require(await frames.next())
        let items = try F.positionItems(text)
        #expect(items.count == 1)
        let item = try #require(items.first)
        #expect(item["unit"] as? String == "7")
        #expect(item["device"] as? Int == 13)
        #expect(item["time"] as? String == "1970-01-01T00:00:03.000Z")
        #expect(item["received"] as? String == "1970-01-01T00:00:03.400Z")
        #expect(item["lat"] as? Double == 54.6000002)
        #expect(item["lon"] as? Double == 25.2797)
        #expect(item["speed"] as? Double == 2.5)
        #expect(item["heading"] as? Double == 180.5)
        #expect(item["altitude"] is NSNull)
        #expect(item["sats"] as? Int == 7)
        #expect(item["battery"] is NSNull)
        #expect(item["flags"] as? Int == 0)
        #expect(
            text
                == #"{"type":"positions","items":[{"unit":"7","device":13,"time":"1970-01-01T00:00:03.000Z","#
                + #""received":"1970-01-01T00:00:03.400Z","lat":54.6000002,"lon":25.2797000,"speed":2.50,"#
                + #""heading":180.50,"altitude":null,"sats":7,"battery":null,"flags":0}]}"#
        )

        // Nothing changed: no frame at all.
        hub.tick()
        #expect(hub.framesSerialised == 1)
        #expect(subscription.bufferedFrames == 0)
    }

    @Test func testAnOlderDeviceDoesNotMoveItsUnitBack() async throws {
        let live = LiveState()
        live.apply([F.fix(13, at: 5000)])
        let hub = F.hub(live)
        let subscription = hub.subscribe(filter: FeedFilter())
        var frames = subscription.makeAsyncIterator()
        _ = await frames.next()

        live.apply([F.fix(12, at: 4000), F.fix(20, at: 4000)])
        hub.tick()
        let items = try F.positionItems(await frames.next())
        #expect(items.map { $0["unit"] as? String } == ["12"])
    }

    @Test func testPositionsFollowUnitAndBoxFilters() async throws {
        let live = LiveState()
        let hub = F.hub(live)
        let all = hub.subscribe(filter: FeedFilter())
        let unit7 = hub.subscribe(filter: FeedFilter(units: ["7"]))
        let vilnius = hub.subscribe(filter: FeedFilter(bbox: F.vilniusBox))
        let unit3 = hub.subscribe(filter: FeedFilter(units: ["3"]))
        var allFrames = all.makeAsyncIterator()
        var unit7Frames = unit7.makeAsyncIterator()
        var vilniusFrames = vilnius.makeAsyncIterator()
        var unit3Frames = unit3.makeAsyncIterator()
        _ = await allFrames.next()
        _ = await unit7Frames.next()
        _ = await vilniusFrames.next()
        _ = await unit3Frames.next()

        live.apply([F.fix(12, at: 1000), F.fix(20, at: 1000, lat: F.kaunasLat, lon: F.kaunasLon)])
        hub.tick()
        #expect(try F.positionItems(await allFrames.next()).map { $0["unit"] as? String } == ["12", "7"])
        #expect(try F.positionItems(await unit7Frames.next()).map { $0["unit"] as? String } == ["7"])
        #expect(try F.positionItems(await vilniusFrames.next()).map { $0["unit"] as? String } == ["7"])
        #expect(unit3.bufferedFrames == 0)  // nothing for it: no frame serialised or queued
        #expect(hub.framesSerialised == 3)

        // Kaunas unit drives into the box.
        live.apply([F.fix(20, at: 2000)])
        hub.tick()
        #expect(try F.positionItems(await vilniusFrames.next()).map { $0["unit"] as? String } == ["12"])
        #expect(unit7.bufferedFrames == 0)
    }

    @Test func testOneSerialisationPerFilterPerTick() async throws {
        let live = LiveState()
        let hub = F.hub(live)
        let same = (0..<100).map { _ in hub.subscribe(filter: FeedFilter(units: ["7", "12"])) }
        let other = hub.subscribe(filter: FeedFilter(bbox: F.vilniusBox))
        var iterators = same.map { $0.makeAsyncIterator() }
        var otherFrames = other.makeAsyncIterator()
        for index in iterators.indices { _ = await iterators[index].next() }
        _ = await otherFrames.next()
        #expect(hub.subscriberCount == 101)
        // One snapshot per filter within a tick, shared by the 100 clients that asked for the same.
        #expect(hub.privateFramesSerialised == 2)

        for round in 1...3 {
            live.apply([F.fix(12, at: Int64(round) * 1000), F.fix(20, at: Int64(round) * 1000)])
            hub.tick()
            #expect(hub.framesSerialised == 2 * round)
            var texts: Set<String> = []
            for index in iterators.indices { texts.insert(try #require(await iterators[index].next())) }
            #expect(texts.count == 1)
            #expect(try F.positionItems(texts.first).count == 2)
            #expect(try F.positionItems(await otherFrames.next()).count == 2)
        }
        #expect(hub.privateFramesSerialised == 2)
    }

    @Test func testASnapshotIsSharedWithinATickAndRebuiltAfter() async throws {
        let live = LiveState()
        live.apply([F.fix(12, at: 1000)])
        let clock = TestClock()
        let hub = F.hub(live, clock: clock)
        var first = hub.subscribe(filter: FeedFilter()).makeAsyncIterator()
        let built = try #require(await first.next())
        // A move after that snapshot, then a client connecting within the same tick.
        live.apply([F.fix(12, at: 2000)])
        var late = hub.subscribe(filter: FeedFilter()).makeAsyncIterator()
        #expect(await late.next() == built, "the snapshot built a moment ago, shared")
        #expect(hub.privateFramesSerialised == 1)
        // The late client still hears of the move its shared snapshot predates.
        hub.tick()
        let moved = await late.next()
        #expect(try F.positionItems(moved).map { $0["device"] as? Int } == [12], "\(moved ?? "none")")
        // A tick later, the next client gets a snapshot built anew.
        clock.advance(by: .milliseconds(100))
        var next = hub.subscribe(filter: FeedFilter()).makeAsyncIterator()
        #expect(await next.next() != built)
        #expect(hub.privateFramesSerialised == 2)
    }

    @Test func testUpdateFilterGivesAFreshSnapshot() async throws {
        let live = LiveState()
        live.apply([F.fix(12, at: 1000), F.fix(20, at: 1000, lat: F.kaunasLat, lon: F.kaunasLon)])
        let hub = F.hub(live)
        let subscription = hub.subscribe(filter: FeedFilter())
        var frames = subscription.makeAsyncIterator()
        #expect(try F.snapshotUnits(await frames.next()).count == 3)

        live.apply([F.fix(12, at: 2000), F.fix(20, at: 2000, lat: F.kaunasLat, lon: F.kaunasLon)])
        hub.tick()
        #expect(subscription.bufferedFrames == 1)
        subscription.updateFilter(FeedFilter(units: ["12"]))
        #expect(subscription.bufferedFrames == 0)
        #expect(subscription.filter == FeedFilter(units: ["12"]))

        let units = try F.snapshotUnits(await frames.next())
        #expect(units.map { $0["id"] as? String } == ["12"])
        let position = try #require(units.first?["position"] as? [String: Any])
        #expect(position["time"] as? String == "1970-01-01T00:00:02.000Z")

        live.apply([F.fix(12, at: 3000), F.fix(20, at: 3000)])
        hub.tick()
        #expect(try F.positionItems(await frames.next()).map { $0["unit"] as? String } == ["12"])
    }

    @Test func testDirectoryChangeGivesAFreshSnapshot() async throws {
        let hub = F.hub(LiveState())
        let subscription = hub.subscribe(filter: FeedFilter())
        var frames = subscription.makeAsyncIterator()
        _ = await frames.next()
        #expect(hub.privateFramesSerialised == 1)

        hub.updateDirectory(F.directory)  // unchanged: nothing to send
        #expect(subscription.bufferedFrames == 0)
        var renamed = F.directory
        renamed.units["3"]?.name = "Reserve (Alytus)"
        // The reader is (most likely) parked when the directory changes: the change must wake it.
        let text = await withTaskGroup(of: String?.self) { group in
            group.addTask {
                var reader = subscription.makeAsyncIterator()
                return await reader.next()
            }
            await Task.yield()
            hub.updateDirectory(renamed)
            return await group.next() ?? nil
        }
        let units = try F.snapshotUnits(text)
        #expect(units.map { $0["name"] as? String } == ["Kaunas 2", "Reserve (Alytus)", "Vilnius 1"])
        #expect(hub.privateFramesSerialised == 2)
    }

    @Test func testCancelEndsTheSequenceAndWakesAWaitingReader() async throws {
        let hub = F.hub(LiveState())
        let subscription = hub.subscribe(filter: FeedFilter())
        var frames = subscription.makeAsyncIterator()
        _ = await frames.next()
        #expect(hub.subscriberCount == 1)

        await withTaskGroup(of: String?.self) { group in
            group.addTask {
                var reader = subscription.makeAsyncIterator()
                return await reader.next()
            }
            subscription.cancel()
            #expect(await group.next() == .some(nil))
        }
        #expect(subscription.closeReason == .cancelled)
        #expect(hub.subscriberCount == 0)
        #expect(await frames.next() == nil)
        subscription.cancel()  // idempotent
        #expect(subscription.closeReason == .cancelled)
    }

    @Test func testCancellingTheReadingTaskCancelsTheSubscription() async throws {
        let hub = F.hub(LiveState())
        let subscription = hub.subscribe(filter: FeedFilter())
        let reader = Task {
            var count = 0
            for await _ in subscription { count += 1 }
            return count
        }
        reader.cancel()
        #expect(await reader.value <= 1)
        #expect(subscription.closeReason == .cancelled)
        #expect(hub.subscriberCount == 0)
    }

    @Test func testRunTicksOnTheClockAndEndsSubscriptionsWhenCancelled() async throws {
        let live = LiveState()
        let clock = TestClock()
        let hub = F.hub(live, clock: clock)
        let subscription = hub.subscribe(filter: FeedFilter())
        var frames = subscription.makeAsyncIterator()
        _ = await frames.next()

        await withTaskGroup(of: Void.self) { group in
            group.addTask { await hub.run() }
            live.apply([F.fix(20, at: 1000)])
            // Wait for the loop to sleep on the test clock, then let one tick interval pass.
            for _ in 0..<10_000 where clock.sleeperCount == 0 { await Task.yield() }
            #expect(clock.sleeperCount == 1)
            #expect(hub.framesSerialised == 0)
            clock.advance(by: .milliseconds(100))
            #expect((try? F.positionItems(await frames.next()).map { $0["unit"] as? String }) == ["12"])
            #expect(hub.framesSerialised == 1)
            group.cancelAll()
        }
        #expect(await frames.next() == nil)
        #expect(subscription.closeReason == .cancelled)
        #expect(hub.subscriberCount == 0)
    }
}
