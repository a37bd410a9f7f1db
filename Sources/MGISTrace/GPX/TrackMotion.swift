import Foundation
import MGISCore

/// Speed and heading between two positions, in MTP/1's units.
enum TrackMotion {
    /// Ground speed in cm/s (capped below the unknown sentinel) and initial great-circle
    /// bearing in 0.01° from `from` to `to`; unknown where the time or the distance is zero.
    static func between(_ from: (latE7: Int32, lonE7: Int32, millis: Int64), _ to: (latE7: Int32, lonE7: Int32, millis: Int64)) -> (speedCmS: UInt16, headingCentiDeg: UInt16) {
        let a = GeoPoint(latitude: Double(from.latE7) / 1e7, longitude: Double(from.lonE7) / 1e7)
        let b = GeoPoint(latitude: Double(to.latE7) / 1e7, longitude: Double(to.lonE7) / 1e7)
        let meters = a.distanceMeters(to: b)
        let seconds = Double(to.millis - from.millis) / 1000
        let speed = seconds > 0 ? UInt16(min(Double(Fix.unknownSpeed - 1), (meters / seconds * 100).rounded())) : Fix.unknownSpeed
        let heading = meters > 0 ? UInt16(Int((bearing(a, b) * 100).rounded()) % 36_000) : Fix.unknownHeading
        return (speed, heading)
    }

    /// Initial bearing in degrees, 0 ..< 360, clockwise from north.
    static func bearing(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let φ1 = a.latitude * .pi / 180, φ2 = b.latitude * .pi / 180
        let Δλ = (b.longitude - a.longitude) * .pi / 180
        let y = sin(Δλ) * cos(φ2)
        let x = cos(φ1) * sin(φ2) - sin(φ1) * cos(φ2) * cos(Δλ)
        let degrees = atan2(y, x) * 180 / .pi
        return degrees < 0 ? degrees + 360 : degrees
    }
}
