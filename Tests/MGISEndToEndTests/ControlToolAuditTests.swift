import Foundation
import MGISAudit
import Testing

extension EndToEnd {

/// `mgisctl` changes users, tokens and trackers on the data directory itself: each change lands
/// in the same audit trail as the API's, attempt and result, named `mgisctl:USER`, with no secret;
/// appended while mgisd runs, the trail still verifies; an unwritable trail refuses the change.
@Suite(.serialized) struct ControlToolAuditTests {
    @Test func testEveryChangeOfMgisctlIsAudited() async throws {
        let data = try ControlToolTests.directory()
        let daemon = try Daemon(dataDirectory: data, extra: ["--audit-checkpoint-seconds", "1"])
        try await Task.sleep(for: .seconds(2))
        var secrets: [String] = []
        func ctl(_ arguments: [String]) throws -> ControlToolTests.Run {
            let run = try ControlToolTests.mgisctl(arguments)
            #expect(run.status == 0, "\(arguments.joined(separator: " ")): \(run.stderr)")
            if let last = run.stdout.split(separator: "\n").last { secrets.append(String(last)) }
            return run
        }
        _ = try ctl(["user", "add", "--data", data, "watcher", "--role", "analyst"])
        _ = try ctl(["user", "passwd", "--data", data, "watcher"])
        _ = try ctl(["user", "token", "--data", data, "watcher", "--label", "night screen"])
        let device = try ctl(["device", "add", "--data", data, "--name", "car-7", "--id", "7"])
        secrets.append(device.stdout.split(separator: "\n").first { $0.hasPrefix("key\t") }.map { String($0.dropFirst(4)) } ?? "none")
        _ = try ctl(["device", "disable", "--data", data, "7"])
        _ = try ctl(["user", "disable", "--data", data, "watcher"])
        try await Task.sleep(for: .seconds(2))
        daemon.terminate()

        let store = try AuditStore(configuration: AuditStoreConfiguration(dataDirectory: data))
        let entries = try await store.entries(matching: AuditFilter(limit: 1000)).filter { $0.event.actor?.hasPrefix("mgisctl:") == true }
        let results = entries.filter { $0.event.details["phase"] == "result" }
        #expect(entries.count == 12, "attempt and result of 6 changes: \(entries.map(\.event.route))")
        let routes = Set(results.map { "\($0.event.action.rawValue) \($0.event.route ?? "")" })
        for expected in ["user.create mgisctl user add", "user.update mgisctl user passwd", "token.issue mgisctl user token",
                         "device.create mgisctl device add", "device.update mgisctl device disable", "user.update mgisctl user disable"] {
            #expect(routes.contains(expected), "no \(expected): \(routes)")
        }
        let token = try #require(results.first { $0.event.action == .tokenIssue })
        #expect(token.event.objectIDs.contains { $0.hasPrefix("user:") } && token.event.objectIDs.contains { $0.hasPrefix("token:") })
        #expect(token.event.details["for_user"] == "watcher")
        #expect(results.first { $0.event.route == "mgisctl device add" }?.event.objectIDs == ["device:7"])
        #expect(results.first { $0.event.route == "mgisctl user passwd" }?.event.details["fields"] == "password")
        let text = entries.map { String(decoding: $0.canonicalBytes, as: UTF8.self) }.joined()
        for secret in secrets where secret.count >= 20 {
            #expect(!text.contains(secret), "a secret printed by mgisctl entered the trail")
        }
        // mgisd and mgisctl appended to one tree: it verifies, checkpoints included.
        let verify = try ControlToolTests.mgisctl(["audit", "verify", "--data", data])
        #expect(verify.status == 0 && verify.stdout.hasPrefix("OK"), "\(verify.stdout) \(verify.stderr)")
    }

    @Test func testAnUnwritableTrailRefusesTheChange() throws {
        let data = try ControlToolTests.directory()
        // A directory where the audit file should be: the trail cannot be opened.
        try FileManager.default.createDirectory(atPath: data + "/audit.sqlite", withIntermediateDirectories: true)
        let add = try ControlToolTests.mgisctl(["user", "add", "--data", data, "ghost", "--role", "analyst"])
        #expect(add.status != 0 && add.stderr.contains("audit trail cannot be written"), "\(add.status): \(add.stderr)")
        let list = try ControlToolTests.mgisctl(["user", "list", "--data", data])
        #expect(!list.stdout.contains("ghost"), "a refused change was made: \(list.stdout)")
    }
}
}
