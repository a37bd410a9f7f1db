import Foundation
import MGISTestSupport

/// A real TLS client for the HTTPS tests: Python's `ssl` module (OpenSSL), verifying the server
/// against a CA file for the name `localhost`, over a socket to 127.0.0.1. One request per run:
/// plain HTTP/1.1 (`Connection: close`) or a WebSocket upgrade whose first frame it reads and
/// which it then holds open for a while.
/// Certificates come from the `openssl` command, as an operator would make a self-signed one.
enum TLSClient {
    struct Answer: Sendable {
        let status: Int
        /// Header names in lower case.
        let headers: [String: String]
        /// The response body, or the WebSocket's first frame.
        let body: String
        /// The peer certificate's common name and serial number (hex, as OpenSSL prints it).
        let commonName: String
        let serial: String
    }

    /// One request over TLS; nil when the handshake or the request failed (the reason on stderr).
    /// The client runs on a thread of its own, never blocking the cooperative pool.
    /// - Parameter holdWebSocket: upgrade to a WebSocket, read its first frame, then keep it open
    ///   4.5 s (nil when the server closes it meanwhile); false sends one plain request.
    static func request(port: Int, caFile: String, path: String, token: String? = nil, holdWebSocket: Bool = false) async throws -> Answer? {
        let script = NSTemporaryDirectory() + "mgis-tls-client.py"
        try pythonClient.write(toFile: script, atomically: true, encoding: .utf8)
        let arguments = [script, "\(port)", caFile, holdWebSocket ? "wss" : "https", path] + (token.map { [$0] } ?? [])
        let run = try await onOwnThread { try self.run("python3", arguments) }
        guard run.status == 0,
            let json = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        else {
            FileHandle.standardError.write(Data("TLS client failed: \(run.stderr)\n".utf8))
            return nil
        }
        return Answer(
            status: json["status"] as? Int ?? 0, headers: json["headers"] as? [String: String] ?? [:],
            body: json["body"] as? String ?? "", commonName: json["cn"] as? String ?? "", serial: json["serial"] as? String ?? ""
        )
    }

    /// A self-signed certificate for `localhost` and 127.0.0.1 with its key (P-256), valid 2 days.
    static func makeCertificate(commonName: String, certificate: String, key: String) throws {
        let made = try run("openssl", [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
            "-subj", "/CN=\(commonName)", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout", key, "-out", certificate,
        ])
        guard made.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: made.stderr]) }
    }

    /// Runs a program from PATH to its end. Every program run here ends by itself: the client's
    /// socket operations time out after 10 s.
    static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }

    /// argv: port, CA file, `https` or `wss`, path, [bearer token]. Prints one JSON object.
    static let pythonClient = #"""
        import json, socket, ssl, sys, time

        port, cafile, mode, path = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
        token = sys.argv[5] if len(sys.argv) > 5 else None
        context = ssl.create_default_context(cafile=cafile)
        tls = context.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=10), server_hostname="localhost")
        cert = tls.getpeercert()
        subject = dict(item for rdn in cert["subject"] for item in rdn)
        request = f"GET {path} HTTP/1.1\r\nHost: localhost:{port}\r\n"
        if token:
            request += f"Authorization: Bearer {token}\r\n"
        if mode == "wss":
            request += ("Upgrade: websocket\r\nConnection: Upgrade\r\n"
                        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n")
        else:
            request += "Connection: close\r\n"
        tls.sendall((request + "\r\n").encode())
        buffer = b""

        def fill(count):
            global buffer
            while len(buffer) < count:
                chunk = tls.recv(65536)
                if not chunk:
                    raise EOFError("connection closed")
                buffer += chunk

        while b"\r\n\r\n" not in buffer:
            fill(len(buffer) + 1)
        head, _, buffer = buffer.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        headers = {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines[1:])}
        if mode == "wss":
            # One server frame: unmasked, its length in 7, 16 or 64 bits.
            fill(2)
            length, buffer = buffer[1] & 0x7F, buffer[2:]
            if length >= 126:
                size = 2 if length == 126 else 8
                fill(size)
                length, buffer = int.from_bytes(buffer[:size], "big"), buffer[size:]
            fill(length)
            body = buffer[:length]
            # Held open past the server's idle deadline: only a close from the server ends it early.
            tls.settimeout(0.5)
            end = time.monotonic() + 4.5
            while time.monotonic() < end:
                try:
                    if not tls.recv(65536):
                        raise EOFError("the server closed the held WebSocket")
                except socket.timeout:
                    pass
        else:
            fill(int(headers.get("content-length", "0")))
            body = buffer
        print(json.dumps({"status": int(lines[0].split()[1]), "headers": headers, "body": body.decode(),
                          "cn": subject.get("commonName", ""), "serial": cert["serialNumber"]}))
        """#
}
