/// Reads a trace file record by record, checking every length and CRC.
///
/// ```swift
/// var reader = try TraceReader(path: "night.mgtr")
/// while let record = try reader.next() { ... }
/// ```
///
/// A file cut short by a crash fails with `.truncatedRecord` naming the offset of the torn
/// record, after every intact record before it was returned; `readIntactPrefix()` collects
/// those without throwing. After an error, `next()` throws the same error again: the format has
/// no resynchronisation marker, so nothing after damage is trusted.
///
/// Not a `Sequence`: `IteratorProtocol.next()` cannot throw, and a damaged trace must not look
/// like a short one.
public struct TraceReader {
    /// The file being read.
    public let path: String
    /// The file's header, read and checked by `init`.
    public let header: TraceHeader
    private var source: FileByteSource
    private var previousMicros: Int64 = 0
    private var failure: TraceFormatError?

    /// Opens `path` and reads its header.
    public init(path: String) throws(TraceFormatError) {
        self.path = path
        do {
            self.source = try FileByteSource(path: path)
        } catch {
            throw TraceFormatError(file: path, offset: 0, reason: .unreadable(String(describing: error)))
        }
        var headerSource = source
        self.header = try TraceHeaderDecoder.read(&headerSource, path: path)
        self.source = headerSource
    }

    /// The next record, or `nil` at the clean end of the file.
    public mutating func next() throws(TraceFormatError) -> TraceRecord? {
        if let failure { throw failure }
        do {
            return try readRecord()
        } catch {
            failure = error
            throw error
        }
    }

    /// Every intact record up to the end or the first damage, and that damage if any.
    public mutating func readIntactPrefix() -> (records: [TraceRecord], error: TraceFormatError?) {
        var records: [TraceRecord] = []
        do {
            while let record = try next() { records.append(record) }
            return (records, nil)
        } catch {
            return (records, error)
        }
    }

    /// Reads one whole file; throws on any damage.
    public static func readAll(path: String) throws(TraceFormatError) -> (header: TraceHeader, records: [TraceRecord]) {
        var reader = try TraceReader(path: path)
        var records: [TraceRecord] = []
        while let record = try reader.next() { records.append(record) }
        return (reader.header, records)
    }

    /// Reads every segment of a rotated recording (`TraceSegments`) as one sequence, checking
    /// that each continues the first: same start and label, segment numbers in order.
    public static func readRecording(base: String) throws(TraceFormatError) -> (header: TraceHeader, records: [TraceRecord]) {
        let paths = TraceSegments.existing(base: base)
        guard !paths.isEmpty else {
            throw TraceFormatError(file: base, offset: 0, reason: .unreadable("no such file"))
        }
        let first = try readAll(path: paths[0])
        var records = first.records
        for (index, path) in paths.enumerated().dropFirst() {
            let part = try readAll(path: path)
            let expected = TraceHeader(startMillis: first.header.startMillis, label: first.header.label, segment: UInt16(index))
            guard part.header == expected else {
                let detail = "expected segment \(index) of the recording started at \(first.header.startMillis) ms "
                    + "labelled \"\(first.header.label)\", found segment \(part.header.segment) started at "
                    + "\(part.header.startMillis) ms labelled \"\(part.header.label)\""
                throw TraceFormatError(file: path, offset: 0, reason: .segmentMismatch(detail))
            }
            records += part.records
        }
        return (first.header, records)
    }

    private mutating func readRecord() throws(TraceFormatError) -> TraceRecord? {
        let recordOffset = source.offset
        func fail(_ reason: TraceFormatError.Reason, at offset: Int64 = recordOffset) -> TraceFormatError {
            TraceFormatError(file: path, offset: offset, reason: reason)
        }
        do {
            if try source.isAtEnd() { return nil }
            guard try source.require(TraceLayout.lengthFieldLength) else { throw fail(.truncatedRecord) }
            let length = source.peek(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            guard length <= TraceLayout.maxBodyLength else { throw fail(.oversizeRecord(length: length)) }
            let total = TraceLayout.lengthFieldLength + Int(length) + TraceLayout.crcLength
            guard try source.require(total) else { throw fail(.truncatedRecord) }
            let bytes = source.peek(total)
            let covered = bytes.prefix(total - TraceLayout.crcLength)
            let stored = bytes.suffix(TraceLayout.crcLength).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            let computed = CRC32.checksum(covered)
            guard stored == computed else { throw fail(.badCRC(stored: stored, computed: computed)) }
            let record: TraceRecord
            do {
                record = try TraceRecordDecoder.decode(covered.dropFirst(TraceLayout.lengthFieldLength), previousMicros: previousMicros)
            } catch {
                throw fail(.malformedRecord(error.detail), at: recordOffset + 4 + Int64(error.offset))
            }
            source.skip(total)
            previousMicros = record.arrivalMicros
            return record
        } catch let error as TraceFormatError {
            throw error
        } catch {
            throw fail(.unreadable(String(describing: error)))
        }
    }
}
