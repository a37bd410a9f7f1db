import Foundation
import MGISCore
import MGISStore
import Testing

@Suite struct StoreTests {
    static func makeStore(threshold: Int = 0, step: Int = 10_000) throws -> Store {
        let path = NSTemporaryDirectory() + "mgis-store-" + UUID().uuidString + ".sqlite"
        return try Store(configuration: StoreConfiguration(path: path, compactionThreshold: threshold, compactionStep: step))
    }

    static func fix(_ time: Int64, _ n: Int32 = 0) -> Fix {
        Fix(timeMillis: time, latE7: 540_000_000 + n, lonE7: 250_000_000 - n, speedCmS: UInt16(n), headingCentiDeg: 100,
            altitudeM: -5, hdopTenths: 12, satellites: 7, flags: [.fixValid, .alarm], batteryPercent: 55)
    }

    @Test func testLogRowsReadBackExactlyBeforeAndAfterCompaction() async throws {
        let store = try Self.makeStore()
        let device = DeviceID(unchecked: 7)
        var datagrams: [StoredDatagram] = []
        for seq in 1...30 as ClosedRange<UInt32> {
            let base = 1_700_000_000_000 + Int64(seq) * 60_000
            datagrams.append(StoredDatagram(device: device, seq: seq, tag: UInt64(seq) * 0x0101_0101, receivedMillis: base + 5,
                                            fixes: [Self.fix(base, Int32(seq)), Self.fix(base + 500, Int32(seq) + 1)]))
        }
        _ = try await store.append(datagrams)
        let before = try store.fixes(device: device)
        #expect(before.count == 60)
        while try await store.compactStep(force: true) > 0 {}
        #expect(try await store.logRowCount() == 0)
        let after = try store.fixes(device: device)
        #expect(after == before)
        #expect(after.map(\.fix) == datagrams.flatMap(\.fixes))
        #expect(after.first?.tag == 0x0101_0101 && after.first?.receivedMillis == 1_700_000_060_005)
    }

    @Test func testTimeRangeQueriesAcrossChunksSpanningHours() async throws {
        let store = try Self.makeStore(step: 7)
        let device = DeviceID(unchecked: 3)
        let start: Int64 = 1_700_000_000_000
        // One fix every 10 minutes for 10 hours: chunks must split at the one-hour span.
        let datagrams = (0..<60).map { index in
            StoredDatagram(device: device, seq: UInt32(index + 1), tag: 1, receivedMillis: start,
                           fixes: [Self.fix(start + Int64(index) * 600_000, Int32(index))])
        }
        _ = try await store.append(datagrams)
        while try await store.compactStep(force: true) > 0 {}
        let from = start + 95 * 60_000, to = start + 305 * 60_000
        let range = try store.fixes(device: device, from: from, to: to)
        let expected = datagrams.flatMap(\.fixes).filter { (from...to).contains($0.timeMillis) }
        #expect(range.map(\.fix) == expected)
        #expect(expected.count == 21)
        // Another device's fixes never leak in.
        #expect(try store.fixes(device: DeviceID(unchecked: 4)).isEmpty)
    }

    @Test func testRecentStateRestoresNewestFixAndSeenDatagrams() async throws {
        let store = try Self.makeStore()
        let key = [UInt8](repeating: 1, count: 32)
        for id in 1...3 as ClosedRange<UInt32> {
            try store.addDevice(id: DeviceID(rawValue: id), name: "d\(id)", key: key, nowMillis: 0)
        }
        var datagrams: [StoredDatagram] = []
        for id in 1...3 as ClosedRange<UInt32> {
            for seq in 1...5 as ClosedRange<UInt32> {
                datagrams.append(StoredDatagram(device: DeviceID(unchecked: id), seq: seq, tag: UInt64(id * 100 + seq),
                                                receivedMillis: 9, fixes: [Self.fix(Int64(seq) * 1000 + Int64(id))]))
            }
        }
        _ = try await store.append(Array(datagrams.prefix(10)))
        while try await store.compactStep(force: true) > 0 {}
        _ = try await store.append(Array(datagrams.suffix(5)))
        let state = try store.recentState()
        #expect(state.latest[DeviceID(unchecked: 1)]?.fix == Self.fix(5001))
        #expect(state.latest[DeviceID(unchecked: 3)]?.fix == Self.fix(5003))
        #expect(state.seen[DeviceID(unchecked: 2)]?.map(\.seq) == [1, 2, 3, 4, 5])
        #expect(state.seen[DeviceID(unchecked: 3)]?.last == SeenDatagram(seq: 5, tag: 305))
    }

    @Test func testAppendSkipsDatagramsAlreadyStoredWhenAskedToCheck() async throws {
        let store = try Self.makeStore()
        let device = DeviceID(unchecked: 9)
        let original = StoredDatagram(device: device, seq: 4, tag: 44, receivedMillis: 1, fixes: [Self.fix(10_000)])
        _ = try await store.append([original])
        while try await store.compactStep(force: true) > 0 {}
        let reset = StoredDatagram(device: device, seq: 4, tag: 45, receivedMillis: 2, fixes: [Self.fix(10_000, 1)])
        let written = try await store.append([original, reset], checkStored: [0, 1])
        #expect(written == [false, true])
        #expect(try store.fixes(device: device).count == 2)
    }

    @Test func testDeviceRegistrationValidatesAndImportIsAllOrNothing() throws {
        let store = try Self.makeStore()
        let key = [UInt8](repeating: 2, count: 32)
        let first = try store.addDevice(id: nil, name: "alpha", key: key, nowMillis: 5)
        #expect(first.id.rawValue == 1)
        #expect(throws: StoreError.self) { try store.addDevice(id: nil, name: "alpha", key: key, nowMillis: 5) }
        #expect(throws: StoreError.self) { try store.addDevice(id: first.id, name: "beta", key: key, nowMillis: 5) }
        #expect(throws: StoreError.self) { try store.addDevice(id: nil, name: "short key", key: [1, 2], nowMillis: 5) }
        #expect(throws: StoreError.self) { try store.addDevice(id: nil, name: "  ", key: key, nowMillis: 5) }
        #expect(throws: StoreError.self) { try store.addDevice(id: nil, name: "bad imei", key: nil, imei: "12ab", nowMillis: 5) }
        let revision = try store.deviceRevision()
        do {
            try store.importDevices([
                (2, DeviceID(unchecked: 10), "ten", key, nil),
                (3, DeviceID(unchecked: 11), "alpha", key, nil),
            ], nowMillis: 5)
            Issue.record("import with a taken name succeeded")
        } catch let error as StoreError {
            #expect(error.message.hasPrefix("line 3:"))
        }
        #expect(try store.devices().map(\.name) == ["alpha"])
        #expect(try store.deviceRevision() == revision)
        try store.setDeviceEnabled(first.id, false)
        #expect(try store.device(first.id)?.enabled == false)
        #expect(try store.deviceRevision() > revision)
        #expect(throws: StoreError.self) { try store.setDeviceEnabled(DeviceID(unchecked: 99), false) }
    }
}
