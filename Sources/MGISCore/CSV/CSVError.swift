/// Why CSV text could not be read, naming the 1-based line at fault, so an operator can open
/// the file there rather than hunt for a stray quote.
public struct CSVError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The line the bad record starts on (for an unclosed quote) or the bad character is on.
    public var line: Int
    public var message: String

    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { "line \(line): \(message)" }
}
