import Foundation
import MGISCore

/// Reads violations from a GeoJSON (RFC 7946) FeatureCollection: one Feature per violation,
/// a Point geometry (`[longitude, latitude]`, an altitude is ignored) and properties with the
/// CSV column names (`time`, `type`, `goods`, `quantity`, `unit`, `value_eur`, `plate`,
/// `country`, `road`, `task_id`, `unit_id`, `user_id`, `notes`). Numbers must be JSON numbers.
/// All or nothing, as `ViolationCSVImport`; issues name the feature's 0-based index.
public enum ViolationGeoJSONImport {
    /// The drafts of the features, in document order.
    /// - Throws: `ImportReport` listing every bad feature (row −1 when the document itself is wrong).
    public static func drafts(from json: String, catalog: ViolationTypeCatalog, nowMillis: Int64) throws(ImportReport) -> [ViolationDraft] {
        func refuse(_ message: String) -> ImportReport { ImportReport(issues: [ImportIssue(row: -1, field: "", message: message)]) }
        let document: JSONValue
        do {
            document = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
        } catch {
            throw refuse("not valid JSON")
        }
        guard case .string("FeatureCollection") = document["type"] else { throw refuse("the document is not a GeoJSON FeatureCollection") }
        guard case .array(let features) = document["features"] else { throw refuse("the FeatureCollection has no 'features' array") }

        var issues: [ImportIssue] = []
        var drafts: [ViolationDraft] = []
        for (index, feature) in features.enumerated() {
            guard case .object = feature, case .string("Feature") = feature["type"] else {
                issues.append(ImportIssue(row: index, field: "", message: "not a GeoJSON Feature"))
                continue
            }
            let properties: [String: JSONValue]
            switch feature["properties"] {
            case .object(let members): properties = members
            case nil, .null: properties = [:]
            case let other?:
                issues.append(ImportIssue(row: index, field: "properties", message: "properties must be an object, found \(other.kind)"))
                continue
            }
            var fields = ImportFields(row: index, numbersAsText: false) { name in
                switch properties[name] {
                case nil, .null: nil
                case .string(let s): .text(s)
                case .integer(let i): .integer(i)
                case .number(let d): .number(d)
                case let other?: .other(other.kind)
                }
            }
            for name in properties.keys.sorted() where !ImportFields.knownNames.contains(name) || name == "lat" || name == "lon" {
                fields.fail(name, "unknown property '\(name)'; the location is the Point geometry")
            }
            let location = point(feature["geometry"], fields: &fields)
            if let draft = fields.draft(location: location, locationField: "geometry", catalog: catalog, nowMillis: nowMillis), issues.isEmpty {
                drafts.append(draft)
            }
            issues += fields.issues
        }
        guard issues.isEmpty else { throw ImportReport(issues: issues) }
        return drafts
    }

    /// The location of a Point geometry, or `nil` with an issue.
    private static func point(_ geometry: JSONValue?, fields: inout ImportFields) -> GeoPoint? {
        guard let geometry, case .string("Point") = geometry["type"] else {
            fields.fail("geometry", "the geometry must be a Point")
            return nil
        }
        guard case .array(let coordinates) = geometry["coordinates"], (2...3).contains(coordinates.count),
              let lon = coordinates[0].number, let lat = coordinates[1].number
        else {
            fields.fail("geometry", "the Point needs coordinates [longitude, latitude]")
            return nil
        }
        let point = GeoPoint(latitude: lat, longitude: lon)
        guard point.isValid else {
            fields.fail("geometry", "[\(lon), \(lat)] is not [longitude -180 ... 180, latitude -90 ... 90]")
            return nil
        }
        return point
    }
}
