/// Why a trace could not be written: an I/O failure or a value the format cannot carry.
public struct TraceWriteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file being written.
    public var file: String
    /// What went wrong, for people.
    public var message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }
}
