/// Settings shared by all monitors of a board.
public struct TaskMonitorConfiguration: Hashable, Sendable, Codable {
    /// Raise `not_acknowledged` from `tick` when a dispatch waits this long; `nil` leaves that
    /// alert to a caller of `TaskEscalation.unacknowledged`.
    public var acknowledgeTimeoutMillis: Int64?

    public init(acknowledgeTimeoutMillis: Int64? = nil) {
        self.acknowledgeTimeoutMillis = acknowledgeTimeoutMillis
    }
}
