import MGISCore
import MGISLive
import Synchronization
import Testing

/// Ingest, ticks, readers of different speeds and filter changes all at once: every reader must
/// see each unit's fix time only move forward, and end up with exactly the newest state.
@Suite struct LiveFeedConcurrencyTests {
    typealias F = FeedFixtures

    /// Units 1 ... 8 with one device each (devices 1 ... 8); unit 9 has devices 9 and 10.
    static let directory = FeedDirectory(
        units: Dictionary(
            uniqueKeysWithValues: (1...9).map { ("\($0)", UnitInfo(id: "\($0)", name: "U\($0)", callSign: "C\($0)")) }
        ),
        unitOfDevice: Dictionary(uniqueKeysWithValues: (1...10).map { (F.device(UInt32($0)), "\(min($0, 9))") })
    )

    /// What one reader has seen: each unit's fix time, rebuilt from its snapshots and positions frames.
    final class View: Sendable {
        private let state = Mutex<[String: Int64]>([:])
        private let regressions = Mutex(0)

        func apply(_ text: String) throws {
            let frame = try F.object(text)
            if frame["type"] as? String == "snapshot" {
                let units = try #require(frame["units"] as? [[String: Any]])
                var fresh: [String: Int64] = [:]
                for unit in units {
                    guard let position = unit["position"] as? [String: Any] else { continue }
                    fresh[try #require(unit["id"] as? String)] = try Self.millis(position)
                }
                state.withLock { $0 = fresh }
            } else {
                for item in try #require(frame["items"] as? [[String: Any]]) {
                    let unit = try #require(item["unit"] as? String)
                    let time = try Self.millis(item)
                    let regressed = state.withLock { state in
                        defer { state[unit] = time }
                        return (state[unit] ?? .min) / 100 > time / 100
                    }
                    if regressed { regressions.withLock { $0 += 1 } }
                }
            }
        }

        var times: [String: Int64] { state.withLock { $0 } }
        var regressionCount: Int { regressions.withLock { $0 } }

        /// Fix time (ms within this test's first day) x 100 + device: which fix, ordered by time first.
        private static func millis(_ position: [String: Any]) throws -> Int64 {
            let time = try #require(position["time"] as? String)  // 1970-01-01THH:MM:SS.mmmZ
            let device = try #require(position["device"] as? Int)
            let fields = time.dropFirst(11).dropLast()
                .split(whereSeparator: { $0 == ":" || $0 == "." })
                .map { Int64($0)! }
            let millis = ((fields[0] * 60 + fields[1]) * 60 + fields[2]) * 1000 + fields[3]
            return millis * 100 + Int64(device)
        }
    }

    /// Set while ingest runs; a class because an `Atomic` cannot be captured by the tasks directly.
    final class Flag: Sendable {
        let value = Atomic(true)
    }

    /// The newest fix time of each unit in `live` that `filter` shows, keyed like `View`.
    static func expected(_ live: LiveState, filter: FeedFilter) -> [String: Int64] {
        var newest: [String: DeviceFix] = [:]
        for fix in live.snapshot().fixes {
            guard let unit = directory.unitOfDevice[fix.device], filter.allows(unit: unit) else { continue }
            // Ties broken like the hub: receive time, then device id.
            if let current = newest[unit],
                (current.fix.timeMillis, current.receivedMillis, current.device)
                    >= (fix.fix.timeMillis, fix.receivedMillis, fix.device)
            {
                continue
            }
            newest[unit] = fix
        }
        return newest.mapValues { $0.fix.timeMillis * 100 + Int64($0.device.rawValue) }
    }

    @Test func testReadersConvergeWhileIngestAndTicksRun() async throws {
        let live = LiveState()
        let configuration = LiveFeedConfiguration(maxBufferedBytes: 1_500, maxBehind: .seconds(3600))
        let hub = F.hub(live, directory: Self.directory, configuration: configuration)
        let filters = [FeedFilter(), FeedFilter(), FeedFilter(units: ["1", "9"]), FeedFilter()]
        let subscriptions = filters.map { hub.subscribe(filter: $0) }
        let views = subscriptions.map { _ in View() }
        let producing = Flag()

        await withThrowingTaskGroup(of: Void.self) { group in
            for (index, subscription) in subscriptions.enumerated() {
                group.addTask {
                    for await frame in subscription {
                        try views[index].apply(frame)
                        // Reader 1 is slow: it overflows its small budget and is skipped ahead.
                        if index == 1 { try await Task.sleep(for: .milliseconds(2)) }
                    }
                }
            }
            group.addTask {
                // Ingest: devices report in random order, each one's fix time only growing.
                var second: Int64 = 0
                for batch in 0..<600 {
                    second += 1
                    let devices = (1...10).shuffled().prefix(Int.random(in: 1...4))
                    live.apply(devices.map { F.fix(UInt32($0), at: second * 1000 + Int64.random(in: 0...1)) })
                    if batch % 150 == 75 {
                        subscriptions[3].updateFilter(FeedFilter(units: batch % 300 == 75 ? ["9"] : nil))
                    }
                    await Task.yield()
                }
                producing.value.store(false, ordering: .releasing)
            }
            group.addTask {
                while producing.value.load(ordering: .acquiring) {
                    hub.tick()
                    await Task.yield()
                }
                hub.tick()
            }
            // Wait for every reader to hold the final state, then end the readers.
            group.addTask {
                while producing.value.load(ordering: .acquiring) { try await Task.sleep(for: .milliseconds(5)) }
                for _ in 0..<2_000 {
                    let done = subscriptions.indices.allSatisfy { index in
                        views[index].times == Self.expected(live, filter: subscriptions[index].filter)
                    }
                    if done { break }
                    try await Task.sleep(for: .milliseconds(5))
                }
                for subscription in subscriptions { subscription.cancel() }
            }
            while let result = await group.nextResult() {
                if case .failure(let error) = result { Issue.record(error) }
            }
        }

        for (index, subscription) in subscriptions.enumerated() {
            #expect(views[index].times == Self.expected(live, filter: subscription.filter), "reader \(index)")
            #expect(views[index].regressionCount == 0, "reader \(index)")
            #expect(subscription.closeReason == .cancelled)
        }
        #expect(hub.privateFramesSerialised > subscriptions.count)  // the slow reader caught up at least once
    }
}
