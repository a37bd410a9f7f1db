import MGISCore

/// Writes tables as a GeoJSON FeatureCollection (RFC 7946): coordinates `[longitude, latitude]`,
/// polygons closed and counter-clockwise, the columns as each Feature's properties.
/// Non-finite numbers are written as `null` (JSON has no NaN).
public enum GeoJSONWriter {
    public static func write(_ table: ExportTable) -> String {
        var out = "{\"type\":\"FeatureCollection\",\"features\":["
        for (index, row) in table.rows.enumerated() {
            if index > 0 { out += "," }
            out += "{\"type\":\"Feature\",\"geometry\":"
            out += row.geometry.map(geometry) ?? "null"
            out += ",\"properties\":{"
            for (i, column) in table.columns.enumerated() {
                if i > 0 { out += "," }
                out += string(column) + ":" + value(i < row.values.count ? row.values[i] : .null)
            }
            out += "}}"
        }
        return out + "]}"
    }

    static func geometry(_ geometry: ExportGeometry) -> String {
        switch geometry {
        case .point(let p):
            return "{\"type\":\"Point\",\"coordinates\":\(position(p))}"
        case .box(let b):
            return "{\"type\":\"Polygon\",\"coordinates\":[\(ring(b.polygon.outer))]}"
        case .polygon(let polygon):
            let rings = ([polygon.outer] + polygon.holes).map(ring).joined(separator: ",")
            return "{\"type\":\"Polygon\",\"coordinates\":[\(rings)]}"
        }
    }

    /// A closed ring: the first position repeated at the end when it is not already there.
    static func ring(_ points: [GeoPoint]) -> String {
        var closed = points
        if let first = points.first, points.last != first { closed.append(first) }
        return "[" + closed.map(position).joined(separator: ",") + "]"
    }

    static func position(_ p: GeoPoint) -> String { "[\(number(p.longitude)),\(number(p.latitude))]" }

    static func number(_ d: Double) -> String { d.isFinite ? "\(d)" : "null" }

    static func value(_ value: ExportValue) -> String {
        switch value {
        case .int(let i): String(i)
        case .double(let d): number(d)
        case .string(let s): string(s)
        case .bool(let b): b ? "true" : "false"
        case .null: "null"
        }
    }

    /// A JSON string literal (RFC 8259 §7): quote, backslash and control characters escaped.
    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
