/// One row of a fleet key file: a tracker with an MTP/1 key, an IMEI, or both.
///
/// `mgisctl device import` registers every row; `mgis-load udp`, `replay` and `trace` play the
/// rows with a key, `mgis-load teltonika` those with an IMEI, so one file serves them all.
public struct KeyFileRow: Hashable, Sendable {
    /// The device id, 1 ... 2^32-1 (the server's device id for Teltonika trackers too).
    public var id: UInt32
    /// A display name for operators, e.g. `load-1000`.
    public var name: String
    /// The 32-byte MTP/1 key; `nil` for an IMEI-only (Teltonika) row.
    public var key: [UInt8]?
    /// The 15-digit IMEI a Teltonika tracker identifies itself with; `nil` for MTP/1-only rows.
    public var imei: String?

    public init(id: UInt32, name: String, key: [UInt8]?, imei: String? = nil) {
        precondition(key.map { $0.count == KeyFileEntry.keyLength } ?? true, "an MTP/1 key is 32 bytes")
        self.id = id
        self.name = name
        self.key = key
        self.imei = imei
    }

    /// `true` for 15 ASCII digits, the only IMEI shape the server registers.
    public static func isWellFormedIMEI(_ imei: String) -> Bool {
        imei.utf8.count == 15 && imei.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}
