import MGISCore
import Testing

/// Inputs the violations-csv fuzz target (Fuzz/Targets/violations-csv) found, kept so they stay fixed.
@Suite struct CSVFuzzFindingsTests {
    /// A quote followed by a combining mark is one Swift Character that is not `"`: the writer's
    /// Character-wise `replacing` left that quote single, so the field ended there when read back
    /// (by this reader or a spreadsheet) and the rest became cells of their own, where a formula
    /// escapes neutralisation: `x"\u{301},=HYPERLINK(...)` in a unit name or a note of an export.
    @Test(arguments: [
        "x\"\u{301},=HYPERLINK(\"http://example.invalid\",\"open\")",
        "\"\u{FFFD}\"\"\"\u{0740}-\0\"\"\"\";\"",  // the fuzzer's input, as its first field read
        "\"\u{308}\"\u{308}",
    ])
    func testAQuoteBeforeACombiningMarkIsDoubled(field: String) throws {
        let written = CSV.record([field, "next"])
        let read = try CSV.records(written)
        #expect(read.map(\.fields) == [[CSV.neutralised(field), "next"]])
        #expect(written.utf8.filter { $0 == UInt8(ascii: "\"") }.count == 2 + 2 * field.utf8.filter { $0 == UInt8(ascii: "\"") }.count)
    }
}
