import Foundation
import MGISCore
import MGISHTTP
import MGISIngest
import MGISProtocol
import MGISServer
import MGISTestSupport
import MGISTrace
import Testing

/// `mgisd serve --record` and the admin switch, over real sockets: what the UDP port received
/// is what the trace holds, byte for byte and in order, garbage and refused datagrams included.
@Suite struct RecordingTests {
    /// Valid datagrams (acknowledged, so the server has read them) interleaved with garbage.
    static func traffic(_ auth: MTPAuthenticator, device: UInt32, client: UDPTestClient) async throws -> [[UInt8]] {
        var sent: [[UInt8]] = []
        for seq in UInt32(1)...20 {
            let datagram = MTPCodec.encode(device: device, seq: seq, fixes: Fixes.make(count: 2, seed: Int32(seq)), authenticator: auth)
            let reply = await client.exchange(datagram)
            #expect(reply != nil, "no ACK for seq \(seq)")
            sent.append(datagram)
            if seq % 5 == 0 {
                let garbage: [UInt8] = [0xDE, 0xAD, UInt8(seq)]
                client.send(garbage)
                sent.append(garbage)
            }
        }
        // The last garbage has no ACK to wait for: a final valid exchange orders it before the end.
        let last = MTPCodec.encode(device: device, seq: 21, fixes: Fixes.make(count: 1), authenticator: auth)
        _ = await client.exchange(last)
        sent.append(last)
        return sent
    }

    @Test func testRecordFlagWritesEveryDatagramByteIdenticalInOrder() async throws {
        let directory = TestServer.temporaryDirectory()
        let file = directory + "/ingest.trace"
        let sent = try await TestServer.with(directory: directory, tune: { $0.recording = RecordingConfiguration(file: file) }) { server in
            let auth = try await server.addDevice(31)
            let sent = try await Self.traffic(auth, device: 31, client: UDPTestClient(port: server.udpPort))
            #expect(server.metric("mgis_trace_recorded_total") == Double(sent.count))
            #expect(server.metric("mgis_trace_dropped_total") == 0)
            return sent
        }
        // The server has shut down: the recording service closed and synced the trace.
        let trace = try TraceReader.readRecording(base: file)
        #expect(trace.records.map(\.payload) == sent)
        #expect(trace.records.allSatisfy { $0.kind == .mtp })
        #expect(trace.records.allSatisfy { if case .ipv4(0x7F00_0001, let port) = $0.source { port > 0 } else { false } })
        #expect(zip(trace.records, trace.records.dropFirst()).allSatisfy { $0.arrivalMicros <= $1.arrivalMicros })
        #expect(trace.header.label.hasPrefix("mgisd"))
    }

    @Test func testAdminSwitchesRecordingAtRuntime() async throws {
        let directory = TestServer.temporaryDirectory()
        // The API takes a name; the file goes to DATA/recordings/.
        let file = "switched.trace"
        try await TestServer.with(directory: directory) { server in
            let admin = try server.token(for: "rec-admin", roles: [.admin])
            let dispatcher = try server.token(for: "rec-dispatcher", roles: [.dispatcher])
            let http = HTTPTestClient(port: server.httpPort)
            let auth = try await server.addDevice(32)
            let client = UDPTestClient(port: server.udpPort)

            let off = try await http.send("GET", "/api/v1/recording", token: admin)
            #expect(off.status == 200 && off.text.contains("\"active\":false"))
            #expect(try await http.send("PUT", "/api/v1/recording", token: dispatcher, json: ["file": file]).status == 403)
            // Not recorded: recording is off.
            _ = await client.exchange(MTPCodec.encode(device: 32, seq: 1, fixes: Fixes.make(count: 1), authenticator: auth))

            let on = try await http.send("PUT", "/api/v1/recording", token: admin, json: ["file": file, "maxMegabytes": 1])
            #expect(on.status == 200 && on.text.contains("\"active\":true"), "\(on.text)")
            let sent = try await Self.traffic(auth, device: 32, client: client)
            let again = try await http.send("PUT", "/api/v1/recording", token: admin, json: ["file": file])
            #expect(again.status == 409, "an existing file is never overwritten: \(again.text)")
            let stopped = try await http.send("PUT", "/api/v1/recording", token: admin, json: ["active": false])
            #expect(stopped.status == 200 && stopped.text.contains("\"recorded\":\(sent.count)"), "\(stopped.text)")
            // Not recorded: recording is off again.
            _ = await client.exchange(MTPCodec.encode(device: 32, seq: 99, fixes: Fixes.make(count: 1), authenticator: auth))

            let trace = try TraceReader.readRecording(base: directory + "/recordings/" + file)
            #expect(trace.records.map(\.payload) == sent)
            let status = try await http.send("GET", "/api/v1/recording", token: admin)
            #expect(status.text.contains("\"active\":false") && status.text.contains("switched.trace"))
        }
    }
}
