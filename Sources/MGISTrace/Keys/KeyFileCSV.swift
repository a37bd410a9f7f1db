import Foundation
import MGISCore

/// The one reader and writer of the fleet key file `id,name,key_hex[,imei]`, which
/// `mgis-load fleet` writes, `mgisctl device import` registers and `mgis-load` and the trace
/// tools play.
///
/// Lenient where people edit the file: CRLF, a UTF-8 BOM, blank lines, surrounding spaces and
/// RFC 4180 quotes (also a stray quote or a space after a closing quote, as spreadsheets leave
/// them) are fine. Strict where a mistake would give a wrong key: bad ids, keys or IMEIs and
/// duplicate ids or IMEIs are refused naming the line, because a load run against keys the
/// server does not hold would only show up as 100% loss, which is much harder to diagnose.
public enum KeyFileCSV {
    /// The header line of a file without IMEIs, exactly as written.
    public static let header = "id,name,key_hex"
    /// The header line of a file with IMEIs, exactly as written.
    public static let headerWithIMEI = "id,name,key_hex,imei"

    /// The file's text: the header, then one row a device, keys in lower-case hex; the `imei`
    /// column is written only when some row has an IMEI, so MTP/1-only files keep three columns.
    public static func render(_ rows: [KeyFileRow]) -> String {
        let withIMEI = rows.contains { $0.imei != nil }
        var text = (withIMEI ? headerWithIMEI : header) + "\n"
        text.reserveCapacity(rows.count * (withIMEI ? 106 : 90))
        for row in rows {
            text += "\(row.id),\(CSV.quoted(row.name)),\(row.key.map { Hex.encode($0) } ?? "")"
            if withIMEI { text += "," + (row.imei ?? "") }
            text += "\n"
        }
        return text
    }

    /// Writes `render(rows)` to `path` with mode 0600 from the start (the keys are what makes a
    /// datagram authentic), replacing any file there.
    public static func write(_ rows: [KeyFileRow], to path: String) throws(KeyFileError) {
        let data = Data(render(rows).utf8)
        guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw KeyFileError(
                source: path, line: nil, message: "cannot write the key file; check that its directory exists and is writable"
            )
        }
    }

    /// Reads and parses the key file at `path`: every row, whatever it can play.
    public static func read(path: String) throws(KeyFileError) -> [(line: Int, row: KeyFileRow)] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw KeyFileError(source: path, line: nil, message: "cannot read the key file: \(describe(error))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw KeyFileError(source: path, line: nil, message: "not UTF-8 text; expected a CSV with header '\(header)'")
        }
        return try rows(text, source: path)
    }

    /// Parses key-file text into its rows and the line each starts on; `source` names it in errors.
    public static func rows(_ text: String, source: String) throws(KeyFileError) -> [(line: Int, row: KeyFileRow)] {
        let records: [(line: Int, fields: [String])]
        do {
            // A spreadsheet's byte order mark is not part of the header.
            let body = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
            records = try CSV.records(body, lenientQuotes: true)
        } catch {
            throw KeyFileError(source: source, line: error.line, message: error.message)
        }
        var rows: [(line: Int, row: KeyFileRow)] = []
        var seen: [UInt32: Int] = [:]
        var seenIMEI: [String: Int] = [:]
        var sawHeader = false
        for record in records {
            let fields = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            if fields.allSatisfy(\.isEmpty), fields.count == 1 { continue }  // a line of spaces
            if !sawHeader {
                let names = fields.map { $0.lowercased() }
                guard names == ["id", "name", "key_hex"] || names == ["id", "name", "key_hex", "imei"] else {
                    throw KeyFileError(
                        source: source, line: record.line,
                        message: "expected the header '\(header)' or '\(headerWithIMEI)', got '\(record.fields.joined(separator: ","))'"
                    )
                }
                sawHeader = true
                continue
            }
            let row = try row(fields, line: record.line, source: source)
            if let first = seen[row.id] {
                throw KeyFileError(source: source, line: record.line, message: "device id \(row.id) already on line \(first)")
            }
            seen[row.id] = record.line
            if let imei = row.imei {
                if let first = seenIMEI[imei] {
                    throw KeyFileError(source: source, line: record.line, message: "IMEI \(imei) already on line \(first)")
                }
                seenIMEI[imei] = record.line
            }
            rows.append((record.line, row))
        }
        guard sawHeader else {
            throw KeyFileError(source: source, line: nil, message: "empty; expected a CSV with header '\(header)'")
        }
        guard !rows.isEmpty else {
            throw KeyFileError(source: source, line: nil, message: "no devices after the header")
        }
        return rows
    }

    /// The row of one data record: a key, an IMEI or both.
    private static func row(_ fields: [String], line: Int, source: String) throws(KeyFileError) -> KeyFileRow {
        func fail(_ message: String) -> KeyFileError { KeyFileError(source: source, line: line, message: message) }
        guard fields.count == 3 || fields.count == 4 else {
            throw fail("expected 3 fields (\(header)) or 4 (\(headerWithIMEI)), got \(fields.count)")
        }
        guard let id = UInt32(fields[0]), id != 0 else {
            throw fail("id '\(fields[0])' is not a device id in 1...\(UInt32.max)")
        }
        let imeiField = fields.count == 4 ? fields[3] : ""
        guard imeiField.isEmpty || KeyFileRow.isWellFormedIMEI(imeiField) else {
            throw fail("imei must be 15 digits, got '\(imeiField.prefix(40))'")
        }
        let imei = imeiField.isEmpty ? nil : imeiField
        let hex = fields[2]
        if hex.isEmpty {
            guard imei != nil else { throw fail("a device needs key_hex or imei") }
            return KeyFileRow(id: id, name: fields[1], key: nil, imei: imei)
        }
        guard hex.count == KeyFileEntry.keyLength * 2, let key = Hex.decode(hex) else {
            throw fail(
                "key_hex must be \(KeyFileEntry.keyLength * 2) hex digits (\(KeyFileEntry.keyLength) bytes), "
                    + "got '\(hex.prefix(80))' (\(hex.count) characters)"
            )
        }
        return KeyFileRow(id: id, name: fields[1], key: key, imei: imei)
    }

    /// The system's message for a file error rather than Foundation's long domain dump.
    private static func describe(_ error: any Error) -> String {
        if let cocoa = error as? CocoaError, let underlying = cocoa.underlying as? POSIXError {
            return String(cString: strerror(underlying.code.rawValue))
        }
        if let cocoa = error as? CocoaError {
            switch cocoa.code {
            case .fileReadNoSuchFile, .fileNoSuchFile: return "no such file"
            case .fileReadNoPermission: return "permission denied"
            default: break
            }
        }
        return "\(error.localizedDescription)"
    }
}
