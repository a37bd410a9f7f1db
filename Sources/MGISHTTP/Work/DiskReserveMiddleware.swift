import HTTPTypes
import Hummingbird
import MGISStore

/// Refuses changes with `507 insufficient_storage` while the data disk is below its reserve
/// (`DiskSpaceWatch`), before anything is written, the audit attempt included. Reads, logins and
/// logouts still work, so the control room can sign in and look; ingest is not behind HTTP and
/// keeps storing what it can.
struct DiskReserveMiddleware<Context: RequestContext>: RouterMiddleware {
    let watch: DiskSpaceWatch

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method != .get, request.method != .head, watch.isBelowReserve,
            request.uri.path != "/api/v1/auth/login", request.uri.path != "/api/v1/auth/logout"
        else {
            return try await next(request, context)
        }
        throw APIError(
            HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage"), "insufficient_storage",
            "the data disk is \(watch.summary)"
        )
    }
}
