/// Why a key file was refused, naming the file and the line at fault.
///
/// A replay under keys the server does not hold would only show up as 100% loss, which is much
/// harder to diagnose than a bad line.
public struct KeyFileError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file (or the name the caller gave the text).
    public var source: String
    /// The 1-based line at fault; `nil` for problems of the whole file.
    public var line: Int?
    public var message: String

    public init(source: String, line: Int?, message: String) {
        self.source = source
        self.line = line
        self.message = message
    }

    public var description: String {
        line.map { "\(source) line \($0): \(message)" } ?? "\(source): \(message)"
    }
}
