/// Running totals of one load run, updated on the event loop.
struct LoadCounters {
    /// New datagrams sent (not counting retransmissions).
    var datagramsSent = 0
    /// Records in the new datagrams.
    var fixesSent = 0
    var retransmissions = 0
    var ackedStored = 0
    var ackedDuplicate = 0
    var ackedRefused = 0
    /// Authentic ACKs with a status byte PROTOCOL.md does not define.
    var ackedUnknownStatus = 0
    /// Records of datagrams ACKed stored or duplicate: what the server holds.
    var ackedFixes = 0
    /// Datagrams never acknowledged: retransmissions exhausted, or still pending at the end.
    var lost = 0
    /// Datagrams sent and not yet acknowledged or given up.
    var pending = 0
    /// Authentic ACKs for a seq no longer pending (a second ACK of a retransmitted datagram).
    var unmatchedAcks = 0
    /// Replies that are not an ACK, name an unknown device, or fail the tag check.
    var invalidReplies = 0
    /// Errors the sockets reported (e.g. no route); the run goes on.
    var socketErrors = 0

    /// Every datagram that got an ACK, whatever its status.
    var acked: Int { ackedStored + ackedDuplicate + ackedRefused + ackedUnknownStatus }
}

extension LoadCounters {
    /// Counts the first reply to a datagram of `fixCount` records.
    mutating func count(_ outcome: TrackerReply.Outcome, fixCount: Int) {
        switch outcome {
        case .stored:
            ackedStored += 1
            ackedFixes += fixCount
        case .duplicate:
            ackedDuplicate += 1
            ackedFixes += fixCount
        case .refused:
            ackedRefused += 1
        case .unknownStatus:
            ackedUnknownStatus += 1
        case .acceptedRecords(let accepted):
            if accepted == fixCount {
                count(.stored, fixCount: fixCount)
            } else if accepted == 0 {
                count(.refused, fixCount: fixCount)
            } else {
                count(.unknownStatus, fixCount: fixCount)
            }
        }
    }
}
