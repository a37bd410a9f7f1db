import Foundation
import MGISCore

/// One simulated patrol car: a position that drives on plausibly and the tracker readings of it.
///
/// Integrates its own motion from one fix time to the next, so positions stay continuous
/// whatever the send rate: speed eases towards a cruise speed of 40 ... 110 km/h, the heading
/// turns smoothly (the turn rate is a damped random walk), and now and then the car stops for
/// a while, sometimes with the engine off.
struct PatrolCar {
    private var random: SplitMix64
    private var lat: Double
    private var lon: Double
    /// Degrees clockwise from north, 0 ..< 360.
    private var heading: Double
    /// Degrees per second; drifts, decays towards straight ahead.
    private var turnRate = 0.0
    /// Metres per second, now.
    private var speed = 0.0
    /// Metres per second the driver is aiming for.
    private var cruise: Double
    private var altitude: Double
    private var satellites: Int
    private var hdopTenths: Int
    /// `nil` for trackers that report no battery (255 on the wire).
    private var battery: Double?
    /// Until this time (ms) the car stands still.
    private var stoppedUntilMillis: Int64 = 0
    /// During the current stop the engine is off.
    private var engineOff = false
    /// The time (ms) the car's state describes; 0 before the first fix.
    private var clockMillis: Int64 = 0

    /// Mean seconds of driving between stops.
    private static let meanSecondsBetweenStops = 480.0
    /// The longest integration step; long gaps between fixes are integrated in such steps.
    private static let maxStepSeconds = 2.0
    /// Metres per degree of latitude.
    private static let metresPerDegree = 111_320.0

    /// A car at a random point of the patrol area, heading anywhere, seeded from `seed`.
    init(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let inner = PatrolArea.margin * 5
        lat = random.uniform((PatrolArea.latitudes.lowerBound + inner)...(PatrolArea.latitudes.upperBound - inner))
        lon = random.uniform((PatrolArea.longitudes.lowerBound + inner)...(PatrolArea.longitudes.upperBound - inner))
        heading = random.uniform(0...359.99)
        cruise = Self.randomCruise(&random)
        speed = cruise * random.unit()
        altitude = random.uniform(60...200)
        satellites = Int(random.next() % 9) + 6
        hdopTenths = Int(random.next() % 13) + 8
        battery = random.unit() < 0.5 ? nil : random.uniform(80...100)
        self.random = random
    }

    /// Appends `count` fixes, oldest first, spread evenly from the previous fix up to `nowMillis`.
    ///
    /// A real tracker batching several fixes into one datagram took them over the interval
    /// since its last datagram; the newest is "now". The first batch pretends one fix a second.
    mutating func appendFixes(count: Int, until nowMillis: Int64, to fixes: inout [Fix]) {
        if clockMillis == 0 { clockMillis = nowMillis - Int64(count) * 1000 }
        let start = min(clockMillis, nowMillis)
        let span = nowMillis - start
        for index in 1...count {
            let time = start + span * Int64(index) / Int64(count)
            advance(to: time)
            fixes.append(reading(at: time))
        }
    }

    /// Moves the car from its clock to `millis`.
    private mutating func advance(to millis: Int64) {
        // A clock that went backwards just restarts from there; the car does not move back.
        guard millis > clockMillis else {
            clockMillis = millis
            return
        }
        var remaining = Double(millis - clockMillis) / 1000
        var time = Double(clockMillis) / 1000
        while remaining > 0 {
            let step = min(remaining, Self.maxStepSeconds)
            time += step
            drive(seconds: step, nowMillis: Int64(time * 1000))
            remaining -= step
        }
        clockMillis = millis
    }

    /// One integration step of `seconds`.
    private mutating func drive(seconds h: Double, nowMillis: Int64) {
        if nowMillis < stoppedUntilMillis {
            speed = 0
            chargeBattery(seconds: h, engineOn: !engineOff)
            return
        }
        engineOff = false
        if random.unit() < h / Self.meanSecondsBetweenStops {
            stoppedUntilMillis = nowMillis + Int64(random.uniform(15...180) * 1000)
            engineOff = random.unit() < 0.3
            speed = 0
            cruise = Self.randomCruise(&random)
            return
        }
        // Drivers change pace about once a minute; accelerate at 2, brake at 3 m/s^2.
        if random.unit() < h / 60 { cruise = Self.randomCruise(&random) }
        speed += max(-3 * h, min(2 * h, cruise - speed))

        turnRate += random.uniform(-1...1) * 2 * h.squareRoot()
        turnRate = max(-8, min(8, turnRate)) * pow(0.9, h)
        heading = (heading + turnRate * h).truncatingRemainder(dividingBy: 360)
        if heading < 0 { heading += 360 }

        let distance = speed * h
        let radians = heading * .pi / 180
        let nextLat = lat + distance * cos(radians) / Self.metresPerDegree
        let nextLon = lon + distance * sin(radians) / (Self.metresPerDegree * cos(lat * .pi / 180))
        if PatrolArea.isWellInside(lat: nextLat, lon: nextLon) {
            lat = nextLat
            lon = nextLon
        } else {
            // At the edge of the area: stay put this step and turn back towards the middle.
            turnBackToCenter()
        }
        altitude = max(10, min(290, altitude + random.uniform(-1...1) * h))
        chargeBattery(seconds: h, engineOn: true)
    }

    private mutating func turnBackToCenter() {
        let center = PatrolArea.center
        let north = center.lat - lat
        let east = (center.lon - lon) * cos(lat * .pi / 180)
        var bearing = atan2(east, north) * 180 / .pi + random.uniform(-30...30)
        if bearing < 0 { bearing += 360 }
        heading = bearing.truncatingRemainder(dividingBy: 360)
        turnRate = 0
    }

    /// Vehicle power charges the battery slowly; standing with the engine off drains it.
    private mutating func chargeBattery(seconds h: Double, engineOn: Bool) {
        guard let level = battery else { return }
        battery = max(80, min(100, level + (engineOn ? h / 60 : -h / 120)))
    }

    /// What the tracker reports at `millis`: position, motion, receiver quality, power.
    private mutating func reading(at millis: Int64) -> Fix {
        // Receiver quality wanders a little from fix to fix.
        if random.unit() < 0.2 { satellites = max(6, min(14, satellites + (random.unit() < 0.5 ? -1 : 1))) }
        if random.unit() < 0.2 { hdopTenths = max(8, min(20, hdopTenths + (random.unit() < 0.5 ? -1 : 1))) }

        let standing = millis < stoppedUntilMillis
        let ignition = !(standing && engineOff)
        let moving = speed > 0.3
        var flags: FixFlags = [.fixValid]
        if ignition { flags.insert([.ignition, .externalPower]) }
        if moving { flags.insert(.moving) }

        // Clamp once more at the encoding: a fix out of range would be a malformed datagram.
        let clampedLat = max(PatrolArea.latitudes.lowerBound, min(PatrolArea.latitudes.upperBound, lat))
        let clampedLon = max(PatrolArea.longitudes.lowerBound, min(PatrolArea.longitudes.upperBound, lon))
        return Fix(
            timeMillis: millis,
            latE7: Int32((clampedLat * 1e7).rounded()),
            lonE7: Int32((clampedLon * 1e7).rounded()),
            speedCmS: UInt16(min(Double(Fix.unknownSpeed - 1), (speed * 100).rounded())),
            headingCentiDeg: UInt16(Int((heading * 100).rounded()) % 36_000),
            altitudeM: Int16(altitude.rounded()),
            hdopTenths: UInt8(hdopTenths),
            satellites: UInt8(satellites),
            flags: flags,
            batteryPercent: battery.map { UInt8($0.rounded()) } ?? Fix.unknownBattery
        )
    }

    private static func randomCruise(_ random: inout SplitMix64) -> Double {
        random.uniform(40...110) / 3.6
    }
}
