import MGISCore
import MGISViolations
import FuzzSupport

/// `POST /api/v1/violations/import` with `text/csv`: an analyst's file, decoded as the server
/// decodes the body (invalid UTF-8 replaced).
///
/// Invariants: a bad file is refused with an `ImportReport`, never a trap; every draft an import
/// accepts is one the register records (it validates, so the import cannot fail half-way with a
/// 500); the shared CSV reader reads back what its writer's quoting makes of the fields it read.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzViolationsCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    checkImport(text)
    checkCSVRoundTrip(text)
    return 0
}

/// A fixed "now" (2026-06-01T00:00:00Z) so that a run is repeatable.
private let nowMillis: Int64 = 1_780_272_000_000

private func checkImport(_ text: String) {
    guard let drafts = try? ViolationCSVImport.drafts(from: text, catalog: .standard, nowMillis: nowMillis) else { return }
    for (index, draft) in drafts.enumerated() {
        let issues = draft.validate(catalog: .standard, nowMillis: nowMillis)
        fuzzCheck(issues.isEmpty, "imported draft \(index) does not validate: \(issues)")
    }
}

private func checkCSVRoundTrip(_ text: String) {
    guard let records = try? CSV.records(text) else { return }
    let written = records.map { $0.fields.map(CSV.quoted).joined(separator: ",") + "\r\n" }.joined()
    let reread: [(line: Int, fields: [String])]
    do {
        reread = try CSV.records(written)
    } catch {
        fuzzFail("\(records.map(\.fields)) written as \(written.debugDescription) does not read back: \(error)")
    }
    fuzzCheck(reread.map(\.fields) == records.map(\.fields), "\(records.map(\.fields)) reads back as \(reread.map(\.fields))")
}
