/// A recording that could not be started or finished cleanly (the file cannot be created,
/// the disk filled up); the message names the file.
public struct RecordingError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
