import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `mgisd` binary as a child process, as an operator would.
/// `@unchecked Sendable`: a test hands it to a helper thread to wait on, never to two at once.
final class Daemon: @unchecked Sendable {
    let process = Process()
    let udpPort: Int
    let httpPort: Int
    /// The Teltonika port (UDP and TCP).
    let teltonikaPort: Int

    /// The directory holding the built products (beside the test bundle).
    static var productsDirectory: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }

    /// A port that was free a moment ago.
    static func freePort(_ type: Int32) -> Int {
        let fd = socket(AF_INET, type, 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                _ = bind(fd, pointer, length)
                return getsockname(fd, pointer, &length)
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// What the process printed on stdout (when started with `captureOutput`).
    private let output: Pipe?

    /// - Parameter host: `--host`; nil leaves it out, for the defaults' own tests.
    init(command: String = "serve", dataDirectory: String, host: String? = "127.0.0.1", extra: [String] = [], captureOutput: Bool = false) throws {
        udpPort = Self.freePort(Int32(SOCK_DGRAM.rawValue))
        httpPort = Self.freePort(Int32(SOCK_STREAM.rawValue))
        teltonikaPort = Self.freePort(Int32(SOCK_DGRAM.rawValue))
        process.executableURL = Self.productsDirectory.appendingPathComponent("mgisd")
        process.arguments = [
            command, "--data", dataDirectory,
        ] + (host.map { ["--host", $0] } ?? []) + [
            "--udp-port", "\(udpPort)", "--http-port", "\(httpPort)", "--log-level", "warning",
            // Daemons of tests running side by side must not fight over the default 5027.
            "--teltonika-port", "\(teltonikaPort)",
        ] + extra
        output = captureOutput ? Pipe() : nil
        process.standardOutput = output ?? FileHandle.nullDevice
        try process.run()
    }

    /// Reads stdout until a line containing `marker` arrives (or `seconds` pass); returns that line.
    func waitForLine(containing marker: String, seconds: Double = 60) -> String? {
        guard let handle = output?.fileHandleForReading else { return nil }
        var text = ""
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.contains(marker) }) { return String(line) }
        }
        return nil
    }

    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM, then SIGKILL if it has not exited after `seconds` (a test must never hang on it).
    func terminate(seconds: Double = 25) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { usleep(50_000) }
        if process.isRunning { kill9() }
        process.waitUntilExit()
    }
}
