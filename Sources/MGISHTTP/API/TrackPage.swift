import MGISCore
import MGISStore

/// One page of a track: the oldest fixes of a range, cut where the next page can start.
///
/// Pages are addressed by fix time. A page never ends inside a run of fixes that share one
/// time (several trackers of a unit reporting in the same millisecond): the cut goes before
/// that time, and the next page starts at it, so no fix is skipped or repeated.
struct TrackPage {
    var fixes: [StoredFix]
    /// Where the next page starts (its `from`), or nil on the last page.
    var nextFrom: Int64?

    /// - Parameter sorted: fixes sorted by time, more than `limit` when a page follows.
    init(_ sorted: [StoredFix], limit: Int) {
        guard sorted.count > limit else {
            fixes = sorted
            nextFrom = nil
            return
        }
        let boundary = sorted[limit].fix.timeMillis
        let cut = sorted.prefix(limit).firstIndex { $0.fix.timeMillis == boundary } ?? limit
        if cut > 0 {
            fixes = Array(sorted.prefix(cut))
            nextFrom = boundary
        } else {
            // A whole page at one millisecond: keep it and move past that time.
            fixes = sorted.filter { $0.fix.timeMillis == boundary }
            nextFrom = boundary + 1
        }
    }
}
