import Foundation

/// Resolves a setting from, in order: the command line, the environment (`MGIS_` + the flag in
/// upper snake case), the config file (`flag-name = value` lines, `#` comments), the default.
struct SettingSources {
    private let environment: [String: String]
    private let file: [String: String]

    /// - Parameter configPath: a config file to read; a missing file named explicitly is an error.
    init(configPath: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.environment = environment
        guard let path = configPath ?? environment["MGIS_CONFIG"] else {
            file = [:]
            return
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SettingError("cannot read config file \(path): \(error.localizedDescription)")
        }
        var values: [String: String] = [:]
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { throw SettingError("\(path):\(number + 1): expected 'name = value'") }
            values[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1].trimmingCharacters(in: .whitespaces)
        }
        file = values
    }

    /// The environment variable of a flag: `udp-port` -> `MGIS_UDP_PORT`.
    static func environmentName(_ flag: String) -> String {
        "MGIS_" + flag.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    func string(_ flag: String, cli: String?, default value: String) -> String {
        cli ?? environment[Self.environmentName(flag)] ?? file[flag] ?? value
    }

    func int(_ flag: String, cli: Int?, default value: Int, range: ClosedRange<Int>) throws -> Int {
        if let cli { return try check(flag, cli, range) }
        let text = environment[Self.environmentName(flag)] ?? file[flag]
        guard let text else { return value }
        guard let parsed = Int(text) else { throw SettingError("\(flag): '\(text)' is not a whole number") }
        return try check(flag, parsed, range)
    }

    private func check(_ flag: String, _ value: Int, _ range: ClosedRange<Int>) throws -> Int {
        guard range.contains(value) else {
            throw SettingError("\(flag): \(value) is outside \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }
}

struct SettingError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
