import MGISCore

/// The rule both Teltonika transports apply to a decoded packet before storing it.
///
/// Records MTP/1 would call malformed (a position off the globe) or unacceptable (further in the
/// future than the allowance) are not stored. Teltonika's answers carry no status, only a count of
/// accepted records, so such a packet is answered with 0 and the tracker keeps its records.
enum TeltonikaAcceptance {
    static func isAcceptable(_ fixes: [Fix], nowMillis: Int64, maxFutureMillis: Int64) -> Bool {
        !fixes.contains { fix in
            !(-900_000_000...900_000_000).contains(fix.latE7)
                || !(-1_800_000_000...1_800_000_000).contains(fix.lonE7)
                || fix.timeMillis > nowMillis + maxFutureMillis
        }
    }
}
