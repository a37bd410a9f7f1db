public import Hummingbird
import Foundation
import NIOCore

/// An error the API reports to its client as `{"error": CODE, "message": TEXT}` with a status.
public struct APIError: HTTPResponseError, Sendable, CustomStringConvertible {
    public let status: HTTPResponse.Status
    /// A stable snake_case code clients can switch on.
    public let code: String
    /// A sentence for people; names the offending field where there is one.
    public let message: String
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public var description: String { "\(status.code) \(code): \(message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = try JSONSerialization.data(withJSONObject: ["error": code, "message": message], options: [.sortedKeys])
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    public static let unauthorized = APIError(.unauthorized, "unauthorized", "a valid access token is required")
    public static let tokenInAddress = APIError(
        .unauthorized, "unauthorized", "send the access token as 'Authorization: Bearer TOKEN'; ?token= is accepted only by /api/v1/live"
    )
    public static let tokenExpired = APIError(.unauthorized, "token_expired", "the access token has expired")
    public static let tokenRevoked = APIError(.unauthorized, "token_revoked", "the access token was revoked")
    public static func forbidden(_ message: String = "your role does not allow this") -> APIError {
        APIError(.forbidden, "forbidden", message)
    }
    public static func notFound(_ what: String) -> APIError { APIError(.notFound, "not_found", "\(what) does not exist") }
    public static func badRequest(_ message: String) -> APIError { APIError(.badRequest, "bad_request", message) }
    public static func invalidField(_ field: String, _ problem: String) -> APIError {
        APIError(.badRequest, "invalid_field", "field '\(field)' \(problem)")
    }
    public static func conflict(_ message: String) -> APIError { APIError(.conflict, "conflict", message) }
    public static func tooLarge(limit: Int) -> APIError {
        APIError(.contentTooLarge, "body_too_large", "the request body exceeds \(limit) bytes")
    }
}
