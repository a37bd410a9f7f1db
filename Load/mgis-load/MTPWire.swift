import MGISCore
import MGISProtocol

/// MTP/1 (PROTOCOL.md) for `LoadEngine`: POSITIONS datagrams tagged with the device's key, and
/// ACKs that count only when their tag checks out under that same key, as on a real tracker.
struct MTPWire: TrackerWire {
    private let devices: [SimulatedDevice]
    private let slotByDevice: [UInt32: Int]

    init(devices: [SimulatedDevice]) {
        self.devices = devices
        self.slotByDevice = Dictionary(uniqueKeysWithValues: devices.enumerated().map { ($1.id, $0) })
    }

    var deviceCount: Int { devices.count }

    func replySeq(for seq: UInt32) -> UInt32 { seq }

    func encode(slot: Int, seq: UInt32, fixes: [Fix]) -> [UInt8] {
        let device = devices[slot]
        return MTPCodec.encode(device: device.id, seq: seq, fixes: fixes, authenticator: device.authenticator)
    }

    func decodeReply(_ bytes: UnsafeRawBufferPointer) -> TrackerReply? {
        guard let ack = try? MTPCodec.decodeAck(bytes), let slot = slotByDevice[ack.device] else { return nil }
        // Only the device's own key makes an ACK count.
        guard (try? MTPCodec.verifyAck(bytes, authenticator: devices[slot].authenticator)) != nil else { return nil }
        let outcome: TrackerReply.Outcome
        switch MTPAckStatus(rawValue: ack.status) {
        case .stored: outcome = .stored
        case .duplicate: outcome = .duplicate
        case .refused: outcome = .refused
        case nil: outcome = .unknownStatus
        }
        return TrackerReply(slot: slot, seq: ack.seq, outcome: outcome)
    }
}
