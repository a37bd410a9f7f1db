public import MGISCore
import MGISProtocol

/// A synthetic patrol fleet as trace records: cars driving a road-like network, stopping at
/// checkpoints, reporting MTP/1 fixes at a fixed interval.
///
/// Deterministic: the same parameters and seed give the same fixes and, with the same keys,
/// the same bytes, on any machine. No clock is read; the caller gives the start time.
///
/// ```swift
/// let generator = PatrolTraceGenerator(devices: 50, hours: 8, reportIntervalSeconds: 10, seed: 7)
/// let records = try generator.records(startMillis: start, keys: keys, firstDeviceID: 1000)
/// ```
public struct PatrolTraceGenerator: Sendable {
    public let devices: Int
    public let hours: Double
    public let reportIntervalSeconds: Int
    public let seed: UInt64
    public let region: TraceRegion

    public init(devices: Int, hours: Double, reportIntervalSeconds: Int, seed: UInt64, region: TraceRegion = .vilnius) {
        precondition(devices >= 0 && hours >= 0 && hours.isFinite, "a fleet has zero or more cars driving zero or more hours")
        precondition(reportIntervalSeconds >= 1, "cars report at most once a second")
        self.devices = devices
        self.hours = hours
        self.reportIntervalSeconds = reportIntervalSeconds
        self.seed = seed
        self.region = region
    }

    /// Each car's fixes, oldest first: one at `startMillis` and then one every
    /// `reportIntervalSeconds` until `hours` have passed.
    public func tracks(startMillis: Int64) -> [[Fix]] {
        var random = SplitMix64(seed: seed)
        let network = RoadNetwork(region: region, random: &random)
        let seconds = Int((hours * 3_600).rounded(.down))
        return (0..<devices).map { index in
            var car = SimulatedPatrolCar(network: network, random: SplitMix64(seed: seed ^ (UInt64(index + 1) &* 0xD1B5_4A32_D192_ED03)))
            var fixes: [Fix] = []
            fixes.reserveCapacity(seconds / reportIntervalSeconds + 1)
            for second in 0...seconds {
                if second > 0 { car.step(to: second) }
                if second % reportIntervalSeconds == 0 {
                    fixes.append(car.fix(at: startMillis + Int64(second) * 1_000))
                }
            }
            return fixes
        }
    }

    /// The fleet's traffic: MTP/1 POSITIONS datagrams, `fixesPerDatagram` fixes each, device ids
    /// from `firstDeviceID`, seq from 1, signed with `keys`. Each datagram arrives 20 ... 250 ms
    /// (deterministic per datagram) after its newest fix; records are in arrival order,
    /// arrival times relative to `startMillis`, without a source address.
    public func records(startMillis: Int64, keys: KeyFile, firstDeviceID: UInt32 = 1, fixesPerDatagram: Int = 1) throws(KeyFileError) -> [TraceRecord] {
        precondition((1...MTPLayout.maxRecords).contains(fixesPerDatagram), "MTP/1 carries 1 ... 50 fixes a datagram")
        var latency = SplitMix64(seed: ~seed)
        var timed: [(arrival: Int64, order: Int, record: TraceRecord)] = []
        for (index, fixes) in tracks(startMillis: startMillis).enumerated() {
            let device = firstDeviceID &+ UInt32(truncatingIfNeeded: index)
            guard let key = keys.key(for: device) else { throw KeyFileError(source: "key file", line: nil, message: "no key for device \(device)") }
            let authenticator = MTPAuthenticator(key: key)
            for (batch, start) in stride(from: 0, to: fixes.count, by: fixesPerDatagram).enumerated() {
                let slice = Array(fixes[start..<min(start + fixesPerDatagram, fixes.count)])
                let bytes = MTPCodec.encode(device: device, seq: UInt32(batch + 1), fixes: slice, authenticator: authenticator)
                let arrival = ((slice.last?.timeMillis ?? startMillis) - startMillis) * 1_000 + Int64(latency.uniform(20_000...250_000))
                timed.append((arrival, timed.count, TraceRecord(arrivalMicros: arrival, kind: .mtp, source: .unspecified, payload: bytes)))
            }
        }
        return timed.sorted { ($0.arrival, $0.order) < ($1.arrival, $1.order) }.map(\.record)
    }
}
