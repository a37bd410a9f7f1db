import MGISIngest

/// The answer of `GET` and `PUT /api/v1/recording` (schema `Recording` in openapi.json).
struct RecordingDTO: Codable, Sendable {
    var active: Bool
    var file: String?
    var maxMegabytes: Double?
    var started: String?
    var recorded: Int
    var dropped: Int
    /// Why the recording stopped writing: the recordings' cap reached, a full disk.
    var problem: String?

    /// `file` is the recording's name when it lies in `directory` (the API's), else the path
    /// `--record` was given at start-up.
    init(_ status: RecordingStatus, directory: RecordingDirectory) {
        active = status.active
        file = status.file.map { directory.name(of: $0) ?? $0 }
        maxMegabytes = status.maxBytes.map { Double($0) / 1_048_576 }
        started = status.startedMillis.map(Timestamp.string)
        recorded = status.recorded
        dropped = status.dropped
        problem = status.problem
    }
}
