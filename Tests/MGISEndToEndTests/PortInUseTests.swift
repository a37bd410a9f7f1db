import Foundation
import MGISTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

extension EndToEnd {

/// A taken port stops `mgisd demo` (and `serve`) before anything is printed or created, with a
/// message that names the port and the option that moves it.
@Suite(.serialized, .timeLimit(.minutes(2))) struct PortInUseTests {
    @Test(arguments: ["demo", "serve"])
    func testATakenPortIsNamedBeforeAnyCredentialIsPrinted(command: String) async throws {
        let holder = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(holder) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(holder, $0, length) == 0 && getsockname(holder, $0, &length) == 0 }
        }
        try #require(bound, "could not hold a UDP port for the test")
        let taken = Int(UInt16(bigEndian: address.sin_port))
        let directory = NSTemporaryDirectory() + "mgis-port-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let run = try await onOwnThread {
            try Self.mgisd([
                command, "--data", directory, "--host", "127.0.0.1", "--udp-port", String(taken),
                "--teltonika-port", String(Daemon.freePort(Int32(SOCK_DGRAM.rawValue))), "--http-port", String(Daemon.freePort(Int32(SOCK_STREAM.rawValue))),
            ])
        }
        #expect(run.status != 0)
        #expect(run.stderr.contains("port \(taken) (UDP, MTP/1 over UDP) is already in use") && run.stderr.contains("--udp-port"), "\(run.stderr)")
        #expect(!run.stdout.contains("log in as") && !run.stdout.contains("password") && !run.stderr.contains("password"), "\(run.stdout)")
        #expect(!FileManager.default.fileExists(atPath: directory + "/mgis.sqlite"), "nothing is created before the check")
    }

    /// Runs mgisd to its end (at most 60 s), with its output.
    static func mgisd(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = Daemon.productsDirectory.appendingPathComponent("mgisd")
        process.arguments = arguments
        let (out, err) = (Pipe(), Pipe())
        (process.standardOutput, process.standardError) = (out, err)
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, stdout, stderr)
    }
}
}
