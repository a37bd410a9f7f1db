/// Where the HTTP side of mgisd listens.
public struct HTTPConfiguration: Sendable {
    public var host: String
    /// 0 picks a free port (tests).
    public var port: Int

    public init(host: String = "0.0.0.0", port: Int = 8080) {
        self.host = host
        self.port = port
    }
}
