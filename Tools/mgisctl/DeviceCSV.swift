import ArgumentParser
import Foundation
import MGISCore

/// Parses the factory provisioning CSV: `id,name,key_hex[,imei]` with a header line.
enum DeviceCSV {
    static func parse(_ text: String) throws -> [(line: Int, id: DeviceID, name: String, key: [UInt8]?, imei: String?)] {
        var rows: [(line: Int, id: DeviceID, name: String, key: [UInt8]?, imei: String?)] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let header = lines.first?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased(),
            header.hasPrefix("id,name,key_hex")
        else {
            throw CommandError("line 1: expected the header 'id,name,key_hex' (optionally ',imei')")
        }
        for (index, raw) in lines.enumerated().dropFirst() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            let number = index + 1
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 3 || fields.count == 4 else {
                throw CommandError("line \(number): expected 3 or 4 fields, got \(fields.count)")
            }
            guard let raw = UInt32(fields[0]), let id = DeviceID(rawValue: raw) else {
                throw CommandError("line \(number): id '\(fields[0])' is not a number in 1...4294967295")
            }
            var key: [UInt8]? = nil
            if !fields[2].isEmpty {
                guard let bytes = Hex.decode(fields[2]), bytes.count == Device.keyLength else {
                    throw CommandError("line \(number): key_hex must be \(Device.keyLength * 2) hex digits")
                }
                key = bytes
            }
            let imei = fields.count == 4 && !fields[3].isEmpty ? fields[3] : nil
            guard key != nil || imei != nil else { throw CommandError("line \(number): a device needs key_hex or imei") }
            rows.append((number, id, fields[1], key, imei))
        }
        return rows
    }
}
