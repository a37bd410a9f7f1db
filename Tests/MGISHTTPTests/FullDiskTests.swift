import Foundation
import MGISCore
import MGISProtocol
import MGISServer
import MGISStore
import MGISTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A full data disk, for real: the data directory on a small tmpfs that the test fills with a
/// ballast file. Needs the right to mount (root in CI); elsewhere the suite is skipped, saying why.
@Suite(.timeLimit(.minutes(3)), .enabled(if: SmallFilesystem.canMount, "mounting a tmpfs needs root (CAP_SYS_ADMIN); this machine refused"))
struct FullDiskTests {
    @Test func changesAreRefusedBelowTheReserveIngestStoresWhatItAcksAndAllResumesWhenSpaceReturns() async throws {
        let disk = try SmallFilesystem(megabytes: 32)
        defer { disk.unmount() }
        try await TestServer.with(directory: disk.path + "/data", tune: {
            $0.diskReserveBytes = 8 * 1_048_576
            $0.diskCheckInterval = .milliseconds(100)
        }) { server in
            let client = HTTPTestClient(port: server.httpPort)
            let admin = try server.token(for: "root", roles: [.admin])
            let auth = try await server.addDevice(51)
            let udp = UDPTestClient(port: server.udpPort)
            var acked: Set<UInt32> = []
            var seq: UInt32 = 0
            func send() async {
                seq += 1
                let datagram = MTPCodec.encode(device: 51, seq: seq, fixes: Fixes.make(count: 10, seed: Int32(seq)), authenticator: auth)
                if await udp.exchange(datagram, timeoutMilliseconds: 500) != nil { acked.insert(seq) }
            }
            await send()
            #expect(acked == [1])

            // Below the reserve, with a few MiB still free: changes refused, ingest still stored.
            try disk.fill(leavingBytes: 4 * 1_048_576, name: "ballast-1")
            try await Self.waitUntil { try await client.send("GET", "/healthz").status == 503 }
            let health = try await client.send("GET", "/healthz")
            #expect((health.json?["disk"] as? String)?.hasPrefix("below reserve") == true, "\(health.text)")
            let refused = try await client.send("POST", "/api/v1/units", token: admin, json: ["name": "Echo", "callSign": "E-1"])
            #expect(refused.status == 507 && refused.json?["error"] as? String == "insufficient_storage", "\(refused.text)")
            #expect(try server.store.units().isEmpty, "a refused change changes nothing")
            #expect(try await client.send("GET", "/api/v1/units", token: admin).status == 200, "reads still work")
            for _ in 0..<5 { await send() }
            #expect(acked.count == 6, "ingest keeps storing below the reserve")

            // Full: whatever is acknowledged must be stored; the rest is simply not answered.
            try disk.fill(leavingBytes: 0, name: "ballast-2")
            for _ in 0..<20 { await send() }
            #expect(server.metric("mgis_store_commit_failures_total") > 0 || acked.count == 26, "a full disk shows as failed commits")

            // Space returns: everything resumes by itself.
            try disk.remove("ballast-2")
            try disk.remove("ballast-1")
            try await Self.waitUntil { try await client.send("GET", "/healthz").status == 200 }
            try await Self.waitUntil {
                try await client.send("POST", "/api/v1/units", token: admin, json: ["name": "Echo", "callSign": "E-1"]).status == 201
            }
            for retransmitted in 1...seq where !acked.contains(retransmitted) {
                let datagram = MTPCodec.encode(device: 51, seq: retransmitted, fixes: Fixes.make(count: 10, seed: Int32(retransmitted)), authenticator: auth)
                if await udp.exchange(datagram) != nil { acked.insert(retransmitted) }
            }
            #expect(acked.count == Int(seq), "every datagram is acknowledged once space returns")
            let stored = Set(try server.store.fixes(device: DeviceID(unchecked: 51)).map(\.seq))
            #expect(stored == Set(1...seq), "every acknowledged datagram is stored, none twice")
            #expect(try server.store.fixes(device: DeviceID(unchecked: 51)).count == Int(seq) * 10)
        }
    }

    static func waitUntil(seconds: Double = 20, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while try await !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("condition not met within \(seconds) s")
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}

/// A tmpfs of a few MiB mounted on a fresh directory.
struct SmallFilesystem {
    let path: String

    static let canMount: Bool = {
        guard let probe = try? SmallFilesystem(megabytes: 1) else { return false }
        probe.unmount()
        return true
    }()

    init(megabytes: Int) throws {
        path = NSTemporaryDirectory() + "mgis-disk-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard mount("tmpfs", path, "tmpfs", 0, "size=\(megabytes)m") == 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSLocalizedDescriptionKey: "mount tmpfs failed: errno \(errno)"])
        }
    }

    func unmount() {
        umount2(path, Int32(MNT_DETACH))
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes a file until only `bytes` stay free (or the filesystem is full).
    func fill(leavingBytes bytes: Int64, name: String) throws {
        var info = statvfs()
        statvfs(path, &info)
        let free = Int64(info.f_bavail) * Int64(info.f_frsize)
        var remaining = free - bytes
        let fd = open(path + "/" + name, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(fd) }
        let chunk = [UInt8](repeating: 0xA5, count: 64 * 1024)
        while remaining > 0 {
            let written = chunk.withUnsafeBytes { write(fd, $0.baseAddress, min(chunk.count, Int(remaining))) }
            if written <= 0 { break }
            remaining -= Int64(written)
        }
    }

    func remove(_ name: String) throws {
        try FileManager.default.removeItem(atPath: path + "/" + name)
    }
}
