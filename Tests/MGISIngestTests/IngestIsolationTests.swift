import Foundation
import MGISProtocol
import MGISTestSupport
import Synchronization
import Testing

/// Ingest keeps answering while Swift's cooperative pool is taken: request handlers, the live
/// feed and the task desk run there, and none of them may stop trackers being acknowledged.
@Suite(.timeLimit(.minutes(1))) struct IngestIsolationTests {
    @Test func datagramsAreAcknowledgedWhileEveryCooperativeThreadIsBlocked() async throws {
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let auth = try await server.addDevice(31)
            let client = UDPTestClient(port: server.udpPort)
            #expect(await client.exchange(MTPCodec.encode(device: 31, seq: 1, fixes: Fixes.make(count: 1), authenticator: auth)) != nil)

            // Block every thread of the cooperative pool (one per core), as two CPU-bound analyses
            // once did: for up to 4 s, released as soon as the ACK is in, so that the other suites
            // running beside this one lose the pool for no longer than needed.
            let threads = ProcessInfo.processInfo.activeProcessorCount
            let started = StartedCount()
            for _ in 0..<threads {
                Task.detached {
                    started.value.add(1, ordering: .relaxed)
                    for _ in 0..<400 where !started.released.load(ordering: .relaxed) {
                        usleep(10_000)  // holds the thread, as a CPU-bound computation would
                    }
                }
            }
            let datagram = MTPCodec.encode(device: 31, seq: 2, fixes: Fixes.make(count: 1, seed: 5), authenticator: auth)
            // Measured on a thread of its own: the test's own task cannot run until the blockers end.
            let answeredAfter = try await onOwnThread { () -> Double? in
                defer { started.released.store(true, ordering: .relaxed) }
                let deadline = Date().addingTimeInterval(3)
                while started.value.load(ordering: .relaxed) < threads, Date() < deadline { usleep(1000) }
                let sent = Date()
                client.send(datagram)
                return client.receive(timeoutMilliseconds: 3000).map { _ in Date().timeIntervalSince(sent) }
            }
            let seconds = try #require(answeredAfter, "no ACK while the cooperative pool was blocked")
            #expect(seconds < 2, "ACK took \(seconds) s while the cooperative pool was blocked (up to 4 s)")
        }
    }
}

private final class StartedCount: Sendable {
    let value = Atomic<Int>(0)
    let released = Atomic<Bool>(false)
}
