import MGISCore
import MGISViolations
import FuzzSupport

/// `POST /api/v1/violations/import` with `application/geo+json`: a FeatureCollection of Points.
///
/// Invariants: a bad document is refused with an `ImportReport`, never a trap (deep nesting,
/// huge numbers, NaN-like values, wrong types); every draft an import accepts validates.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzViolationsGeoJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let drafts = try? ViolationGeoJSONImport.drafts(from: text, catalog: .standard, nowMillis: nowMillis) else { return 0 }
    for (index, draft) in drafts.enumerated() {
        let issues = draft.validate(catalog: .standard, nowMillis: nowMillis)
        fuzzCheck(issues.isEmpty, "imported feature \(index) does not validate: \(issues)")
    }
    return 0
}

/// A fixed "now" (2026-06-01T00:00:00Z) so that a run is repeatable.
private let nowMillis: Int64 = 1_780_272_000_000
