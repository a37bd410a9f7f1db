public import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A small HTTP client over real loopback sockets (URLSession), for API tests.
public struct HTTPTestClient: Sendable {
    public struct Reply: Sendable {
        public let status: Int
        public let headers: [String: String]
        public let body: Data

        /// The body as a JSON object (or nil).
        public var json: [String: Any]? { try? JSONSerialization.jsonObject(with: body) as? [String: Any] }
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    public let port: Int

    public init(port: Int) {
        self.port = port
    }

    /// Sends one request; `body` is sent as is (a JSON object is serialised first).
    public func send(
        _ method: String, _ path: String, token: String? = nil, json: [String: Any]? = nil, raw: Data? = nil, headers: [String: String] = [:]
    ) async throws -> Reply {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.timeoutInterval = 30
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let json { request.httpBody = try JSONSerialization.data(withJSONObject: json) }
        if let raw { request.httpBody = raw }
        if request.httpBody != nil, request.value(forHTTPHeaderField: "Content-Type") == nil {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            headers[String(describing: key).lowercased()] = String(describing: value)
        }
        return Reply(status: http.statusCode, headers: headers, body: data)
    }
}
