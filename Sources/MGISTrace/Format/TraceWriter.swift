import Foundation

/// Appends records to a trace file, rotating to `FILE.1`, `FILE.2` ... by size.
///
/// Records are encoded into an in-memory buffer that is written out when it passes
/// `bufferBytes` and on `flush()`, rotation and `close()`; `close()` also fsyncs, so a clean
/// shutdown leaves a complete file and a crash at most loses the unflushed tail, which the
/// reader reports as a truncated record after the intact ones.
///
/// Not thread-safe: one owner appends. `TraceRecorder` puts one behind a queue for event loops.
public final class TraceWriter {
    /// The first file of the recording; later segments are named by `TraceSegments`.
    public let basePath: String
    /// The header every segment repeats (with its own segment number).
    public let header: TraceHeader
    /// A segment is closed before a record would take it past this many bytes. A record larger
    /// than a whole segment still gets written, alone in its own file.
    public let maxBytes: Int
    /// The most all segments together may hold (headers included); the record that would pass
    /// it is refused with an error, which stops a `TraceRecorder`. A recording left running
    /// cannot fill the disk by rotating for ever.
    public let maxTotalBytes: Int
    /// Bytes of all segments so far, buffered ones included.
    public private(set) var totalBytes = 0
    /// Records written so far, over all segments.
    public private(set) var recordCount = 0
    /// The segment being written.
    public private(set) var segment: UInt16 = 0

    private let bufferBytes: Int
    private var handle: FileHandle?
    private var buffer: [UInt8] = []
    private var segmentBytes = 0
    private var segmentRecords = 0
    private var previousMicros: Int64 = 0

    /// Creates (or truncates) `path` and writes its header. Segments `path.1`, `path.2` ...
    /// left by an earlier recording are deleted, so a reader never mixes two recordings.
    public init(
        path: String,
        startMillis: Int64,
        label: String = "",
        maxBytes: Int = 256 * 1024 * 1024,
        maxTotalBytes: Int = .max,
        bufferBytes: Int = 64 * 1024
    ) throws(TraceWriteError) {
        guard label.utf8.count <= TraceLayout.maxLabelLength else {
            throw TraceWriteError(file: path, message: "label is \(label.utf8.count) bytes; at most \(TraceLayout.maxLabelLength)")
        }
        self.basePath = path
        self.header = TraceHeader(startMillis: startMillis, label: label)
        self.maxBytes = maxBytes
        self.maxTotalBytes = maxTotalBytes
        self.bufferBytes = bufferBytes
        for stale in TraceSegments.existing(base: path).dropFirst() {
            try? FileManager.default.removeItem(atPath: stale)
        }
        try open(segment: 0)
    }

    deinit {
        // Best effort for a writer dropped without `close()`; errors have nowhere to go.
        try? close()
    }

    /// Appends `record`, rotating first if it would overflow the current segment.
    public func append(_ record: TraceRecord) throws(TraceWriteError) {
        guard handle != nil else { throw TraceWriteError(file: currentPath, message: "the writer is closed") }
        guard record.payload.count <= TraceLayout.maxPayloadLength else {
            throw TraceWriteError(
                file: currentPath,
                message: "payload of \(record.payload.count) bytes exceeds \(TraceLayout.maxPayloadLength)"
            )
        }
        var bytes = TraceEncoder.record(record, previousMicros: previousMicros)
        let rotating = segmentRecords > 0 && segmentBytes + bytes.count > maxBytes
        // A new segment costs its header too; rotation re-encodes the record (its time restarts).
        let needed = bytes.count + (rotating ? TraceEncoder.header(header).count + bytes.count : 0)
        guard totalBytes + needed <= maxTotalBytes else {
            throw TraceWriteError(file: currentPath, message: "the recording reached its cap of \(maxTotalBytes) bytes", capReached: true)
        }
        if rotating {
            try rotate()
            bytes = TraceEncoder.record(record, previousMicros: previousMicros)
        }
        buffer += bytes
        totalBytes += bytes.count
        segmentBytes += bytes.count
        segmentRecords += 1
        recordCount += 1
        previousMicros = record.arrivalMicros
        if buffer.count >= bufferBytes { try writeBuffer() }
    }

    /// Writes buffered records to the file (without fsync).
    public func flush() throws(TraceWriteError) {
        try writeBuffer()
    }

    /// Writes what is buffered, fsyncs and closes. Calling it again does nothing.
    public func close() throws(TraceWriteError) {
        guard handle != nil else { return }
        defer { handle = nil }
        try writeBuffer()
        try finishFile()
    }

    private var currentPath: String { TraceSegments.path(base: basePath, segment: segment) }

    private func rotate() throws(TraceWriteError) {
        guard segment < .max else {
            throw TraceWriteError(file: currentPath, message: "the recording already has \(UInt16.max) segments")
        }
        try writeBuffer()
        try finishFile()
        try open(segment: segment + 1)
    }

    private func open(segment: UInt16) throws(TraceWriteError) {
        self.segment = segment
        let path = currentPath
        // 0600: traces hold raw tracker traffic, including positions of patrols.
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: path)
        else {
            throw TraceWriteError(file: path, message: "cannot create the file")
        }
        self.handle = handle
        var segmentHeader = header
        segmentHeader.segment = segment
        buffer = TraceEncoder.header(segmentHeader)
        segmentBytes = buffer.count
        totalBytes += buffer.count
        segmentRecords = 0
        previousMicros = 0
    }

    private func writeBuffer() throws(TraceWriteError) {
        guard let handle, !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw TraceWriteError(file: currentPath, message: "write failed: \(error)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private func finishFile() throws(TraceWriteError) {
        guard let handle else { return }
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw TraceWriteError(file: currentPath, message: "closing failed: \(error)")
        }
    }
}
