/// The result of converting a GPX document: trace records plus what a replay needs to know.
public struct GPXTrace: Hashable, Sendable {
    /// The earliest fix time, in Unix ms: use it as the trace header's start.
    public var startMillis: Int64
    /// MTP/1 datagrams in arrival order.
    public var records: [TraceRecord]
    /// The device id given to each track, in track order.
    public var deviceIDs: [UInt32]

    public init(startMillis: Int64, records: [TraceRecord], deviceIDs: [UInt32]) {
        self.startMillis = startMillis
        self.records = records
        self.deviceIDs = deviceIDs
    }
}
