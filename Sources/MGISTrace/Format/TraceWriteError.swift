/// Why a trace could not be written: an I/O failure or a value the format cannot carry.
public struct TraceWriteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file being written.
    public var file: String
    /// What went wrong, for people.
    public var message: String
    /// The recording reached the size it was allowed (`TraceWriter.maxTotalBytes`): it stops, and
    /// what it wrote is complete, so this is not a failure of the file.
    public var capReached: Bool

    public init(file: String, message: String, capReached: Bool = false) {
        self.file = file
        self.message = message
        self.capReached = capReached
    }

    public var description: String { "\(file): \(message)" }
}
