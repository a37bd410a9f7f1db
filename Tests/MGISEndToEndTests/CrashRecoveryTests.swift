import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import MGISCore
import MGISProtocol
import MGISStore
import MGISTestSupport
import Testing

extension EndToEnd {

/// `mgisd` is killed with SIGKILL while a fleet is sending; every datagram it had acknowledged
/// must be in the store afterwards, fix by fix.
@Suite(.serialized) struct CrashRecoveryTests {
    @Test func testNothingAcknowledgedIsLostWhenKilledMidStream() async throws {
        let directory = NSTemporaryDirectory() + "mgis-crash-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let storePath = directory + "/mgis.sqlite"
        var devices: [(id: UInt32, auth: MTPAuthenticator)] = []
        do {
            let store = try Store(configuration: StoreConfiguration(path: storePath))
            for id in 1...20 as ClosedRange<UInt32> {
                let key = (0..<32).map { _ in UInt8.random(in: 0...255) }
                try store.addDevice(id: DeviceID(rawValue: id), name: "crash-\(id)", key: key, nowMillis: WallClock.nowMillis())
                devices.append((id, MTPAuthenticator(key: key)))
            }
        }
        var sequence: [UInt32: UInt32] = [:]
        var allAcknowledged: [FleetSender.Sent] = []
        for round in 1...5 {
            let daemon = try Daemon(dataDirectory: directory)
            let sender = FleetSender(devices: devices, nextSeq: sequence)
            // Start-up: until /healthz answers (a loaded machine may need seconds), not a fixed sleep.
            let health = URL(string: "http://127.0.0.1:\(daemon.httpPort)/healthz")!
            let ready = ContinuousClock.now + .seconds(30)
            while ContinuousClock.now < ready {
                if let (_, response) = try? await URLSession.shared.data(from: health), (response as? HTTPURLResponse)?.statusCode == 200 { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            let port = daemon.udpPort
            let fleet = Task { [sender] in
                try await onOwnThread {
                    sender.run(port: port, for: 1.2)
                    return sender
                }
            }
            try await Task.sleep(for: .milliseconds(600 + round * 50))
            try await onOwnThread { daemon.kill9() }
            let finished = try await fleet.value
            sequence = finished.sequenceState
            #expect(finished.acknowledged.count > 0, "round \(round): nothing was acknowledged before the kill")
            allAcknowledged += finished.acknowledged
            // Check every acknowledged datagram, fix by fix, in the store the killed process left.
            let store = try Store(configuration: StoreConfiguration(path: storePath))
            var missing = 0
            for device in devices {
                let stored = try store.fixes(device: DeviceID(unchecked: device.id))
                let bySeq = Dictionary(grouping: stored, by: \.seq)
                for sent in allAcknowledged where sent.device == device.id {
                    let fixes = bySeq[sent.seq]?.map(\.fix) ?? []
                    if Set(fixes) != Set(sent.fixes) || fixes.count != sent.fixes.count { missing += 1 }
                }
            }
            #expect(missing == 0, "round \(round): \(missing) acknowledged datagrams missing or altered")
        }
        #expect(allAcknowledged.count > 100)
    }
}
}
