import MGISCore
import Testing

@Suite struct CSVTests {
    @Test func testQuotesOnlyWhereRFC4180RequiresIt() {
        #expect(CSV.quoted("plain text") == "plain text")
        #expect(CSV.quoted(" spaced ") == " spaced ")
        #expect(CSV.quoted("a,b") == "\"a,b\"")
        #expect(CSV.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSV.quoted("x\r\ny") == "\"x\r\ny\"")
        #expect(CSV.record(["a", "b,c", "say \"hi\"", "x\ny", ""]) == "a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\",\r\n")
    }

    /// OWASP's rule for spreadsheets: text starting with = + - @ tab or CR gets a leading ',
    /// plain numbers (negative coordinates) stay numbers.
    @Test func testFormulaCellsAreNeutralisedAndNumbersKept() {
        for formula in ["=1+2", "+CMD()", "-2+3", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\",\"y\")", "-", "+", "-e5", "-1.2.3", "--5"] {
            #expect(CSV.neutralised(formula) == "'" + formula, "\(formula)")
        }
        for kept in ["-12.5", "+3", "-0.000001", "-1e-7", "2.5E+3", "-.5", "12", "plain", "", "a=b", " =x"] {
            #expect(CSV.neutralised(kept) == kept, "\(kept)")
        }
        #expect(CSV.record(["=cmd", "-54.25", "name"]) == "'=cmd,-54.25,name\r\n")
        #expect(CSV.record(["-1+1,2"]) == "\"'-1+1,2\"\r\n")
    }

    @Test func testRecordsRoundTripWithLineNumbers() throws {
        let text = CSV.record(["id", "notes"]) + "\r\n" + CSV.record(["1", "two\nlines, \"quoted\""]) + CSV.record(["2", ""])
        let records = try CSV.records(text)
        #expect(records.map(\.line) == [1, 3, 5])
        #expect(records.map(\.fields) == [["id", "notes"], ["1", "two\nlines, \"quoted\""], ["2", ""]])
    }

    @Test func testLastRecordNeedsNoLineEnd() throws {
        #expect(try CSV.records("a,b\nc,\"d\"").map(\.fields) == [["a", "b"], ["c", "d"]])
        #expect(try CSV.records("a,b\r").map(\.fields) == [["a", "b"]])
        #expect(try CSV.records("").isEmpty)
    }

    @Test(arguments: [
        ("a,b\nc,d\"e\n", 2, "a quote inside an unquoted field"),
        ("a,b\n\"c\"d,e\n", 2, "text after a closing quote"),
        ("a,b\n\n\"c,\nd\n", 3, "unterminated quoted field"),
    ])
    func testStrictErrorsNameTheLine(text: String, line: Int, message: String) {
        #expect {
            try CSV.records(text)
        } throws: { error in
            guard let error = error as? CSVError else { return false }
            return error.line == line && error.message.contains(message) && error.description.hasPrefix("line \(line): ")
        }
    }

    @Test func testLenientQuotesKeepStrayText() throws {
        let records = try CSV.records("7,\"car, seven\" ,a\"b\n", lenientQuotes: true)
        #expect(records.map(\.fields) == [["7", "car, seven ", "a\"b"]])
        #expect(throws: CSVError(line: 1, message: "unterminated quoted field: it is not closed before the end of the file")) {
            try CSV.records("\"open\n", lenientQuotes: true)
        }
    }
}
