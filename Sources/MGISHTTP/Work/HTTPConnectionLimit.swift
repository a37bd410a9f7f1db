public import CoreMetrics
public import HummingbirdCore

/// At most `maximum` open HTTP connections (WebSockets included); while full, the server stops
/// accepting and further connections wait in the kernel's backlog until one closes.
///
/// Hummingbird's `MaximumAvailableConnections` with the count exported: `mgis_http_connections`
/// (open now) and `mgis_http_connections_full_total` (times the server stopped accepting).
public struct HTTPConnectionLimit: AvailableConnectionsDelegate {
    private let maximum: Int
    private var open = 0
    private let gauge: Gauge
    private let fullCounter: Counter

    public init(maximum: Int, factory: any MetricsFactory) {
        self.maximum = max(1, maximum)
        gauge = Gauge(label: "mgis_http_connections", factory: factory)
        fullCounter = Counter(label: "mgis_http_connections_full_total", factory: factory)
    }

    public mutating func connectionOpened() {
        open += 1
        gauge.record(open)
        if open == maximum { fullCounter.increment() }
    }

    public mutating func connectionClosed() {
        open -= 1
        gauge.record(open)
    }

    public func isAcceptingNewConnections() -> Bool {
        open < maximum
    }
}
