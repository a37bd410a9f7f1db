import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MGISCore
import MGISStore
import NIOCore
import Synchronization

/// `Idempotency-Key` on creating requests: a client that did not hear the answer (a patrol's phone
/// losing its link after sending a violation report) sends the request again with the same key
/// and gets the first answer again, instead of creating a second violation.
///
/// Per user, a key names one request (method, path with query, body) for 24 hours. A successful
/// answer (2xx) is kept and replayed with `Idempotent-Replayed: true`; a refused one is not kept,
/// since it changed nothing and the request may be corrected and retried. The same key with a
/// different request is refused (422), and a retry that arrives while the first is still running
/// is told so (409) rather than run twice.
///
/// The answer is kept right after the handler's own transaction, not inside it: a crash between
/// the two leaves a change whose retry runs again. That window is a few milliseconds wide; closing
/// it would mean threading the key through every store transaction.
final class IdempotentReplay: Sendable {
    static let keyHeader = HTTPField.Name("Idempotency-Key")!
    static let replayedHeader = HTTPField.Name("Idempotent-Replayed")!
    static let retentionMillis: Int64 = 24 * 3_600_000
    static let maxKeyLength = 255

    private struct Claim: Hashable {
        let userID: Int64
        let key: String
    }

    private let store: Store
    private let logger: Logger
    private let running = Mutex<Set<Claim>>([])

    init(store: Store, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    /// Runs `next`, or replays what it answered before for this key.
    func handle(
        _ request: Request, route: APIRoute, identity: Identity, next: (Request) async throws -> Response
    ) async throws -> Response {
        guard let key = request.headers[Self.keyHeader] else { return try await next(request) }
        guard route.takesIdempotencyKey else {
            throw APIError(.badRequest, "invalid_header", "\(route.method.rawValue) \(route.path) does not take an Idempotency-Key")
        }
        guard Self.isValid(key) else {
            throw APIError(.badRequest, "invalid_header", "Idempotency-Key must be 1 to \(Self.maxKeyLength) printable ASCII characters")
        }
        var request = request
        let body = try await request.collectBody(limitedTo: route.maxBodyBytes)
        let digest = Self.digest(request, body: body)
        let claim = Claim(userID: identity.user.id, key: key)
        guard running.withLock({ $0.insert(claim).inserted }) else {
            throw APIError(.conflict, "idempotency_in_progress", "a request with this Idempotency-Key is still running; retry in a moment")
        }
        defer { _ = running.withLock { $0.remove(claim) } }

        let now = WallClock.nowMillis()
        if let kept = try await store.idempotentResponse(userID: claim.userID, key: key, notBeforeMillis: now - Self.retentionMillis) {
            guard kept.requestDigest == digest else {
                throw APIError(
                    .unprocessableContent, "idempotency_key_reused", "this Idempotency-Key was used for a different request; use a new key"
                )
            }
            return Self.replay(kept)
        }
        let response = try await next(request)
        guard (200..<300).contains(response.status.code) else { return response }
        var answer = response
        let answerBody = try await Self.collect(answer.body)
        answer.body = .init(byteBuffer: answerBody)
        let kept = IdempotentResponse(
            requestDigest: digest, status: response.status.code, contentType: response.headers[.contentType] ?? "application/json",
            etag: response.headers[.eTag], body: Array(answerBody.readableBytesView), createdMillis: now
        )
        do {
            try await store.saveIdempotentResponse(kept, userID: claim.userID, key: key, forgetBeforeMillis: now - Self.retentionMillis)
        } catch {
            // The change is made: answering 500 would only invite the retry that runs it again.
            logger.error("could not keep an answer for replay", metadata: ["route": "\(route.path)", "error": "\(error)"])
        }
        return answer
    }

    static func isValid(_ key: String) -> Bool {
        (1...maxKeyLength).contains(key.utf8.count) && key.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }

    /// SHA-256 of the method, the path with its query, and the body.
    static func digest(_ request: Request, body: ByteBuffer) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: Array("\(request.method.rawValue) \(request.uri.description)\n".utf8))
        hasher.update(data: Array(body.readableBytesView))
        return Array(hasher.finalize())
    }

    private static func replay(_ kept: IdempotentResponse) -> Response {
        var headers: HTTPFields = [.contentType: kept.contentType, Self.replayedHeader: "true"]
        if let etag = kept.etag { headers[.eTag] = etag }
        return Response(status: .init(code: kept.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: kept.body)))
    }

    /// The whole body of an answer the handler built in memory.
    private static func collect(_ body: ResponseBody) async throws -> ByteBuffer {
        let collected = CollectedBytes()
        try await body.write(CollectingWriter(collected: collected))
        return collected.buffer
    }
}

/// Where `CollectingWriter` puts the bytes; used by the one task that writes the body.
private final class CollectedBytes {
    var buffer = ByteBuffer()
}

private struct CollectingWriter: ResponseBodyWriter {
    let collected: CollectedBytes

    mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        collected.buffer.writeBuffer(&buffer)
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
