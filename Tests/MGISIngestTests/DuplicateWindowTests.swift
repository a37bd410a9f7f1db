import MGISIngest
import MGISStore
import MGISTestSupport
import Testing

@Suite struct DuplicateWindowTests {
    @Test func testRetransmissionIsDuplicateAndResetSeqIsNew() {
        var window = DuplicateWindow(capacity: 8)
        #expect(window.admit(device: 1, seq: 1, tag: 10) == .new)
        #expect(window.admit(device: 1, seq: 1, tag: 10) == .duplicate)
        #expect(window.admit(device: 1, seq: 1, tag: 11) == .new)
        #expect(window.admit(device: 1, seq: 1, tag: 11) == .duplicate)
        #expect(window.admit(device: 2, seq: 1, tag: 10) == .new, "devices are independent")
    }

    @Test func testSeqsOlderThanTheWindowGoToTheStore() {
        var window = DuplicateWindow(capacity: 4)
        for seq in 1...10 as ClosedRange<UInt32> {
            #expect(window.admit(device: 1, seq: seq, tag: UInt64(seq)) == .new)
        }
        #expect(window.admit(device: 1, seq: 10, tag: 10) == .duplicate)
        #expect(window.admit(device: 1, seq: 7, tag: 7) == .duplicate)
        #expect(window.admit(device: 1, seq: 6, tag: 6) == .checkStore)
        #expect(window.admit(device: 1, seq: 11, tag: 11) == .new)
    }

    @Test func testForgetLetsAFailedDatagramBeStoredAgain() {
        var window = DuplicateWindow(capacity: 4)
        #expect(window.admit(device: 1, seq: 5, tag: 1) == .new)
        window.forget(device: 1, seq: 5, tag: 1)
        #expect(window.admit(device: 1, seq: 5, tag: 1) == .new)
    }

    @Test func testSeedRestoresAndMarksOlderSeqsForTheStore() {
        var window = DuplicateWindow(capacity: 16)
        window.seed(device: 3, with: (20...25).map { SeenDatagram(seq: $0, tag: UInt64($0)) })
        #expect(window.admit(device: 3, seq: 22, tag: 22) == .duplicate)
        #expect(window.admit(device: 3, seq: 19, tag: 19) == .checkStore)
        #expect(window.admit(device: 3, seq: 26, tag: 26) == .new)
    }

    @Test func testSeedMissingSeqsBelowTheHighestGoToTheStore() {
        // The newest chunks held 105 (a late arrival) and 111...113; 106...110 sit in an older chunk.
        var window = DuplicateWindow(capacity: 16)
        window.seed(device: 4, with: [113, 105, 111, 112].map { SeenDatagram(seq: $0, tag: UInt64($0)) })
        #expect(window.admit(device: 4, seq: 108, tag: 108) == .checkStore)
        #expect(window.admit(device: 4, seq: 111, tag: 111) == .duplicate)
        #expect(window.admit(device: 4, seq: 114, tag: 114) == .new)
    }

    @Test func testSeqZeroIsNewUntilSomethingWasEvicted() {
        // A Teltonika AVL packet id is one byte: after 255 comes 0, which this window never saw.
        var window = DuplicateWindow(capacity: 1024)
        for seq in 1...255 as ClosedRange<UInt32> {
            #expect(window.admit(device: 1, seq: seq, tag: UInt64(seq)) == .new)
        }
        #expect(window.admit(device: 1, seq: 0, tag: 1000) == .new)
        #expect(window.admit(device: 1, seq: 0, tag: 1000) == .duplicate)
        #expect(window.admit(device: 1, seq: 1, tag: 1001) == .new, "a wrapped id with another tag is new data")

        var small = DuplicateWindow(capacity: 2)
        for seq in 1...3 as ClosedRange<UInt32> {
            #expect(small.admit(device: 1, seq: seq, tag: UInt64(seq)) == .new)
        }
        #expect(small.admit(device: 1, seq: 0, tag: 0) == .checkStore, "older than an evicted seq")
    }
}
