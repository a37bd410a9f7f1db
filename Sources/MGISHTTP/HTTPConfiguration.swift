import Foundation

/// Where the HTTP side of mgisd listens, and how it treats sessions and pages.
public struct HTTPConfiguration: Sendable {
    public var host: String
    /// 0 picks a free port (tests).
    public var port: Int
    /// How long a login's session token lives.
    public var sessionHours: Int
    /// bcrypt cost for new password hashes.
    public var passwordCost: UInt8
    /// Debian's JavaScript libraries (libjs-leaflet), served under `/vendor/`.
    public var vendorDirectory: String
    /// A tile URL template (`https://.../{z}/{x}/{y}.png`) for the maps; nil draws country outlines.
    public var tileURL: String?
    /// An MBTiles file served at `/tiles/{z}/{x}/{y}` as the maps' basemap (wins over `tileURL`).
    public var mbtilesPath: String?
    /// Live feed: how often positions frames go out.
    public var liveTickMilliseconds: Int
    /// Live feed: how often an open feed checks its token and its user's roles and unit again,
    /// so that a revocation or a user change reaches open feeds within about this long.
    public var liveSessionCheckMilliseconds = 1_000
    /// Bounds of what clients can make the server do: worker pool, budgets, connections, pages.
    public var limits = HTTPLimits()
    /// The IANA zone the service works in (`--time-zone`): the pages show every time in it,
    /// labelled, whatever zone a browser runs in, and analyses and plans default to it. One zone
    /// for everyone, so that a dispatcher, an officer and an analyst read the same hour.
    public var timeZone = HTTPConfiguration.defaultTimeZone
    /// HTTPS with this certificate and key (reloaded on SIGHUP); nil serves plain HTTP.
    public var tls: HTTPTLSConfiguration? = nil

    /// The machine's own zone (`TZ`, else `/etc/localtime`), or UTC.
    public static var defaultTimeZone: String { TimeZone.current.identifier }

    public init(
        host: String = "0.0.0.0",
        port: Int = 8080,
        sessionHours: Int = 12,
        passwordCost: UInt8 = 11,
        vendorDirectory: String = "/usr/share/javascript",
        tileURL: String? = nil,
        mbtilesPath: String? = nil,
        liveTickMilliseconds: Int = 100
    ) {
        self.mbtilesPath = mbtilesPath
        self.host = host
        self.port = port
        self.sessionHours = sessionHours
        self.passwordCost = passwordCost
        self.vendorDirectory = vendorDirectory
        self.tileURL = tileURL
        self.liveTickMilliseconds = liveTickMilliseconds
    }
}
