/// The AVL data both channels carry: codec id, number of data 1, records, number of data 2.
///
/// The two counts are checked equal on decode and written from `records.count` on encode, so
/// only the records are kept.
public struct TeltonikaAVLData: Hashable, Sendable {
    public var codecID: TeltonikaCodecID
    /// 1 ... 255 records, oldest first as trackers send them.
    public var records: [TeltonikaRecord]

    public init(codecID: TeltonikaCodecID, records: [TeltonikaRecord]) {
        self.codecID = codecID
        self.records = records
    }
}
