import Foundation

/// Writes diagnostics and progress to stderr, keeping stdout for the summary alone.
///
/// Scripts read the summary (or its JSON) from stdout; anything else would corrupt it.
enum StandardError {
    /// Writes `line` and a newline to stderr.
    static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
