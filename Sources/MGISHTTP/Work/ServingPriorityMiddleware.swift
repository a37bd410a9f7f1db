import Hummingbird

/// Puts the thread running each request at `ThreadPriority.serving` (once per thread in effect:
/// the call is a no-op on a thread already there), so that requests yield the CPU to ingest.
struct ServingPriorityMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        ThreadPriority.lower(to: ThreadPriority.serving)
        return try await next(request, context)
    }
}
