/// What `GET /api/v1/recording` reports: whether datagrams are being recorded, where, and how
/// many were written or dropped by the current (or, when off, the last) recording.
public struct RecordingStatus: Sendable, Equatable {
    /// Datagrams are being recorded now.
    public var active: Bool
    /// The trace file of the current or last recording; `nil` when nothing was recorded yet.
    public var file: String?
    /// Rotation size of that recording, in bytes.
    public var maxBytes: Int?
    /// Wall-clock start of that recording, ms since the Unix epoch.
    public var startedMillis: Int64?
    /// Datagrams written to the trace by that recording.
    public var recorded: Int
    /// Datagrams it dropped because its writer fell behind or failed.
    public var dropped: Int
    /// Why that recording stopped writing (its cap reached, a full disk), or nil.
    public var problem: String?

    public init(
        active: Bool, file: String?, maxBytes: Int?, startedMillis: Int64?, recorded: Int, dropped: Int, problem: String? = nil
    ) {
        self.active = active
        self.file = file
        self.maxBytes = maxBytes
        self.startedMillis = startedMillis
        self.recorded = recorded
        self.dropped = dropped
        self.problem = problem
    }

    /// Nothing recorded since the server started.
    public static let off = RecordingStatus(active: false, file: nil, maxBytes: nil, startedMillis: nil, recorded: 0, dropped: 0)
}
