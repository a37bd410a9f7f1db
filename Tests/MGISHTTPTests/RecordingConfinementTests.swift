import Foundation
import MGISCore
import MGISHTTP
import MGISServer
import MGISTestSupport
import Testing

/// `PUT /api/v1/recording` takes a file name, never a path: a path outside the data directory
/// (or a sneaky name) is refused with 422 and nothing is created there; a valid name records to
/// `DATA/recordings/`, within the directory's size cap, and the audit trail names the file.
@Suite struct RecordingConfinementTests {
    @Test func testRecordingTakesANameInsideTheDataDirectoryOnly() async throws {
        let directory = TestServer.temporaryDirectory()
        let outside = NSTemporaryDirectory() + "mgis-outside-" + UUID().uuidString
        try await TestServer.with(directory: directory) { server in
            let admin = try server.token(for: "rec-admin", roles: [.admin])
            let auditor = try server.token(for: "rec-auditor", roles: [.auditor])
            let http = HTTPTestClient(port: server.httpPort)

            for file in [outside + "/authorized_keys", outside, "../escape.trace", "sub/dir.trace", ".hidden", "a b.trace", "..", "x\\y"] {
                let reply = try await http.send("PUT", "/api/v1/recording", token: admin, json: ["file": file])
                #expect(reply.status == 422 && reply.json?["error"] as? String == "invalid_field", "\(file): \(reply.status) \(reply.text)")
                #expect(reply.json?["message"] as? String != nil)
            }
            let path = try await http.send("PUT", "/api/v1/recording", token: admin, json: ["file": outside + "/authorized_keys"])
            #expect((path.json?["message"] as? String)?.contains("not a path") == true, "message: \(path.text)")
            #expect(!FileManager.default.fileExists(atPath: outside), "a refused path created \(outside)")
            #expect(!FileManager.default.fileExists(atPath: directory + "/escape.trace"))
            #expect(try await http.send("GET", "/api/v1/recording", token: admin).json?["active"] as? Bool == false)

            // More than the directory's cap (1 GiB) in one segment: refused before anything is written.
            let full = try await http.send("PUT", "/api/v1/recording", token: admin, json: ["file": "big.trace", "maxMegabytes": 2048])
            #expect(full.status == 507 && full.json?["error"] as? String == "recordings_full", "cap: \(full.text)")
            #expect(!FileManager.default.fileExists(atPath: directory + "/recordings/big.trace"))

            let on = try await http.send("PUT", "/api/v1/recording", token: admin, json: ["file": "night-1.trace", "maxMegabytes": 1])
            #expect(on.status == 200 && on.json?["file"] as? String == "night-1.trace", "start: \(on.text)")
            #expect(FileManager.default.fileExists(atPath: directory + "/recordings/night-1.trace"))
            let off = try await http.send("PUT", "/api/v1/recording", token: admin, json: ["active": false])
            #expect(off.status == 200, "stop: \(off.text)")

            // The audit trail names the file of each attempt, refused or not.
            let trail = try await http.send("GET", "/api/v1/audit?action=recording.change&limit=100", token: auditor)
            let entries = trail.json?["items"] as? [[String: Any]] ?? []
            let started = entries.filter { ($0["details"] as? [String: String])?["file"] == "night-1.trace" && $0["status"] as? Int == 200 }
            #expect(!started.isEmpty, "no audit entry names night-1.trace: \(entries)")
            #expect(started.allSatisfy { ($0["objectIDs"] as? [String])?.contains("recording:night-1.trace") == true })
            #expect(entries.contains { ($0["details"] as? [String: String])?["file"] == outside + "/authorized_keys" && $0["status"] as? Int == 422 })
        }
    }

    @Test(.timeLimit(.minutes(1))) func testARunningRecordingStopsAtTheDirectoryCap() async throws {
        let directory = TestServer.temporaryDirectory()
        try await TestServer.with(directory: directory, tune: { $0.http.limits.recordingsCapMegabytes = 2 }) { server in
            let admin = try server.token(for: "cap-admin", roles: [.admin])
            let http = HTTPTestClient(port: server.httpPort)
            // An older recording already takes 0.5 MiB of the 2 MiB allowed.
            try FileManager.default.createDirectory(atPath: directory + "/recordings", withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: directory + "/recordings/old.trace", contents: Data(count: 512 * 1024))
            let on = try await http.send("PUT", "/api/v1/recording", token: admin, json: ["file": "flood.trace", "maxMegabytes": 1])
            #expect(on.status == 200, "start: \(on.text)")

            // Junk datagrams are recorded too (raw traffic): 1,400 bytes each until the cap stops it.
            let tracker = UDPTestClient(port: server.udpPort)
            var status: [String: Any] = [:]
            let started = ContinuousClock.now
            while status["problem"] == nil, ContinuousClock.now - started < .seconds(40) {
                for _ in 0..<200 { tracker.send([UInt8](repeating: 0x42, count: 1_400)) }
                try await Task.sleep(for: .milliseconds(20))
                status = try await http.send("GET", "/api/v1/recording", token: admin).json ?? [:]
            }
            #expect((status["problem"] as? String)?.contains("cap") == true, "\(status)")
            // Stopping a capped recording is no failure: its files are whole.
            let off = try await http.send("PUT", "/api/v1/recording", token: admin, json: ["active": false])
            #expect(off.status == 200 && (off.json?["problem"] as? String)?.contains("cap") == true, "stop: \(off.text)")
            // Measured once stopped: the writer's last buffer (up to 64 KiB) reaches the file at close.
            let names = try FileManager.default.contentsOfDirectory(atPath: directory + "/recordings")
            let used = try names.reduce(0) { $0 + ((try FileManager.default.attributesOfItem(atPath: directory + "/recordings/" + $1)[.size] as? Int) ?? 0) }
            #expect(used <= 2 * 1_048_576 && used > 2 * 1_048_576 - 4_096, "\(used) bytes in \(names)")
            #expect(names.contains("flood.trace.1"), "it rotated past its first segment: \(names)")
        }
    }
}
