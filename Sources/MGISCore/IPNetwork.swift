#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 network in CIDR notation (`10.20.0.0/16`, `2001:db8::/32`; a bare address is
/// a network of one), for the source networks a tracker may send from.
public struct IPNetwork: Hashable, Sendable, CustomStringConvertible {
    /// The network's address bytes (4 or 16), host bits cleared.
    public let address: [UInt8]
    /// How many leading bits name the network.
    public let prefixLength: Int

    /// Parses `a.b.c.d[/n]` or an IPv6 address with an optional `/n`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let bytes = Self.parseAddress(String(parts[0])) else { return nil }
        let bits = bytes.count * 8
        var prefix = bits
        if parts.count == 2 {
            guard parts[1].count <= 3, parts[1].allSatisfy(\.isASCII), let value = Int(parts[1]), (0...bits).contains(value) else {
                return nil
            }
            prefix = value
        }
        address = Self.masked(bytes, prefixLength: prefix)
        prefixLength = prefix
    }

    /// Whether `bytes` (an address of 4 or 16 bytes) lies in this network. An IPv4 address seen
    /// as IPv4-mapped IPv6 (`::ffff:a.b.c.d`, as a dual-stack socket reports it) matches IPv4
    /// networks, and the other way round.
    public func contains(_ bytes: [UInt8]) -> Bool {
        var candidate = bytes
        if candidate.count == 16, address.count == 4, candidate.prefix(12).elementsEqual(Self.mappedPrefix) {
            candidate = Array(candidate.suffix(4))
        } else if candidate.count == 4, address.count == 16 {
            candidate = Self.mappedPrefix + candidate
        }
        guard candidate.count == address.count else { return false }
        return Self.masked(candidate, prefixLength: prefixLength) == address
    }

    /// Canonical CIDR text: `10.20.0.0/16`, `2001:db8::/32`.
    public var description: String {
        var text = [CChar](repeating: 0, count: 64)
        var storage = address
        let family = address.count == 4 ? AF_INET : AF_INET6
        _ = storage.withUnsafeMutableBytes { inet_ntop(family, $0.baseAddress, &text, socklen_t(text.count)) }
        let end = text.firstIndex(of: 0) ?? text.endIndex
        return String(decoding: text[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self) + "/\(prefixLength)"
    }

    /// Whether `address` is admitted by `networks`: any address when the list is empty.
    public static func admits(_ address: [UInt8]?, networks: [IPNetwork]) -> Bool {
        guard !networks.isEmpty else { return true }
        guard let address else { return false }
        return networks.contains { $0.contains(address) }
    }

    private static let mappedPrefix: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]

    /// The bytes of an IPv4 (4) or IPv6 (16) address in text form, or nil.
    public static func addressBytes(_ text: String) -> [UInt8]? {
        parseAddress(text)
    }

    private static func parseAddress(_ text: String) -> [UInt8]? {
        guard !text.isEmpty, text.count <= 45 else { return nil }
        var v4 = [UInt8](repeating: 0, count: 4)
        if text.contains("."), !text.contains(":") {
            return inet_pton(AF_INET, text, &v4) == 1 ? v4 : nil
        }
        var v6 = [UInt8](repeating: 0, count: 16)
        return inet_pton(AF_INET6, text, &v6) == 1 ? v6 : nil
    }

    private static func masked(_ bytes: [UInt8], prefixLength: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let bits = max(0, min(8, prefixLength - index * 8))
            return bits == 8 ? byte : byte & ~(UInt8.max >> bits)
        }
    }
}
