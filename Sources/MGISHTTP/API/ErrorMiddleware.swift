import Hummingbird
import Logging
import MGISStore

/// Turns every error into the API's JSON error shape, so clients never see another format:
/// Hummingbird's own `HTTPError`s (404 route, 413 body) and store refusals included. Anything
/// unexpected becomes a bare 500 with a log line, never internals.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            let code =
                switch error.status {
                case .notFound: "not_found"
                case .contentTooLarge: "body_too_large"
                case .methodNotAllowed: "method_not_allowed"
                case .unauthorized: "unauthorized"
                default: "http_\(error.status.code)"
                }
            var apiError = APIError(error.status, code, error.body ?? error.status.reasonPhrase)
            apiError.headers = error.headers
            throw apiError
        } catch let error as StoreError {
            throw APIError.from(error)
        } catch is CancellationError {
            // The client hung up and its work was cancelled (`WorkerPool`): nobody reads this answer.
            context.logger.debug("request cancelled: the client closed the connection")
            throw APIError(HTTPResponse.Status(code: 499, reasonPhrase: "Client Closed Request"), "cancelled", "the client closed the connection")
        } catch {
            context.logger.error("request failed", metadata: ["error.type": "\(type(of: error))", "error": "\(error)"])
            throw APIError(.internalServerError, "internal", "the server could not complete the request")
        }
    }
}

extension APIError {
    /// The API form of a store refusal.
    static func from(_ error: StoreError) -> APIError {
        switch error.code {
        case .notFound, .unknownDevice: APIError(.notFound, "not_found", error.message)
        case .duplicateID, .duplicateIMEI, .duplicateName: APIError(.conflict, "conflict", error.message)
        case .invalidInput: APIError(.badRequest, "invalid_field", error.message)
        }
    }
}
