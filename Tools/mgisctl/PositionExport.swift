import Foundation
import MGISCore
import MGISStore

/// Renders stored fixes for export, with every stored field.
enum PositionExport {
    static func csv(_ fixes: [StoredFix]) -> String {
        var out = "device,time,lat,lon,speed_mps,heading_deg,altitude_m,hdop,sats,flags,battery,received,seq\n"
        for stored in fixes {
            let fix = stored.fix
            let fields: [String] = [
                "\(stored.device)", RFC3339.string(fromMillis: fix.timeMillis), decimal(fix.latE7), decimal(fix.lonE7),
                fix.speedMetersPerSecond.map { String($0) } ?? "", fix.headingDegrees.map { String($0) } ?? "",
                fix.altitudeMeters.map { String($0) } ?? "", fix.hdop.map { String($0) } ?? "",
                "\(fix.satellites)", "\(fix.flags.rawValue)", fix.battery.map { String($0) } ?? "",
                RFC3339.string(fromMillis: stored.receivedMillis), "\(stored.seq)",
            ]
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }

    /// A FeatureCollection: the track as a LineString, then one Point per fix with its fields.
    static func geoJSON(_ fixes: [StoredFix], device: DeviceID) -> String {
        var features: [[String: Any]] = []
        if fixes.count >= 2 {
            features.append([
                "type": "Feature",
                "geometry": ["type": "LineString", "coordinates": fixes.map { [$0.fix.longitude, $0.fix.latitude] }],
                "properties": ["device": Int(device.rawValue), "kind": "track"],
            ])
        }
        for stored in fixes {
            let fix = stored.fix
            var properties: [String: Any] = [
                "device": Int(device.rawValue), "time": RFC3339.string(fromMillis: fix.timeMillis), "received": RFC3339.string(fromMillis: stored.receivedMillis),
                "sats": Int(fix.satellites), "flags": Int(fix.flags.rawValue), "seq": Int(stored.seq),
            ]
            properties["speed"] = fix.speedMetersPerSecond ?? NSNull()
            properties["heading"] = fix.headingDegrees ?? NSNull()
            properties["altitude"] = fix.altitudeMeters ?? NSNull()
            properties["hdop"] = fix.hdop ?? NSNull()
            properties["battery"] = fix.battery ?? NSNull()
            features.append([
                "type": "Feature",
                "geometry": ["type": "Point", "coordinates": [fix.longitude, fix.latitude]],
                "properties": properties,
            ])
        }
        let collection: [String: Any] = ["type": "FeatureCollection", "features": features]
        let data = (try? JSONSerialization.data(withJSONObject: collection, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// A fixed-point E7 value as an exact decimal string.
    static func decimal(_ e7: Int32) -> String {
        let sign = e7 < 0 ? "-" : ""
        let magnitude = abs(Int64(e7))
        let fraction = String(magnitude % 10_000_000)
        return "\(sign)\(magnitude / 10_000_000).\(String(repeating: "0", count: 7 - fraction.count))\(fraction)"
    }
}
