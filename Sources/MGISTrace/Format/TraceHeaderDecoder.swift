/// Reads and checks a trace file's header, naming the offset of the first field at fault.
enum TraceHeaderDecoder {
    static func read(_ source: inout FileByteSource, path: String) throws(TraceFormatError) -> TraceHeader {
        func fail(_ reason: TraceFormatError.Reason, at offset: Int64) -> TraceFormatError {
            TraceFormatError(file: path, offset: offset, reason: reason)
        }
        do {
            // Check the magic as soon as there are four bytes: a short file of another kind
            // is "not a trace", not "a truncated trace".
            let hasMagic = try source.require(TraceLayout.magic.count)
            if hasMagic, Array(source.peek(TraceLayout.magic.count)) != TraceLayout.magic { throw fail(.badMagic, at: 0) }
            guard try source.require(TraceLayout.fixedHeaderLength) else { throw fail(.truncatedHeader, at: 0) }
            var cursor = ByteCursor(source.peek(TraceLayout.fixedHeaderLength).dropFirst(4))
            let version = cursor.uint8() ?? 0
            guard version == TraceLayout.version else { throw fail(.unsupportedVersion(version), at: 4) }
            let flags = cursor.uint8() ?? 0
            guard flags == 0 else { throw fail(.unsupportedFlags(flags), at: 5) }
            let start = cursor.integer(Int64.self) ?? 0
            let segment = cursor.integer(UInt16.self) ?? 0
            let labelLength = Int(cursor.integer(UInt16.self) ?? 0)
            guard labelLength <= TraceLayout.maxLabelLength else { throw fail(.badLabel, at: 16) }
            let total = TraceLayout.fixedHeaderLength + labelLength + TraceLayout.crcLength
            guard try source.require(total) else { throw fail(.truncatedHeader, at: 0) }
            let bytes = source.peek(total)
            let stored = bytes.suffix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            let computed = CRC32.checksum(bytes.dropLast(4))
            guard stored == computed else {
                throw fail(.badHeaderCRC(stored: stored, computed: computed), at: Int64(total - 4))
            }
            let labelBytes = bytes.dropFirst(TraceLayout.fixedHeaderLength).prefix(labelLength)
            guard let label = String(validating: labelBytes, as: UTF8.self) else { throw fail(.badLabel, at: 18) }
            source.skip(total)
            return TraceHeader(startMillis: start, label: label, segment: segment)
        } catch let error as TraceFormatError {
            throw error
        } catch {
            throw fail(.unreadable(String(describing: error)), at: source.offset)
        }
    }
}
