import Foundation
import HummingbirdWSClient
import Logging

/// A real WebSocket client of `/api/v1/live` for tests: frames arrive in a stream the test reads
/// with a timeout, and the test can send text frames.
public enum LiveFeedClient {
    /// Connects, runs `body`, then closes. Throws when the server refuses the upgrade.
    public static func with(port: Int, token: String, _ body: @escaping @Sendable (inout LiveFeedSession) async throws -> Void) async throws {
        let (frames, frameSink) = AsyncStream.makeStream(of: String.self)
        let (outgoing, outgoingSink) = AsyncStream.makeStream(of: String.self)
        let logger = { var logger = Logger(label: "ws-test"); logger.logLevel = .critical; return logger }()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                _ = try await WebSocketClient.connect(
                    url: "ws://127.0.0.1:\(port)/api/v1/live?token=\(token)", configuration: .init(maxFrameSize: 1 << 24), logger: logger
                ) {
                    inbound, outbound, _ in
                    try await withThrowingTaskGroup(of: Void.self) { inner in
                        inner.addTask {
                            for try await message in inbound.messages(maxSize: 1 << 24) {
                                if case .text(let text) = message { frameSink.yield(text) }
                            }
                            frameSink.finish()
                        }
                        inner.addTask {
                            for await text in outgoing { try await outbound.write(.text(text)) }
                        }
                        try await inner.next()
                        inner.cancelAll()
                    }
                }
                frameSink.finish()
            }
            group.addTask {
                // Ending the outgoing stream ends the connection's handler, whatever the body did.
                defer { outgoingSink.finish() }
                var session = LiveFeedSession(frames: frames.makeAsyncIterator(), outgoing: outgoingSink)
                try await body(&session)
            }
            try await group.next()
            group.cancelAll()
        }
    }
}

/// The test's side of one connection.
public struct LiveFeedSession: @unchecked Sendable {
    // @unchecked: the iterator is used only by the test body that owns this session.
    var frames: AsyncStream<String>.Iterator
    let outgoing: AsyncStream<String>.Continuation

    /// The next frame as a JSON object (tests carry a time limit in case none comes).
    public mutating func next() async throws -> [String: Any] {
        guard let frame = await frames.next(),
            let object = try JSONSerialization.jsonObject(with: Data(frame.utf8)) as? [String: Any]
        else {
            throw LiveFeedTestError.noFrame
        }
        return object
    }

    /// The next frame of `type`, skipping others.
    public mutating func next(type: String) async throws -> [String: Any] {
        while true {
            let frame = try await next()
            if frame["type"] as? String == type { return frame }
        }
    }

    public func send(_ text: String) {
        outgoing.yield(text)
    }
}

public enum LiveFeedTestError: Error {
    case noFrame
}
