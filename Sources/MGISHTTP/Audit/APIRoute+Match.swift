import HTTPTypes

extension APIRoute {
    /// The route a request path belongs to, with its path parameters (`{id}` -> value), for the
    /// audit trail, which runs before the router has matched anything.
    static func match(method: HTTPRequest.Method, path: String) -> (route: APIRoute, parameters: [String: String])? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        for route in all where route.method == method {
            let pattern = route.path.split(separator: "/", omittingEmptySubsequences: true)
            guard pattern.count == parts.count else { continue }
            var parameters: [String: String] = [:]
            var matches = true
            for (expected, actual) in zip(pattern, parts) {
                if expected.hasPrefix("{"), expected.hasSuffix("}") {
                    parameters[String(expected.dropFirst().dropLast())] = String(actual)
                } else if expected != actual {
                    matches = false
                    break
                }
            }
            if matches { return (route, parameters) }
        }
        return nil
    }

    /// Whether a call changes something (and so must be in the trail before it is answered).
    public var isChange: Bool { method != .get && method != .head }
}
