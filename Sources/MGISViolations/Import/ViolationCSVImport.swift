import Foundation
import MGISCore

/// Reads violations from CSV: RFC 4180, a header row naming the columns (any order, any case).
///
/// Columns: `time` (RFC 3339), `lat`, `lon` (decimal degrees), `type` (a catalog code),
/// `goods`, and optionally `quantity`, `unit`, `value_eur`, `plate`, `country`, `road`,
/// `task_id`, `unit_id`, `user_id`, `notes`. Empty cells are absent values.
/// All or nothing: any bad row refuses the whole file with every issue found.
public enum ViolationCSVImport {
    /// The drafts of `text`, one per data row, in file order.
    /// - Throws: `ImportReport` listing every bad row by its starting line number.
    public static func drafts(from text: String, catalog: ViolationTypeCatalog, nowMillis: Int64) throws(ImportReport) -> [ViolationDraft] {
        let records: [(line: Int, fields: [String])]
        do {
            records = try CSV.records(text)
        } catch {
            throw ImportReport(issues: [ImportIssue(row: error.line, field: "", message: error.message)])
        }
        guard let header = records.first else {
            throw ImportReport(issues: [ImportIssue(row: 1, field: "", message: "the file is empty; the first line must name the columns")])
        }
        var issues: [ImportIssue] = []
        var columns: [String: Int] = [:]
        for (index, raw) in header.fields.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if !ImportFields.knownNames.contains(name) {
                issues.append(ImportIssue(row: header.line, field: name, message: "unknown column '\(raw)'; known: \(ImportFields.knownNames.sorted().joined(separator: ", "))"))
            } else if columns[name] != nil {
                issues.append(ImportIssue(row: header.line, field: name, message: "column '\(name)' appears twice"))
            } else {
                columns[name] = index
            }
        }
        for required in ["time", "lat", "lon", "type", "goods"] where columns[required] == nil {
            issues.append(ImportIssue(row: header.line, field: required, message: "the header has no '\(required)' column"))
        }
        guard issues.isEmpty else { throw ImportReport(issues: issues) }

        var drafts: [ViolationDraft] = []
        for record in records.dropFirst() {
            guard record.fields.count == header.fields.count else {
                issues.append(ImportIssue(row: record.line, field: "", message: "\(record.fields.count) fields where the header has \(header.fields.count)"))
                continue
            }
            var fields = ImportFields(row: record.line, numbersAsText: true) { name in
                columns[name].map { .text(record.fields[$0]) }
            }
            let lat = fields.required("lat", "the latitude") { $0.number($1) }
            let lon = fields.required("lon", "the longitude") { $0.number($1) }
            if let lat, !(-90...90).contains(lat) { fields.fail("lat", "latitude \(lat) is outside -90 ... 90") }
            if let lon, !(-180...180).contains(lon) { fields.fail("lon", "longitude \(lon) is outside -180 ... 180") }
            let location = fields.issues.isEmpty ? lat.flatMap { lat in lon.map { GeoPoint(latitude: lat, longitude: $0) } } : nil
            let draft = fields.draft(location: location, locationField: "lat", catalog: catalog, nowMillis: nowMillis)
            if let draft, issues.isEmpty { drafts.append(draft) }
            issues += fields.issues
        }
        guard issues.isEmpty else { throw ImportReport(issues: issues) }
        return drafts
    }
}
