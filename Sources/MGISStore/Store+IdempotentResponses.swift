import Foundation
import GRDB

/// The stored answer to a creating request that carried an `Idempotency-Key`.
public struct IdempotentResponse: Sendable, Equatable {
    /// SHA-256 of the request (method, path with query, body): the same key with another
    /// request is a client error, not a replay.
    public var requestDigest: [UInt8]
    public var status: Int
    public var contentType: String
    public var etag: String?
    public var body: [UInt8]
    public var createdMillis: Int64

    public init(requestDigest: [UInt8], status: Int, contentType: String, etag: String?, body: [UInt8], createdMillis: Int64) {
        self.requestDigest = requestDigest
        self.status = status
        self.contentType = contentType
        self.etag = etag
        self.body = body
        self.createdMillis = createdMillis
    }
}

extension Store {
    /// The answer stored for `key` of user `userID`, if it was stored at or after `notBeforeMillis`.
    public func idempotentResponse(userID: Int64, key: String, notBeforeMillis: Int64) async throws -> IdempotentResponse? {
        try await pool.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT request_sha256, status, content_type, etag, body, created_ms FROM idempotent_responses
                    WHERE user_id = ? AND key = ? AND created_ms >= ?
                    """,
                arguments: [userID, key, notBeforeMillis]
            ).map { row in
                IdempotentResponse(
                    requestDigest: [UInt8](row["request_sha256"] as Data), status: row["status"], contentType: row["content_type"],
                    etag: row["etag"], body: [UInt8](row["body"] as Data), createdMillis: row["created_ms"]
                )
            }
        }
    }

    /// Keeps `response` for `key` of user `userID` (replacing an expired one), and drops answers
    /// stored before `forgetBeforeMillis`, so the table holds only the retry window.
    public func saveIdempotentResponse(_ response: IdempotentResponse, userID: Int64, key: String, forgetBeforeMillis: Int64) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM idempotent_responses WHERE created_ms < ?", arguments: [forgetBeforeMillis])
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO idempotent_responses
                        (user_id, key, request_sha256, status, content_type, etag, body, created_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    userID, key, Data(response.requestDigest), response.status, response.contentType, response.etag,
                    Data(response.body), response.createdMillis,
                ]
            )
        }
    }
}
