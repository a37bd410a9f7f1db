/// Wording shared by alert messages.
enum AlertText {
    /// "12 min" or "45 s".
    static func elapsed(_ millis: Int64) -> String {
        millis >= 60_000 ? "\(millis / 60_000) min" : "\(max(0, millis) / 1000) s"
    }
}
