import MGISTestSupport
import Testing

extension Daemon {
    /// Waits until the daemon answers `/healthz` with 200 (up to 20 s), or fails the test.
    func waitUntilHealthy() async throws {
        let http = HTTPTestClient(port: httpPort)
        for _ in 0..<200 {
            if (try? await http.send("GET", "/healthz"))?.status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("mgisd did not answer /healthz")
    }
}
