import Foundation
@testable import MGISTrace
import FuzzSupport

/// Trace files (`--record` output, `mgis-load replay` input), read through `TraceReader` from a
/// real file as the tools read them.
///
/// The first input byte picks how the rest becomes a file: even, as it is; odd, with every CRC
/// filled in (the rest is then the header without its CRC, then records as length and body
/// without theirs), so the fuzzer reaches the record decoder past the checksums. Invariants:
/// damage is a thrown `TraceFormatError`, never a trap; what a reader returns re-encodes to
/// exactly the bytes it read; `readAll` succeeds exactly when the intact prefix is the whole file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTrace(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    guard !input.isEmpty else { return 0 }
    let file = input[0] & 1 == 0 ? Array(input.dropFirst()) : withCRCs(input.dropFirst())
    guard FileManager.default.createFile(atPath: path, contents: Data(file)) else { fuzzFail("cannot write \(path)") }
    check(file)
    return 0
}

/// One file per process, so parallel fuzzing jobs do not share it.
private let path = NSTemporaryDirectory() + "/mgis-fuzz-trace-\(ProcessInfo.processInfo.processIdentifier).mgtr"

private func check(_ file: [UInt8]) {
    guard var reader = try? TraceReader(path: path) else { return }
    var encoded = TraceEncoder.header(reader.header)
    fuzzCheck(file.starts(with: encoded), "the header re-encodes to other bytes")
    let (records, error) = reader.readIntactPrefix()
    var previous: Int64 = 0
    for record in records {
        encoded += TraceEncoder.record(record, previousMicros: previous)
        previous = record.arrivalMicros
    }
    fuzzCheck(file.starts(with: encoded), "the records read re-encode to other bytes")
    fuzzCheck((error == nil) == (encoded.count == file.count), "clean end \(error == nil) after \(encoded.count) of \(file.count) bytes")
    let all = try? TraceReader.readAll(path: path)
    fuzzCheck((all != nil) == (error == nil), "readAll and readIntactPrefix disagree")
}

/// `bytes` laid out as a trace with every CRC computed: the fixed header and label as given,
/// then records of a 4-byte length and that many body bytes, as far as the bytes go.
private func withCRCs(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
    var rest = bytes
    func take(_ count: Int) -> ArraySlice<UInt8> {
        defer { rest = rest.dropFirst(count) }
        return rest.prefix(count)
    }
    func bigEndian(_ field: ArraySlice<UInt8>) -> Int { field.reduce(0) { $0 << 8 | Int($1) } }
    var out = Array(take(TraceLayout.fixedHeaderLength))
    guard out.count == TraceLayout.fixedHeaderLength else { return out }
    out += take(min(bigEndian(out[16..<18]), TraceLayout.maxLabelLength))
    out.appendCRC(of: out[...])
    while !rest.isEmpty {
        let start = out.count
        let length = take(4)
        out += length
        out += take(bigEndian(length))
        out.appendCRC(of: out[start...])
    }
    return out
}

extension [UInt8] {
    fileprivate mutating func appendCRC(of bytes: ArraySlice<UInt8>) {
        let crc = CRC32.checksum(bytes)
        append(contentsOf: [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)])
    }
}
