import MGISCore

/// The MTP/1 keys of a fleet key file, by device id, for re-signing and trace generation.
///
/// Read and written by `KeyFileCSV`, the same code `mgis-load` and `mgisctl device import` use,
/// so any file they accept is accepted here; IMEI-only rows (Teltonika trackers, no MTP/1 key)
/// are left out.
public struct KeyFile: Hashable, Sendable {
    /// The header line, exactly as written.
    public static let header = KeyFileCSV.header

    /// Devices in file order.
    public private(set) var entries: [KeyFileEntry]
    private var indexByID: [UInt32: Int]

    /// A key file of `entries`; ids must be unique.
    public init(entries: [KeyFileEntry]) {
        self.entries = entries
        self.indexByID = Dictionary(entries.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        precondition(indexByID.count == entries.count, "device ids in a key file are unique")
    }

    /// The MTP/1 rows of `rows`, in order; `source` names the file when none has a key.
    public init(rows: [KeyFileRow], source: String) throws(KeyFileError) {
        let entries = rows.compactMap { row in row.key.map { KeyFileEntry(id: row.id, name: row.name, key: $0) } }
        guard !entries.isEmpty else {
            throw KeyFileError(source: source, line: nil, message: "no devices with an MTP/1 key (key_hex) after the header")
        }
        self.init(entries: entries)
    }

    /// The key of `device`, or `nil` when the file does not list it.
    public func key(for device: UInt32) -> [UInt8]? {
        indexByID[device].map { entries[$0].key }
    }

    /// The file's text: header, then one row a device, keys in lower-case hex.
    public func render() -> String {
        KeyFileCSV.render(rows)
    }

    /// Writes `render()` to `path` with mode 0600 (it holds secrets), replacing any file there.
    public func write(to path: String) throws(KeyFileError) {
        try KeyFileCSV.write(rows, to: path)
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
        try KeyFile(rows: KeyFileCSV.read(path: path).map(\.row), source: path)
    }

    /// Parses key-file text; `source` names it in errors.
    public static func parse(_ text: String, source: String) throws(KeyFileError) -> KeyFile {
        try KeyFile(rows: KeyFileCSV.rows(text, source: source).map(\.row), source: source)
    }

    private var rows: [KeyFileRow] {
        entries.map { KeyFileRow(id: $0.id, name: $0.name, key: $0.key) }
    }
}
