/// `mgisd serve --record FILE --record-max-mb N`: record the UDP ports from start-up.
public struct RecordingConfiguration: Sendable, Equatable {
    /// The trace file; segments `FILE.1`, `FILE.2` ... follow it (docs/TRACE.md).
    public var file: String
    /// A segment is closed before it would grow past this many bytes.
    public var maxBytes: Int

    /// The default rotation size: large enough for an hour of a 1,000-tracker fleet at 1 fix/s.
    public static let defaultMaxMegabytes = 256

    public init(file: String, maxBytes: Int = defaultMaxMegabytes * 1024 * 1024) {
        self.file = file
        self.maxBytes = maxBytes
    }
}
