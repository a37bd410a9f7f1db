import Foundation
import MGISCore

/// A raw value of one CSV cell or GeoJSON property, before it is read as a field.
enum ImportValue {
    case text(String)
    case integer(Int64)
    case number(Double)
    /// A JSON value of another kind (`true`, an array...), named for the message.
    case other(String)
}

/// Reads the named fields of one row into a `ViolationDraft`, collecting an issue for every
/// field that cannot be read, then validates the draft. Shared by the CSV and GeoJSON imports
/// so both accept exactly the same names and values.
struct ImportFields {
    let row: Int
    /// Whether numbers may be given as text (CSV: always text) or must be JSON numbers.
    let numbersAsText: Bool
    let value: (String) -> ImportValue?
    private(set) var issues: [ImportIssue] = []

    init(row: Int, numbersAsText: Bool, value: @escaping (String) -> ImportValue?) {
        self.row = row
        self.numbersAsText = numbersAsText
        self.value = value
    }

    mutating func fail(_ field: String, _ message: String) {
        issues.append(ImportIssue(row: row, field: field, message: message))
    }

    /// Trimmed text, `nil` when absent or blank.
    mutating func text(_ name: String) -> String? {
        switch value(name) {
        case nil: return nil
        case .text(let text):
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        case .integer, .number, .other:
            fail(name, "expected text")
            return nil
        }
    }

    /// A finite number, `nil` when absent or blank.
    mutating func number(_ name: String) -> Double? {
        switch value(name) {
        case nil: return nil
        case .integer(let i): return Double(i)
        case .number(let d): return d
        case .text(let raw):
            let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty { return nil }
            guard numbersAsText else {
                fail(name, "expected a number, found text")
                return nil
            }
            guard let d = Double(text), d.isFinite else {
                fail(name, "'\(text)' is not a number (use a decimal point, no thousands separators)")
                return nil
            }
            return d
        case .other(let kind):
            fail(name, "expected a number, found \(kind)")
            return nil
        }
    }

    /// A whole number (an id), `nil` when absent or blank.
    mutating func integer(_ name: String) -> Int64? {
        if case .integer(let i) = value(name) { return i }
        if case .text(let raw) = value(name), numbersAsText {
            let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty { return nil }
            guard let i = Int64(text) else {
                fail(name, "'\(text)' is not a whole number")
                return nil
            }
            return i
        }
        guard let d = number(name) else { return nil }
        fail(name, "\(d) is not a whole number")
        return nil
    }

    /// `read(name)`, with a "missing" issue when the value is absent or blank (and not already reported as malformed).
    mutating func required<T>(_ name: String, _ what: String, _ read: (inout ImportFields, String) -> T?) -> T? {
        let before = issues.count
        let result = read(&self, name)
        if result == nil, issues.count == before { fail(name, "\(what) is missing") }
        return result
    }

    /// The draft of this row, or `nil` with issues recorded. `location` is read by the caller
    /// (columns or geometry); issues about it are reported under `locationField`.
    mutating func draft(location: GeoPoint?, locationField: String, catalog: ViolationTypeCatalog, nowMillis: Int64) -> ViolationDraft? {
        var observed: Int64?
        if let time = required("time", "the time", { $0.text($1) }) {
            observed = RFC3339.millis(time)
            if observed == nil { fail("time", "'\(time)' is not an RFC 3339 time such as 2026-03-29T14:05:00+02:00") }
        }
        let type = required("type", "the violation type") { $0.text($1) }
        let draft = ViolationDraft(
            observedMillis: observed ?? 0, location: location ?? GeoPoint(latitude: 0, longitude: 0),
            typeCode: type ?? "", goodsDescription: required("goods", "the goods description") { $0.text($1) } ?? "",
            quantity: number("quantity"), quantityUnit: text("unit"), estimatedValueEUR: number("value_eur"),
            vehiclePlate: text("plate"), vehicleCountry: text("country"), roadOrCrossing: text("road"),
            taskID: integer("task_id"), unitID: integer("unit_id"), reportingUserID: integer("user_id"),
            notes: text("notes") ?? ""
        )
        guard issues.isEmpty, location != nil else { return nil }
        for issue in draft.validate(catalog: catalog, nowMillis: nowMillis) {
            fail(issue.field == .location ? locationField : issue.field.rawValue, issue.message)
        }
        return issues.isEmpty ? draft : nil
    }

    /// Every column or property name a violation import understands.
    static let knownNames: Set<String> = Set(ViolationField.allCases.map(\.rawValue)).subtracting(["location"]).union(["lat", "lon"])
}
