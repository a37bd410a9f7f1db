import Foundation
import MGISCore

/// Violation bodies and files for the API tests.
enum ViolationSamples {
    static func body(lat: Double = 54.6, lon: Double = 25.2, type: String = "cigarettes", at millis: Int64 = WallClock.nowMillis() - 3_600_000) -> [String: Any] {
        [
            "observed": TaskAPITests.time(millis), "location": ["lat": lat, "lon": lon], "type": type,
            "goodsDescription": "40 cartons", "quantity": 400, "quantityUnit": "packs", "estimatedValueEUR": 2000,
            "vehiclePlate": "ABC123", "vehicleCountry": "LT",
        ]
    }

    /// A CSV of `count` good rows around a point, one hour apart.
    static func csv(count: Int, lat: Double = 54.6, lon: Double = 25.2, start: Int64 = WallClock.nowMillis() - 30 * 86_400_000) -> String {
        var text = "time,lat,lon,type,goods,quantity,unit,value_eur,plate,country\n"
        for index in 0..<count {
            let offset = Double(index % 10) * 0.0005
            text += "\(TaskAPITests.time(start + Int64(index) * 3_600_000)),\(lat + offset),\(lon + offset),fuel,diesel,\(100 + index),l,\(50 + index),LT\(index),LT\n"
        }
        return text
    }

    /// Three rows, the second and third bad in named fields.
    static let badCSV = """
        time,lat,lon,type,goods,quantity,unit,value_eur,plate,country
        2026-01-05T10:00:00Z,54.6,25.2,fuel,diesel,10,l,50,ABC1,LT
        2026-01-05T11:00:00Z,954.6,25.2,fuel,diesel,10,l,50,ABC2,LT
        not-a-time,54.6,25.2,plutonium,diesel,10,l,50,ABC3,LT

        """
}
