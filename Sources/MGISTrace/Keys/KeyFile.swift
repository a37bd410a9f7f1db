import Foundation
import MGISCore

/// The fleet key file `mgis-load fleet` writes and `mgisctl device import` reads:
/// `id,name,key_hex` with a header line, one device a line, keys as 64 hex digits.
///
/// Parsing follows `Load/mgis-load/KeyFile.swift` exactly, so any file the load tester accepts
/// is accepted here: CRLF, a UTF-8 BOM, blank lines, surrounding spaces and RFC 4180 quotes are
/// fine; mgisctl's optional fourth column `imei` is allowed and IMEI-only rows (Teltonika
/// trackers, no MTP/1 key) are skipped; duplicate ids and bad keys are refused with the line.
public struct KeyFile: Hashable, Sendable {
    /// The header line, exactly as written.
    public static let header = "id,name,key_hex"

    /// Devices in file order.
    public private(set) var entries: [KeyFileEntry]
    private var indexByID: [UInt32: Int]

    /// A key file of `entries`; ids must be unique.
    public init(entries: [KeyFileEntry]) {
        self.entries = entries
        self.indexByID = Dictionary(entries.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        precondition(indexByID.count == entries.count, "device ids in a key file are unique")
    }

    /// The key of `device`, or `nil` when the file does not list it.
    public func key(for device: UInt32) -> [UInt8]? {
        indexByID[device].map { entries[$0].key }
    }

    /// The file's text: header, then one row a device, keys in lower-case hex.
    public func render() -> String {
        var text = Self.header + "\n"
        for entry in entries {
            text += "\(entry.id),\(CSVFields.escape(entry.name)),\(Hex.encode(entry.key))\n"
        }
        return text
    }

    /// Writes `render()` to `path` with mode 0600 (it holds secrets), replacing any file there.
    public func write(to path: String) throws(KeyFileError) {
        let data = Data(render().utf8)
        guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw KeyFileError(source: path, line: nil, message: "cannot write the key file")
        }
    }

    /// Fresh keys for `ids`, named `load-<id>`, drawn from `generator`. Pass a
    /// `SystemRandomNumberGenerator` for keys a real server will hold; a seeded one for tests.
    public static func generate(ids: some Sequence<UInt32>, using generator: inout some RandomNumberGenerator) -> KeyFile {
        KeyFile(entries: ids.map { id in
            KeyFileEntry(id: id, name: "load-\(id)", key: (0..<KeyFileEntry.keyLength).map { _ in UInt8.random(in: 0...255, using: &generator) })
        })
    }

    /// Reads and parses the key file at `path`.
    public static func read(path: String) throws(KeyFileError) -> KeyFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KeyFileError(source: path, line: nil, message: "cannot read the key file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw KeyFileError(source: path, line: nil, message: "not UTF-8 text; expected a CSV with header '\(header)'")
        }
        return try parse(text, source: path)
    }

    /// Parses key-file text; `source` names it in errors.
    public static func parse(_ text: String, source: String) throws(KeyFileError) -> KeyFile {
        var entries: [KeyFileEntry] = []
        var seen: [UInt32: Int] = [:]
        var sawHeader = false
        // Split on "\n" and trim "\r" ourselves: Swift treats "\r\n" as one Character.
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        for (offset, scalars) in lines.enumerated() {
            let number = offset + 1
            var line = Substring(String(scalars))
            if line.hasSuffix("\r") { line = line.dropLast() }
            if number == 1, line.first == "\u{FEFF}" { line = line.dropFirst() }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            guard let raw = CSVFields.split(line) else {
                throw KeyFileError(source: source, line: number, message: "unterminated quoted field")
            }
            let fields = raw.map { $0.trimmingCharacters(in: .whitespaces) }
            if !sawHeader {
                let names = fields.map { $0.lowercased() }
                guard names == ["id", "name", "key_hex"] || names == ["id", "name", "key_hex", "imei"] else {
                    throw KeyFileError(source: source, line: number, message: "expected the header '\(header)', got '\(line)'")
                }
                sawHeader = true
                continue
            }
            guard let entry = try row(fields, line: number, source: source) else { continue }
            if let first = seen[entry.id] {
                throw KeyFileError(source: source, line: number, message: "device id \(entry.id) already on line \(first)")
            }
            seen[entry.id] = number
            entries.append(entry)
        }
        guard sawHeader else {
            throw KeyFileError(source: source, line: nil, message: "empty; expected a CSV with header '\(header)'")
        }
        guard !entries.isEmpty else {
            throw KeyFileError(source: source, line: nil, message: "no devices with an MTP/1 key after the header")
        }
        return KeyFile(entries: entries)
    }

    /// The entry of one data row, or `nil` for an IMEI-only (Teltonika) row.
    private static func row(_ fields: [String], line: Int, source: String) throws(KeyFileError) -> KeyFileEntry? {
        guard fields.count == 3 || fields.count == 4 else {
            throw KeyFileError(source: source, line: line, message: "expected 3 fields (\(header)), got \(fields.count)")
        }
        guard let id = UInt32(fields[0]), id != 0 else {
            throw KeyFileError(source: source, line: line, message: "id '\(fields[0])' is not a device id in 1...\(UInt32.max)")
        }
        let hex = fields[2]
        if hex.isEmpty, fields.count == 4, !fields[3].isEmpty { return nil }
        guard hex.count == KeyFileEntry.keyLength * 2, let key = Hex.decode(hex) else {
            throw KeyFileError(
                source: source, line: line,
                message: "key_hex must be \(KeyFileEntry.keyLength * 2) hex digits (\(KeyFileEntry.keyLength) bytes), "
                    + "got '\(hex.prefix(80))' (\(hex.count) characters)"
            )
        }
        return KeyFileEntry(id: id, name: fields[1], key: key)
    }
}
