import Foundation
import MGISCore
import Testing

/// The public Teltonika packets in /work/shared/teltonika/vectors.tsv, read at test time.
///
/// The file is shared with other teams and sits beside the repository
/// (`<repo>/../shared/teltonika/vectors.tsv`); a copy in `Tests/Vectors/teltonika/` is used where
/// `shared/` is not beside the clone (a developer's own checkout).
struct TeltonikaVectors {
    enum Section: String { case a = "A", b = "B", c = "C" }

    struct Vector {
        let section: Section
        let line: Int
        let bytes: [UInt8]
        let note: String
    }

    let vectors: [Vector]

    static var fileURL: URL {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // MGISProtocolTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // repository root
        let shared = root.deletingLastPathComponent().appendingPathComponent("shared/teltonika/vectors.tsv")
        if FileManager.default.fileExists(atPath: shared.path) { return shared }
        return root.appendingPathComponent("Tests/Vectors/teltonika/vectors.tsv")
    }

    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    static func load() throws -> TeltonikaVectors {
        let url = fileURL
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw Missing(description: "Teltonika test vectors not found at \(url.path): expected <repo>/../shared/teltonika/vectors.tsv")
        }
        var section: Section?
        var vectors: [Vector] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("# === SECTION ") {
                section = Section(rawValue: String(line.dropFirst("# === SECTION ".count).prefix(1)))
                continue
            }
            if line.hasPrefix("#") || line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard let section, fields.count == 2, let bytes = Hex.decode(fields[0]) else {
                throw Missing(description: "vectors.tsv line \(index + 1) is not HEX<TAB>note inside a section")
            }
            vectors.append(Vector(section: section, line: index + 1, bytes: bytes, note: String(fields[1])))
        }
        return TeltonikaVectors(vectors: vectors)
    }

    func section(_ section: Section) -> [Vector] {
        vectors.filter { $0.section == section }
    }
}

/// What a vector's note says the checker decoded: "key value" or "key=value" after "decoded:".
struct TeltonikaNote {
    let text: String

    /// The token after `key` (followed by a space or `=`) in the "decoded:" part of the note.
    func decoded(_ key: String) -> String? {
        guard let start = text.range(of: "decoded:") else { return nil }
        let tokens = text[start.upperBound...].split(whereSeparator: { $0 == " " || $0 == ";" })
        for (index, token) in tokens.enumerated() {
            if token.hasPrefix(key + "=") { return String(token.dropFirst(key.count + 1)) }
            if token == key, index + 1 < tokens.count { return String(tokens[index + 1]) }
        }
        return nil
    }

    func has(_ phrase: String) -> Bool { text.contains(phrase) }

    /// Degrees as a decimal string ("-27.4388733") to the exact x 10^7 integer.
    static func e7(_ text: String) -> Int32? {
        let negative = text.hasPrefix("-")
        let parts = text.drop(while: { $0 == "-" }).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int64(parts[0]) else { return nil }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 7, let tail = Int64(fraction.padding(toLength: 7, withPad: "0", startingAt: 0)) else { return nil }
        let value = whole * 10_000_000 + tail
        return Int32(exactly: negative ? -value : value)
    }

    /// "2017-07-12T15:24:41.000Z" to milliseconds since the epoch (proleptic Gregorian, UTC).
    static func millis(_ text: String) -> UInt64? {
        let digits = text.split(whereSeparator: { "-T:.Z".contains($0) }).compactMap { Int64($0) }
        guard digits.count == 7 else { return nil }
        let (year, month, day) = (digits[0], digits[1], digits[2])
        // Days from civil (H. Hinnant), so the test does not depend on a calendar implementation.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let ms = ((days * 24 + digits[3]) * 60 + digits[4]) * 60_000 + digits[5] * 1000 + digits[6]
        return UInt64(exactly: ms)
    }
}
