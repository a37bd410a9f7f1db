import Foundation
import MGISCore

/// One patrol car driving the road network in one-second steps.
///
/// It follows edges node to node, choosing a new edge at each crossing (not back the way it
/// came unless it must), aims for the edge's limit times a per-driver factor, accelerates at
/// most 1.5 m/s² and brakes at most 3 m/s², slows to 20 km/h for turns and brakes in time
/// for slower roads and stops. Every 15 ... 60 min of driving it stops at a crossing for a
/// 5 ... 20 min checkpoint, usually with the engine off.
struct SimulatedPatrolCar {
    private let network: RoadNetwork
    private var random: SplitMix64
    private var edge: Int
    /// The node the car is driving away from; it heads to the edge's other end.
    private var from: Int
    private var along: Double
    private var nextEdge: Int
    private var speed = 0.0
    private let driverFactor: Double
    private var stopAtNextNode = false
    private var stoppedUntil: Int = -1
    private var engineOff = false
    private var nextStopAfter: Int
    private let altitude: Double
    private let reportsBattery: Bool

    static let acceleration = 1.5
    static let braking = 3.0
    static let planningBraking = 2.0
    static let turnSpeed = 20 / 3.6

    init(network: RoadNetwork, random: SplitMix64) {
        var random = random
        self.network = network
        edge = random.index(network.edges.count)
        from = random.unit() < 0.5 ? network.edges[edge].from : network.edges[edge].to
        along = random.uniform(0...network.edges[edge].length)
        driverFactor = random.uniform(0.85...1.0)
        nextStopAfter = Int(random.uniform(600...2_400))
        altitude = random.uniform(100...200)
        reportsBattery = random.unit() < 0.5
        nextEdge = edge
        self.random = random
        nextEdge = chooseNext(arrivingAt: network.other(edge, than: from), from: edge)
    }

    /// Advances one second to time `second` (seconds since the start).
    mutating func step(to second: Int) {
        if second < stoppedUntil { return }
        if second == stoppedUntil { engineOff = false }
        let current = network.edges[edge]
        let remaining = current.length - along
        let cornerSpeed = stopAtNextNode ? 0 : isTurn(from: edge, to: nextEdge) ? Self.turnSpeed : min(current.limit, network.edges[nextEdge].limit) * driverFactor
        let allowed = min(current.limit * driverFactor, (cornerSpeed * cornerSpeed + 2 * Self.planningBraking * max(0, remaining - speed)).squareRoot())
        speed = max(0, speed + max(-Self.braking, min(Self.acceleration, allowed - speed)))
        along += speed
        guard along >= current.length else { return }
        arrive(at: network.other(edge, than: from), second: second, carry: along - current.length)
    }

    private mutating func arrive(at node: Int, second: Int, carry: Double) {
        if stopAtNextNode {
            along = network.edges[edge].length
            speed = 0
            stopAtNextNode = false
            stoppedUntil = second + Int(random.uniform(300...1_200))
            engineOff = random.unit() < 0.8
            nextStopAfter = stoppedUntil + Int(random.uniform(900...3_600))
            // Leave the checkpoint along the planned edge.
            enter(nextEdge, from: node, along: 0)
            return
        }
        enter(nextEdge, from: node, along: min(carry, network.edges[nextEdge].length))
        if second >= nextStopAfter { stopAtNextNode = true }
    }

    private mutating func enter(_ edge: Int, from node: Int, along: Double) {
        self.edge = edge
        self.from = node
        self.along = along
        nextEdge = chooseNext(arrivingAt: network.other(edge, than: node), from: edge)
    }

    private mutating func chooseNext(arrivingAt node: Int, from edge: Int) -> Int {
        let choices = network.incident[node].filter { $0 != edge }
        guard !choices.isEmpty else { return edge }
        // Arterials draw traffic: twice the weight of a street.
        let weighted = choices.flatMap { network.edges[$0].isArterial ? [$0, $0] : [$0] }
        return weighted[random.index(weighted.count)]
    }

    /// A change of direction of more than 30 degrees at the crossing.
    private func isTurn(from: Int, to: Int) -> Bool {
        guard from != to else { return true }
        let node = network.other(from, than: self.from)
        let a = direction(of: from, from: self.from)
        let b = direction(of: to, from: node)
        return a.x * b.x + a.y * b.y < cos(30 * Double.pi / 180)
    }

    private func direction(of edge: Int, from node: Int) -> (x: Double, y: Double) {
        let start = network.nodes[node], end = network.nodes[network.other(edge, than: node)]
        let length = max(1e-9, hypot(end.x - start.x, end.y - start.y))
        return ((end.x - start.x) / length, (end.y - start.y) / length)
    }

    /// What the tracker reports at `millis`.
    func fix(at millis: Int64) -> Fix {
        let start = network.nodes[from]
        let heading = direction(of: edge, from: from)
        let position = network.wire(x: start.x + heading.x * along, y: start.y + heading.y * along)
        var degrees = atan2(heading.x, heading.y) * 180 / .pi
        if degrees < 0 { degrees += 360 }
        var flags: FixFlags = [.fixValid]
        if !engineOff { flags.insert([.ignition, .externalPower]) }
        if speed > 0.3 { flags.insert(.moving) }
        return Fix(
            timeMillis: millis,
            latE7: position.latE7,
            lonE7: position.lonE7,
            speedCmS: UInt16((speed * 100).rounded()),
            headingCentiDeg: UInt16(Int((degrees * 100).rounded()) % 36_000),
            altitudeM: Int16(altitude.rounded()),
            hdopTenths: 9,
            satellites: 10,
            flags: flags,
            batteryPercent: reportsBattery ? (engineOff ? 95 : 100) : Fix.unknownBattery
        )
    }
}
