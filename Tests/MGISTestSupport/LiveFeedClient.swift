import Foundation
import HummingbirdWSClient
import Logging
import NIOWebSocket

/// A real WebSocket client of `/api/v1/live` for tests: the test reads frames, each with a
/// deadline, and can send text frames.
public enum LiveFeedClient {
    /// Connects, runs `body`, then closes. Throws when the server refuses the upgrade.
    public static func with(port: Int, token: String, _ body: @escaping @Sendable (LiveFeedSession) async throws -> Void) async throws {
        let frames = FrameInbox()
        let (outgoing, outgoingSink) = AsyncStream.makeStream(of: String.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                // However the connection ends (a refused upgrade included), the reader hears of it.
                do {
                    let closeCode = try await connect(port: port, token: token, frames: frames, outgoing: outgoing)
                    await frames.finish(closeCode: closeCode)
                } catch {
                    await frames.finish()
                    throw error
                }
            }
            group.addTask {
                // Ending the outgoing stream ends the connection's handler, whatever the body did.
                defer { outgoingSink.finish() }
                try await body(LiveFeedSession(frames: frames, outgoing: outgoingSink))
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// One connection: inbound text frames go to `frames`, `outgoing` texts are sent, until
    /// either side ends. Returns the close code the server sent, if it closed with an
    /// application code (4000-4999).
    private static func connect(port: Int, token: String, frames: FrameInbox, outgoing: AsyncStream<String>) async throws -> UInt16? {
        let logger = { var logger = Logger(label: "ws-test"); logger.logLevel = .critical; return logger }()
        let close = try await WebSocketClient.connect(
            url: "ws://127.0.0.1:\(port)/api/v1/live?token=\(token)", configuration: .init(maxFrameSize: 1 << 24), logger: logger
        ) { inbound, outbound, _ in
            try await withThrowingTaskGroup(of: Void.self) { inner in
                inner.addTask {
                    for try await message in inbound.messages(maxSize: 1 << 24) {
                        if case .text(let text) = message { await frames.yield(text) }
                    }
                }
                inner.addTask {
                    for await text in outgoing { try await outbound.write(.text(text)) }
                }
                try await inner.next()
                inner.cancelAll()
            }
        }
        guard let code = close?.closeCode else { return nil }
        let number = UInt16(webSocketErrorCode: code)
        return (4000..<5000).contains(number) ? number : nil
    }
}

/// The test's side of one connection.
public struct LiveFeedSession: Sendable {
    let frames: FrameInbox
    let outgoing: AsyncStream<String>.Continuation

    /// The next frame as a JSON object. Throws when the connection has ended, or when nothing
    /// arrives within `seconds`, so a test waiting for a frame that never comes fails saying so
    /// instead of hanging until its time limit.
    public func next(within seconds: Double = 30) async throws -> [String: Any] {
        guard let frame = await frames.next(within: seconds) else {
            throw LiveFeedTestError.noFrame(withinSeconds: seconds)
        }
        guard let object = try JSONSerialization.jsonObject(with: Data(frame.utf8)) as? [String: Any] else {
            throw LiveFeedTestError.notAnObject(frame)
        }
        return object
    }

    /// The next frame of `type`, skipping others (each frame within `seconds`).
    public func next(type: String, within seconds: Double = 30) async throws -> [String: Any] {
        while true {
            let frame = try await next(within: seconds)
            if frame["type"] as? String == type { return frame }
        }
    }

    /// Reads and drops frames until the server ends the connection, within `seconds`; returns
    /// its application close code (4000-4999), or `nil` when it closed without one or did not
    /// close in time.
    public func closeCode(within seconds: Double) async -> UInt16? {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        while ContinuousClock.now < deadline {
            let left = deadline - ContinuousClock.now
            let wait = Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18
            if await frames.next(within: max(0.01, wait)) == nil, let ended = await frames.ended { return ended }
        }
        return nil
    }

    public func send(_ text: String) {
        outgoing.yield(text)
    }
}

/// Frames received and not yet read, and the one reader waiting for the next, with a deadline.
actor FrameInbox {
    private var queued: [String] = []
    private var finished = false
    private var closeCode: UInt16?
    /// Once the connection has ended: its close code, `nil` inside when it had none.
    var ended: UInt16?? { finished ? .some(closeCode) : .none }
    /// The one reader waiting, and the timer that ends its wait.
    private var waiter: (id: Int, continuation: CheckedContinuation<String?, Never>, timer: Task<Void, Never>?)?
    private var waits = 0

    func yield(_ frame: String) {
        if let waiter {
            self.waiter = nil
            waiter.timer?.cancel()
            waiter.continuation.resume(returning: frame)
        } else {
            queued.append(frame)
        }
    }

    func finish(closeCode: UInt16? = nil) {
        if !finished { self.closeCode = closeCode }
        finished = true
        waiter?.timer?.cancel()
        waiter?.continuation.resume(returning: nil)
        waiter = nil
    }

    /// The next frame, or nil when the connection has ended or `seconds` pass first.
    func next(within seconds: Double) async -> String? {
        if !queued.isEmpty { return queued.removeFirst() }
        if finished { return nil }
        waits += 1
        let id = waits
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                precondition(waiter == nil, "one reader at a time")
                waiter = (id, continuation, nil)
                waiter?.timer = Task {
                    try? await Task.sleep(for: .seconds(seconds))
                    self.expire(id)
                }
            }
        } onCancel: {
            Task { await self.expire(id) }
        }
    }

    private func expire(_ id: Int) {
        guard let waiter, waiter.id == id else { return }
        self.waiter = nil
        waiter.timer?.cancel()
        waiter.continuation.resume(returning: nil)
    }
}

public enum LiveFeedTestError: Error, CustomStringConvertible {
    case noFrame(withinSeconds: Double)
    case notAnObject(String)

    public var description: String {
        switch self {
        case .noFrame(let seconds): "no feed frame within \(seconds) s (or the connection ended)"
        case .notAnObject(let frame): "feed frame is not a JSON object: \(frame.prefix(200))"
        }
    }
}
