import NIOCore

/// The server's MTP/1 address as given by `--to`: `HOST:PORT` or `[IPv6]:PORT`.
struct TargetAddress: Sendable, Equatable {
    let host: String
    let port: Int

    /// Parses `text`; errors say what shape was expected.
    init(parsing text: String) throws(LoadError) {
        let usage = "--to must be HOST:PORT (e.g. 127.0.0.1:5055 or [::1]:5055), got '\(text)'"
        let hostPart: Substring
        let portPart: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw LoadError(usage) }
            hostPart = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw LoadError(usage) }
            portPart = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { throw LoadError(usage) }
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
            if hostPart.contains(":") {
                throw LoadError("--to: write an IPv6 address in brackets, e.g. [\(hostPart)]:\(portPart)")
            }
        }
        guard !hostPart.isEmpty else { throw LoadError(usage) }
        guard let port = Int(portPart), (1...65_535).contains(port) else {
            throw LoadError("--to: port '\(portPart)' is not a number in 1...65535 (in '\(text)')")
        }
        self.host = String(hostPart)
        self.port = port
    }

    /// Resolves the host (blocking, once at start-up) to a socket address.
    func resolve() throws(LoadError) -> SocketAddress {
        do {
            return try SocketAddress.makeAddressResolvingHost(host, port: port)
        } catch {
            throw LoadError("--to: cannot resolve host '\(host)': \(error)")
        }
    }
}
