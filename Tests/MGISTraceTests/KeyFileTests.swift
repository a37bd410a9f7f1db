import Foundation
import MGISCore
import MGISTrace
import Testing

@Suite struct KeyFileTests {
    static let keyA = String(repeating: "ab", count: 32)
    static let keyB = String(repeating: "0F", count: 32)

    @Test func testAcceptsWhatTheLoadTesterAccepts() throws {
        let text = "\u{FEFF}ID,Name,Key_Hex,imei\r\n"
            + "7,\"car, seven\" ,\(Self.keyA),\r\n"
            + "\r\n"
            + "9,tracker,,356307042441013\r\n"
            + "8,\"say \"\"hi\"\"\",\(Self.keyB),\r\n"
        let file = try KeyFile.parse(text, source: "keys.csv")
        #expect(file.entries.map(\.id) == [7, 8])
        #expect(file.entries.map(\.name) == ["car, seven", "say \"hi\""])
        #expect(file.key(for: 7) == Array(repeating: 0xAB, count: 32))
        #expect(file.key(for: 8) == Array(repeating: 0x0F, count: 32))
        #expect(file.key(for: 9) == nil)
    }

    @Test(arguments: [
        ("id,name,key\n", 1, "expected the header"),
        ("id,name,key_hex\n1,a,\(keyA)\n1,b,\(keyB)\n", 3, "already on line 2"),
        ("id,name,key_hex\n0,a,\(keyA)\n", 2, "is not a device id"),
        ("id,name,key_hex\n5,a,abcd\n", 2, "64 hex digits"),
        ("id,name,key_hex\n\n\n5,\"a,\(keyA)\n", 4, "unterminated"),
        ("id,name,key_hex\n5,a\n", 2, "expected 3 fields"),
        ("id,name,key_hex,imei\n1,a,,35000000000001\n", 2, "imei must be 15 digits"),
        ("id,name,key_hex,imei\n1,a,,350000000000017\n2,b,,350000000000017\n", 3, "IMEI 350000000000017 already on line 2"),
        ("id,name,key_hex,imei\n1,a,,\n", 2, "a device needs key_hex or imei"),
    ])
    func testBadLinesAreNamed(text: String, line: Int, message: String) {
        #expect {
            try KeyFile.parse(text, source: "k.csv")
        } throws: { error in
            guard let error = error as? KeyFileError else { return false }
            return error.line == line && error.description.hasPrefix("k.csv line \(line): ") && error.message.contains(message)
        }
    }

    @Test func testRowsWithIMEIsRoundTripAndKeepTheirLines() throws {
        let rows = [
            KeyFileRow(id: 1, name: "load-1", key: Array(repeating: 1, count: 32), imei: "350000000000017"),
            KeyFileRow(id: 2, name: "spaced, name", key: nil, imei: "350000000000025"),
        ]
        let text = KeyFileCSV.render(rows)
        #expect(text.hasPrefix("id,name,key_hex,imei\n1,load-1,\(String(repeating: "01", count: 32)),350000000000017\n"))
        #expect(text.hasSuffix("\n2,\"spaced, name\",,350000000000025\n"))
        let read = try KeyFileCSV.rows(text, source: "fleet.csv")
        #expect(read.map(\.row) == rows)
        #expect(read.map(\.line) == [2, 3])
        #expect(try KeyFile.parse(text, source: "fleet.csv").entries.map(\.id) == [1])
    }

    @Test func testGeneratedKeysRoundTripThroughAFileWithMode0600() throws {
        try TemporaryDirectory.with { dir in
            var random = SplitMix64(seed: 3)
            let keys = KeyFile.generate(ids: 100...104, using: &random)
            #expect(Set(keys.entries.map(\.key)).count == 5)
            let path = dir.file("fleet.csv")
            try keys.write(to: path)
            #expect(try KeyFile.read(path: path) == keys)
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
            #expect(lines.first == "id,name,key_hex")
            #expect(lines[1] == "100,load-100,\(Hex.encode(keys.entries[0].key))")
        }
    }
}

/// SplitMix64, for reproducible test keys.
