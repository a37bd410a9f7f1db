import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GRDB
import MGISAudit
import MGISCore
import MGISStore
import Testing

extension EndToEnd {

/// `mgisctl` as an operator runs it: real binary, real data directory.
@Suite struct ControlToolTests {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func mgisctl(_ arguments: [String], stdin: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = Daemon.productsDirectory.appendingPathComponent("mgisctl")
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    static func directory() throws -> String {
        let path = NSTemporaryDirectory() + "mgis-ctl-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func testDeviceImportIsAllOrNothingAndNamesTheLine() throws {
        let data = try Self.directory()
        let key = String(repeating: "ab", count: 32)
        let csv = data + "/fleet.csv"
        try "id,name,key_hex\n10,car-10,\(key)\n11,car-11,abcd\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let bad = try Self.mgisctl(["device", "import", "--data", data, csv])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("line 3"), "stderr: \(bad.stderr)")
        #expect(try Self.mgisctl(["device", "list", "--data", data]).stdout.split(separator: "\n").count == 1)
        try "id,name,key_hex,imei\n10,car-10,\(key),\n11,car-11,,356307042441013\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let good = try Self.mgisctl(["device", "import", "--data", data, csv])
        #expect(good.status == 0 && good.stdout.contains("imported 2 devices"))
        let list = try Self.mgisctl(["device", "list", "--data", data]).stdout
        #expect(list.contains("10\tcar-10\tmtp1\t-\tyes"))
        #expect(list.contains("11\tcar-11\tteltonika\t356307042441013\tyes"))
        #expect(!list.contains(key), "device list must never print keys")
    }

    @Test func testDeviceAddPrintsTheKeyOnceAndDisableWorks() throws {
        let data = try Self.directory()
        let added = try Self.mgisctl(["device", "add", "--data", data, "--name", "car-1", "--id", "42"])
        #expect(added.status == 0)
        let keyLine = added.stdout.split(separator: "\n").first { $0.hasPrefix("key\t") }
        let key = keyLine.map { String($0.dropFirst(4)) } ?? ""
        #expect(key.count == 64 && Hex.decode(key) != nil)
        let again = try Self.mgisctl(["device", "add", "--data", data, "--name", "car-1"])
        #expect(again.status != 0 && again.stderr.contains("exists already"))
        #expect(try Self.mgisctl(["device", "disable", "--data", data, "42"]).status == 0)
        #expect(try Self.mgisctl(["device", "list", "--data", data]).stdout.contains("42\tcar-1\tmtp1\t-\tno"))
        #expect(try Self.mgisctl(["device", "disable", "--data", data, "43"]).status != 0)
    }

    @Test func testUsersAndTokensFromScripts() throws {
        let data = try Self.directory()
        let added = try Self.mgisctl(["user", "add", "--data", data, "ops", "--role", "dispatcher", "--role", "analyst", "--password-stdin"], stdin: "a-long-enough-password\n")
        #expect(added.status == 0, "\(added.stderr)")
        let made = try Self.mgisctl(["user", "add", "--data", data, "wall", "--role", "display"])
        #expect(made.stdout.split(separator: "\n").last?.count == 16, "a made password is printed on the last line")
        let token = try Self.mgisctl(["user", "token", "--data", data, "wall", "--days", "30"])
        let last = token.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("mgis_") && last.count > 40)
        let store = try Store(configuration: StoreConfiguration(path: data + "/mgis.sqlite"))
        let found = try #require(try store.token(hash: TokenFactory.hash(last)))
        #expect(found.user.name == "wall" && found.token.isValid(at: WallClock.nowMillis()))
        #expect(try Self.mgisctl(["user", "add", "--data", data, "x", "--role", "wizard"]).status != 0)
        #expect(try Self.mgisctl(["user", "disable", "--data", data, "wall"]).status == 0)
        #expect(try store.token(hash: TokenFactory.hash(last))?.token.revokedMillis != nil, "disabling revokes tokens")
        #expect(try Self.mgisctl(["user", "list", "--data", data]).stdout.contains("ops\tanalyst,dispatcher\t-\tno"))
    }

    /// bcrypt reads 72 bytes: mgisctl refuses a longer password like the API does, and sets nothing.
    @Test func testPasswordsPastBcryptsBytesAreRefused() throws {
        let data = try Self.directory()
        let long = String(repeating: "p", count: 73)
        let add = try Self.mgisctl(["user", "add", "--data", data, "ops", "--role", "analyst", "--password-stdin"], stdin: long + "\n")
        #expect(add.status != 0 && add.stderr.contains("72"), "add: \(add.stderr)")
        #expect(try Self.mgisctl(["user", "list", "--data", data]).stdout.contains("ops") == false)
        let exact = String(repeating: "p", count: 72)
        #expect(try Self.mgisctl(["user", "add", "--data", data, "ops", "--role", "analyst", "--password-stdin"], stdin: exact + "\n").status == 0)
        let passwd = try Self.mgisctl(["user", "passwd", "--data", data, "ops", "--password-stdin"], stdin: long + "\n")
        #expect(passwd.status != 0 && passwd.stderr.contains("72"), "passwd: \(passwd.stderr)")
    }

    @Test func testPositionsExportAsCSVAndGeoJSON() async throws {
        let data = try Self.directory()
        let store = try Store(configuration: StoreConfiguration(path: data + "/mgis.sqlite"))
        try store.addDevice(id: DeviceID(rawValue: 5), name: "car-5", key: [UInt8](repeating: 1, count: 32), nowMillis: 0)
        let fixes = [
            Fix(timeMillis: 1_764_450_000_250, latE7: 546_872_000, lonE7: -252_797_000, speedCmS: 1_389, headingCentiDeg: 9_000,
                altitudeM: 112, hdopTenths: 9, satellites: 11, flags: [.fixValid], batteryPercent: 87),
            Fix(timeMillis: 1_764_450_001_000, latE7: 546_873_000, lonE7: -252_796_000),
        ]
        _ = try await store.append([StoredDatagram(device: DeviceID(unchecked: 5), seq: 1, tag: 9, receivedMillis: 1_764_450_001_500, fixes: fixes)])
        let csv = try Self.mgisctl(["positions", "export", "--data", data, "--device", "5"])
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1] == "5,2025-11-29T21:00:00.250Z,54.6872000,-25.2797000,13.89,90.0,112,0.9,11,1,87,2025-11-29T21:00:01.500Z,1")
        #expect(lines[2].hasPrefix("5,2025-11-29T21:00:01.000Z,54.6873000,-25.2796000,,,,,0,0,,"))
        let ranged = try Self.mgisctl(["positions", "export", "--data", data, "--device", "5", "--from", "2025-11-29T21:00:00.500Z"])
        #expect(ranged.stdout.split(separator: "\n").count == 2)
        let geo = try Self.mgisctl(["positions", "export", "--data", data, "--device", "5", "--format", "geojson"])
        let object = try JSONSerialization.jsonObject(with: Data(geo.stdout.utf8)) as? [String: Any]
        let features = object?["features"] as? [[String: Any]] ?? []
        #expect(features.count == 3)
        #expect((features.first?["geometry"] as? [String: Any])?["type"] as? String == "LineString")
        #expect(try Self.mgisctl(["positions", "export", "--data", data, "--device", "6"]).status != 0)
        // Each export is on record in the audit trail.
        let trail = try AuditStore(configuration: AuditStoreConfiguration(dataDirectory: data))
        let exports = try await trail.entries(matching: AuditFilter(action: .dataExport))
        #expect(exports.count == 3 && exports.allSatisfy { $0.event.objectIDs == ["5"] })
        #expect(try Self.mgisctl(["positions", "export", "--data", data, "--device", "5", "--from", "yesterday"]).status != 0)
    }
}

/// The audit trail of a real mgisd run verifies with mgisctl, also against the checkpoint copy.
@Suite struct AuditVerifyToolTests {
    @Test func testAuditOfARealRunVerifies() async throws {
        let data = try ControlToolTests.directory()
        let copy = data + "/../" + UUID().uuidString + "-checkpoints.jsonl"
        let daemon = try Daemon(dataDirectory: data, extra: ["--audit-checkpoint-copy", copy, "--audit-checkpoint-seconds", "1"])
        try await Task.sleep(for: .seconds(2))
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(daemon.httpPort)/api/v1/auth/login")!)
        request.httpMethod = "POST"
        request.httpBody = Data(#"{"username":"admin","password":"wrong-password"}"#.utf8)
        // Three refused logins, retried while the daemon is still starting (a loaded machine).
        var refused = 0
        let deadline = ContinuousClock.now + .seconds(30)
        while refused < 3, ContinuousClock.now < deadline {
            if let (_, response) = try? await URLSession.shared.data(for: request), (response as? HTTPURLResponse)?.statusCode == 401 {
                refused += 1
            } else {
                try await Task.sleep(for: .milliseconds(200))
            }
        }
        #expect(refused == 3)
        daemon.terminate()  // SIGTERM: the writer drains and signs a last checkpoint
        let verify = try ControlToolTests.mgisctl(["audit", "verify", "--data", data])
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
        #expect(verify.stdout.hasPrefix("OK"))
        let external = try ControlToolTests.mgisctl(["audit", "verify", "--data", data, "--checkpoint", copy])
        #expect(external.status == 0, "\(external.stdout) \(external.stderr)")
        let key = try ControlToolTests.mgisctl(["audit", "pubkey", "--data", data])
        #expect(key.stdout.trimmingCharacters(in: .whitespacesAndNewlines).count == 64)

        // Someone with the file rewrites one field of the entry that names admin (the failed
        // logins' summary, written at shutdown), after dropping the guard triggers: mgisctl names
        // that entry and fails.
        let raw = try DatabaseQueue(path: data + "/audit.sqlite")
        let index = try await raw.write { db -> Int in
            // The event column holds canonical JSON bytes (a BLOB): read it as text to search it.
            let index = try #require(try Int.fetchOne(
                db, sql: "SELECT MIN(idx) FROM audit_entries WHERE CAST(event AS TEXT) LIKE '%\"names\":\"admin:%'"
            ))
            try db.execute(sql: "DROP TRIGGER IF EXISTS audit_entries_no_update")
            try db.execute(sql: "UPDATE audit_entries SET event = replace(event, 'admin', 'mallo') WHERE idx = ?", arguments: [index])
            return index
        }
        let tampered = try ControlToolTests.mgisctl(["audit", "verify", "--data", data])
        #expect(tampered.status != 0)
        #expect((tampered.stdout + tampered.stderr).contains("entry \(index)"), "\(tampered.stdout) \(tampered.stderr)")
    }
}
}
