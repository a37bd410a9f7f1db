import Foundation
import MGISStore
import Testing

/// Kept answers for Idempotency-Key: per user and key, only within the retry window, and the
/// table forgets what is older whenever a new answer is kept.
@Suite struct IdempotentResponseStoreTests {
    static func answer(_ body: String, at millis: Int64) -> IdempotentResponse {
        IdempotentResponse(
            requestDigest: Array(repeating: 7, count: 32), status: 201, contentType: "application/json", etag: "\"1\"",
            body: Array(body.utf8), createdMillis: millis
        )
    }

    @Test func testAnswersArePerUserAndExpireWithTheWindow() async throws {
        let store = try StoreTests.makeStore()
        let day: Int64 = 86_400_000
        try await store.saveIdempotentResponse(Self.answer("first", at: 1_000), userID: 1, key: "k", forgetBeforeMillis: 1_000 - day)
        #expect(try await store.idempotentResponse(userID: 1, key: "k", notBeforeMillis: 0) == Self.answer("first", at: 1_000))
        #expect(try await store.idempotentResponse(userID: 2, key: "k", notBeforeMillis: 0) == nil)
        #expect(try await store.idempotentResponse(userID: 1, key: "other", notBeforeMillis: 0) == nil)
        // Past the window a lookup no longer sees it...
        #expect(try await store.idempotentResponse(userID: 1, key: "k", notBeforeMillis: 1_001) == nil)
        // ...and keeping a newer answer deletes it, so the key may name a new request.
        let later = 1_000 + day + 1
        try await store.saveIdempotentResponse(Self.answer("second", at: later), userID: 2, key: "k", forgetBeforeMillis: later - day)
        #expect(try await store.idempotentResponse(userID: 1, key: "k", notBeforeMillis: 0) == nil)
        try await store.saveIdempotentResponse(Self.answer("again", at: later), userID: 1, key: "k", forgetBeforeMillis: later - day)
        #expect(try await store.idempotentResponse(userID: 1, key: "k", notBeforeMillis: 0)?.body == Array("again".utf8))
        #expect(try await store.idempotentResponse(userID: 2, key: "k", notBeforeMillis: 0)?.body == Array("second".utf8))
    }
}
