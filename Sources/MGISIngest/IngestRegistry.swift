import MGISCore

/// A wire's lookup of registered devices: an immutable value the ingest handler swaps whole when
/// the store's device list changes, so lookups on the event loop never lock.
protocol IngestRegistry: Sendable {
    /// The registry of `devices`. `previous` lets a reload keep what is costly to rebuild and did
    /// not change (MTP/1's pre-keyed authenticators).
    static func reloaded(from devices: [Device], previous: Self?) -> Self

    /// Registered devices, for log lines.
    var count: Int { get }
}
