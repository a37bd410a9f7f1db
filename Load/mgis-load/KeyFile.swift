import Foundation
import MGISCore

/// The fleet key file: `id,name,key_hex[,imei]`, one device a line, as `mgisctl device import`
/// reads it.
///
/// The optional fourth column `imei` is what `mgis-load fleet --imei` writes for the Teltonika
/// load test, and what a factory provisioning file may carry. A row needs a key, an IMEI or
/// both; each command takes the rows it can play (`udp` those with a key, `teltonika` those with
/// an IMEI), so one file serves both.
///
/// Parsing is strict and names the line at fault: a load run against keys the server does not
/// hold would only show up as 100% loss, which is much harder to diagnose than a bad line.
enum KeyFile {
    /// Which trackers a command plays from the file.
    enum Use {
        /// MTP/1 trackers: rows with a key.
        case mtp
        /// Teltonika trackers: rows with an IMEI.
        case teltonika
    }

    /// The header line of a file without IMEIs, exactly as written.
    static let header = "id,name,key_hex"
    /// The header line of a file with IMEIs, exactly as written.
    static let headerWithIMEI = "id,name,key_hex,imei"

    /// Renders `entries` with the header, keys in lower-case hex, one row a line; the `imei`
    /// column is written when any entry has an IMEI.
    static func render(_ entries: [FleetEntry]) -> String {
        let withIMEI = entries.contains { $0.imei != nil }
        var text = (withIMEI ? headerWithIMEI : header) + "\n"
        text.reserveCapacity(entries.count * (withIMEI ? 106 : 90))
        for entry in entries {
            text += "\(entry.id),\(CSVRow.escape(entry.name)),\(entry.key.map { Hex.encode($0) } ?? "")"
            if withIMEI { text += "," + (entry.imei ?? "") }
            text += "\n"
        }
        return text
    }

    /// Reads the key file at `path` and returns the rows `use` can play, in file order.
    static func read(path: String, for use: Use) throws(LoadError) -> [FleetEntry] {
        let entries = try read(path: path)
        switch use {
        case .mtp:
            let playable = entries.filter { $0.key != nil }
            guard !playable.isEmpty else {
                throw LoadError("\(path): no devices with an MTP/1 key (key_hex) after the header")
            }
            return playable
        case .teltonika:
            let playable = entries.filter { $0.imei != nil }
            guard !playable.isEmpty else {
                throw LoadError(
                    "\(path): no devices with an IMEI; make the fleet with `mgis-load fleet --imei` "
                        + "(header '\(headerWithIMEI)') and import it with mgisctl"
                )
            }
            return playable
        }
    }

    /// Reads and parses the key file at `path`: every row, whatever it can play.
    static func read(path: String) throws(LoadError) -> [FleetEntry] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw LoadError("cannot read key file '\(path)': \(describe(error))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LoadError("\(path): not UTF-8 text; expected a CSV with header '\(header)'")
        }
        return try parse(text, source: path)
    }

    /// Parses key-file text; `source` names the file in errors.
    ///
    /// Accepts CRLF line ends, a UTF-8 byte order mark, blank lines and surrounding spaces, as
    /// spreadsheet exports produce them; rejects anything that would give a wrong key.
    static func parse(_ text: String, source: String) throws(LoadError) -> [FleetEntry] {
        var entries: [FleetEntry] = []
        var seen: [UInt32: Int] = [:]
        var seenIMEI: [String: Int] = [:]
        var sawHeader = false
        // Split on "\n" and trim "\r" ourselves: Swift treats "\r\n" as one Character.
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, scalars) in lines.enumerated() {
            let number = offset + 1
            var line = Substring(String(scalars))
            if line.hasSuffix("\r") { line = line.dropLast() }
            if number == 1, line.first == "\u{FEFF}" { line = line.dropFirst() }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            guard let raw = CSVRow.fields(of: line) else {
                throw LoadError("\(source) line \(number): unterminated quoted field")
            }
            let fields = raw.map { $0.trimmingCharacters(in: .whitespaces) }
            if !sawHeader {
                let names = fields.map { $0.lowercased() }
                guard names == ["id", "name", "key_hex"] || names == ["id", "name", "key_hex", "imei"] else {
                    throw LoadError(
                        "\(source) line \(number): expected the header '\(header)' or '\(headerWithIMEI)', got '\(line)'"
                    )
                }
                sawHeader = true
                continue
            }
            let entry = try parseRow(fields, line: number, source: source)
            if let first = seen[entry.id] {
                throw LoadError("\(source) line \(number): device id \(entry.id) already on line \(first)")
            }
            seen[entry.id] = number
            if let imei = entry.imei {
                if let first = seenIMEI[imei] {
                    throw LoadError("\(source) line \(number): IMEI \(imei) already on line \(first)")
                }
                seenIMEI[imei] = number
            }
            entries.append(entry)
        }
        guard sawHeader else {
            throw LoadError("\(source): empty; expected a CSV with header '\(header)'")
        }
        guard !entries.isEmpty else {
            throw LoadError("\(source): no devices after the header")
        }
        return entries
    }

    /// The entry of one data row: a key, an IMEI or both, as mgisctl accepts them.
    private static func parseRow(_ fields: [String], line: Int, source: String) throws(LoadError) -> FleetEntry {
        guard fields.count == 3 || fields.count == 4 else {
            throw LoadError("\(source) line \(line): expected 3 fields (\(header)) or 4 (\(headerWithIMEI)), got \(fields.count)")
        }
        guard let id = UInt32(fields[0]), id != 0 else {
            throw LoadError("\(source) line \(line): id '\(fields[0])' is not a device id in 1...\(UInt32.max)")
        }
        let imeiField = fields.count == 4 ? fields[3] : ""
        var imei: String?
        if !imeiField.isEmpty {
            guard FleetIMEI.isWellFormed(imeiField) else {
                throw LoadError("\(source) line \(line): imei must be 15 digits, got '\(imeiField.prefix(40))'")
            }
            imei = imeiField
        }
        let hex = fields[2]
        if hex.isEmpty {
            guard imei != nil else {
                throw LoadError("\(source) line \(line): a device needs key_hex or imei")
            }
            return FleetEntry(id: id, name: fields[1], key: nil, imei: imei)
        }
        guard hex.count == FleetEntry.keyLength * 2, let key = Hex.decode(hex) else {
            throw LoadError(
                "\(source) line \(line): key_hex must be \(FleetEntry.keyLength * 2) hex digits "
                    + "(\(FleetEntry.keyLength) bytes), got '\(hex.prefix(80))' (\(hex.count) characters)"
            )
        }
        return FleetEntry(id: id, name: fields[1], key: key, imei: imei)
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
