public import CoreMetrics
import MGISCore
import MGISStore
import NIOCore

/// What the Teltonika handler gathered between two hand-offs to the store writer: datagrams to
/// store, ACKs owed (sent only after the commit), and sightings of unregistered IMEIs.
public struct TeltonikaBatch: Sendable {
    /// One UDP acknowledgement owed.
    struct Reply: Sendable {
        var address: SocketAddress
        var packetID: UInt16
        var avlPacketID: UInt8
        /// Records the ACK reports: the packet's record count, or 0 when it was refused.
        var acceptedRecords: UInt8
        /// Index into `datagrams` when the ACK waits on this batch's write.
        var datagramIndex: Int?
    }

    var replies: [Reply] = []
    var datagrams: [StoredDatagram] = []
    var checkStored: Set<Int> = []
    var fixCount = 0
    /// Unregistered or disabled IMEIs seen, with packet counts and times.
    var unknown: [String: UnknownIMEI] = [:]

    var isEmpty: Bool { replies.isEmpty && unknown.isEmpty }
}

/// The device registry of the Teltonika listener: devices with an IMEI, by IMEI. Only enabled
/// ones are accepted; disabled ones are refused but, being registered, not listed as unknown.
struct TeltonikaRegistry: Sendable {
    private var byIMEI: [String: (id: DeviceID, enabled: Bool)] = [:]

    init(devices: [Device] = []) {
        for device in devices {
            if let imei = device.imei { byIMEI[imei] = (device.id, device.enabled) }
        }
    }

    subscript(_ imei: String) -> (id: DeviceID, enabled: Bool)? { byIMEI[imei] }

    var count: Int { byIMEI.count }
}

/// Counters of the Teltonika listener, from the server's metrics factory.
public struct TeltonikaMetrics: Sendable {
    /// Reasons a datagram gets no reply, as metric labels.
    public static let refusalReasons = [
        "truncated", "bad_length", "trailing_bytes", "frame_too_large", "bad_imei", "unknown_codec",
        "no_records", "record_count_mismatch", "io_count_mismatch", "unknown_imei", "disabled_imei", "overload",
    ]

    let received: Counter
    let accepted: Counter
    let duplicates: Counter
    /// Packets answered with 0 records accepted: a position off the globe or a time too far ahead.
    let unacceptable: Counter
    let committedRecords: Counter
    let commitFailures: Counter
    private let refused: RefusalCounters

    public init(factory: any MetricsFactory) {
        received = Counter(label: "mgis_teltonika_received_total", dimensions: [], factory: factory)
        accepted = Counter(label: "mgis_teltonika_accepted_total", dimensions: [], factory: factory)
        duplicates = Counter(label: "mgis_teltonika_duplicates_total", dimensions: [], factory: factory)
        unacceptable = Counter(label: "mgis_teltonika_unacceptable_total", dimensions: [], factory: factory)
        committedRecords = Counter(label: "mgis_teltonika_committed_records_total", dimensions: [], factory: factory)
        commitFailures = Counter(label: "mgis_teltonika_commit_failures_total", dimensions: [], factory: factory)
        refused = RefusalCounters(label: "mgis_teltonika_refused_total", reasons: Self.refusalReasons, factory: factory)
    }

    func refuse(_ reason: String) {
        refused.increment(reason)
    }
}
