import ArgumentParser
import Foundation
import Logging
import MGISDispatch
import MGISHTTP
import MGISIngest
import MGISServer
import MGISStore
import NIOCore

/// The options of `serve` and `demo`, each also read from MGIS_<OPTION> or the config file.
struct ServeOptions: ParsableArguments {
    @Option(help: "Config file of 'option = value' lines (or MGIS_CONFIG).")
    var config: String?

    @Option(help: "Data directory holding mgis.sqlite (default ./mgis-data; ./mgis-demo for demo).")
    var data: String?

    @Option(help: "Address to bind the UDP and HTTP listeners to (default 0.0.0.0; HTTP: see --http-host).")
    var host: String?

    @Option(name: .customLong("http-host"), help: "Address of the HTTP listener (default: --host when given, else 0.0.0.0 with TLS and 127.0.0.1 without).")
    var httpHost: String?

    @Option(name: .customLong("tls-cert"), help: "Serve HTTPS with this PEM certificate chain (leaf first); with --tls-key. Reloaded on SIGHUP.")
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: "The PEM private key of --tls-cert. Reloaded on SIGHUP.")
    var tlsKey: String?

    @Option(name: .customLong("udp-port"), help: "MTP/1 UDP port (default 5055).")
    var udpPort: Int?

    @Option(name: .customLong("teltonika-port"), help: "Teltonika (Codec 8/8E) UDP and TCP port (default 5027).")
    var teltonikaPort: Int?

    @Option(name: .customLong("teltonika-idle-seconds"), help: "Close a Teltonika TCP connection silent for this long (default 300).")
    var teltonikaIdleSeconds: Int?

    @Option(name: .customLong("teltonika-future-seconds"), help: "Teltonika records stamped further in the future than this are not stored; the packet is answered with 0 (default 60; MTP/1 keeps its 300).")
    var teltonikaFutureSeconds: Int?

    @Option(name: .customLong("http-port"), help: "HTTP port for /healthz, /metrics and the API (default 8080).")
    var httpPort: Int?

    @Option(name: .customLong("batch-fixes"), help: "Commit a batch once it holds this many fixes (default 4096).")
    var batchFixes: Int?

    @Option(name: .customLong("batch-ms"), help: "Commit a batch at most this many ms after its first datagram (default 5).")
    var batchMs: Int?

    @Option(help: "SQLite synchronous mode: FULL (fsync every commit; an ACK survives power loss) or NORMAL (default FULL).")
    var synchronous: String?

    @Option(help: "Basemap: a tile URL template (https://host/{z}/{x}/{y}.png) or an offline FILE.mbtiles served at /tiles/{z}/{x}/{y}; none draws country outlines.")
    var tiles: String?

    @Option(name: .customLong("time-zone"), help: "IANA zone the pages show times in and analyses default to, e.g. Europe/Vilnius (default: the machine's).")
    var timeZone: String?

    @Option(name: .customLong("live-tick-ms"), help: "How often the live feed sends positions frames, in ms (default 100).")
    var liveTickMs: Int?

    @Option(name: .customLong("audit-checkpoint-seconds"), help: "How often the audit trail signs a checkpoint (default 60; also on shutdown).")
    var auditCheckpointSeconds: Int?

    @Option(name: .customLong("audit-checkpoint-copy"), help: "Also write each signed checkpoint to this file (*.jsonl) or directory, e.g. one the database administrator cannot write.")
    var auditCheckpointCopy: String?

    @Option(name: .customLong("audit-key"), help: "The audit checkpoint signing key file (default DATA/audit-signing.key): keep it where whoever reads the data directory cannot. Created 0600 if missing; refused if group or others may read it.")
    var auditKey: String?

    @Option(help: "Record every datagram reaching the UDP ports (MTP/1, Teltonika) to this trace file, for `mgis-load replay` (docs/TRACE.md). Admins can also switch recording at runtime: PUT /api/v1/recording.")
    var record: String?

    @Option(name: .customLong("record-max-mb"), help: "Start a new trace segment (FILE.1, FILE.2 ...) when the current one would pass this many MiB (default 256).")
    var recordMaxMb: Int?

    @Option(name: .customLong("task-ack-minutes"), help: "Alert when a dispatched task is not acknowledged within this many minutes (default 5).")
    var taskAckMinutes: Int?

    @Option(name: .customLong("worker-threads"), help: "Threads for analyses, imports, exports, reports and bcrypt (default: cores - 1, at least 1).")
    var workerThreads: Int?

    @Option(name: .customLong("worker-queue"), help: "Heavy requests that may wait for a worker; more get 503 with Retry-After (default 4).")
    var workerQueue: Int?

    @Option(name: .customLong("analysis-budget"), help: "Most steps one analysis may take; over it, 422 naming what to change (default 300000000).")
    var analysisBudget: Int?

    @Option(name: .customLong("max-effort-points"), help: "Most positions one patrol-effort analysis may read (default 2000000).")
    var maxEffortPoints: Int?

    @Option(name: .customLong("max-track-points"), help: "Fixes per page of a track read (default 10000).")
    var maxTrackPoints: Int?

    @Option(name: .customLong("max-connections"), help: "Open HTTP connections at most, WebSockets included (default 1000).")
    var maxConnections: Int?

    @Option(name: .customLong("idle-timeout-seconds"), help: "Close an HTTP connection idle this long, from accept and between requests (default 15).")
    var idleTimeoutSeconds: Int?

    @Option(name: .customLong("live-feeds-per-token"), help: "Live-feed connections one token may hold at once (default 64; wall screens and pages may share one token).")
    var liveFeedsPerToken: Int?

    @Option(name: .customLong("live-connects-per-second"), help: "New live feeds per second from one address, after a burst of 500 (default 50).")
    var liveConnectsPerSecond: Int?

    @Option(name: .customLong("live-connect-burst"), help: "New live feeds one address may open at once before the per-second rate applies (default 500).")
    var liveConnectBurst: Int?

    @Option(name: .customLong("live-subscribes-per-second"), help: "subscribe messages one live-feed connection may send per second (default 5).")
    var liveSubscribesPerSecond: Int?

    @Option(name: .customLong("auth-failure-summary-seconds"), help: "Audit refused credentials as one entry per address per this many seconds (default 60).")
    var authFailureSummarySeconds: Int?

    @Option(name: .customLong("recordings-cap-mb"), help: "MiB all runtime recordings in DATA/recordings/ may hold together (default 1024).")
    var recordingsCapMb: Int?

    @Option(name: .customLong("disk-reserve-mb"), help: "Free MiB the data disk keeps; below, changes get 507 while ingest goes on (default 256; 0: off).")
    var diskReserveMb: Int?

    @Option(name: .customLong("teltonika-connections-per-address"), help: "Teltonika TCP connections one source address may hold (default 64).")
    var teltonikaConnectionsPerAddress: Int?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical (default info).")
    var logLevel: String?

    /// Resolves every setting (command line, then environment, then config file, then default).
    func resolve(defaultData: String = "./mgis-data") throws -> (ServerConfiguration, Logger.Level) {
        let settings = try SettingSources(configPath: config)
        let levelName = settings.string("log-level", cli: logLevel, default: "info")
        guard let level = Logger.Level(rawValue: levelName) else { throw ValidationError("unknown log level '\(levelName)'") }
        let syncName = settings.string("synchronous", cli: synchronous, default: "FULL").uppercased()
        guard let syncMode = StoreConfiguration.Synchronous(rawValue: syncName) else {
            throw ValidationError("synchronous must be FULL or NORMAL, not '\(syncName)'")
        }
        let host = settings.string("host", cli: host, default: "0.0.0.0")
        var ingest = UDPIngestConfiguration(host: host)
        ingest.port = try settings.int("udp-port", cli: udpPort, default: 5055, range: 0...65535)
        ingest.batchMaxFixes = try settings.int("batch-fixes", cli: batchFixes, default: 4096, range: 1...100_000)
        ingest.batchMaxDelay = .milliseconds(Int64(try settings.int("batch-ms", cli: batchMs, default: 5, range: 0...10_000)))
        var configuration = ServerConfiguration(
            dataDirectory: settings.string("data", cli: data, default: defaultData),
            ingest: ingest,
            http: try httpConfiguration(settings),
            synchronous: syncMode
        )
        var teltonika = ingest
        teltonika.port = try settings.int("teltonika-port", cli: teltonikaPort, default: 5027, range: 0...65535)
        teltonika.maxFutureMillis = Int64(try settings.int(
            "teltonika-future-seconds", cli: teltonikaFutureSeconds, default: Int(UDPIngestConfiguration.teltonikaMaxFutureMillis / 1000),
            range: 0...300
        )) * 1000
        configuration.teltonika = teltonika
        configuration.teltonikaTCP = TeltonikaTCPConfiguration(
            host: host,
            port: teltonika.port,
            idleTimeout: .seconds(Int64(try settings.int("teltonika-idle-seconds", cli: teltonikaIdleSeconds, default: 300, range: 1...86_400))),
            maxConnectionsPerAddress: try settings.int(
                "teltonika-connections-per-address", cli: teltonikaConnectionsPerAddress, default: 64, range: 1...100_000
            ),
            maxFutureMillis: teltonika.maxFutureMillis
        )
        configuration.diskReserveBytes = Int64(try settings.int("disk-reserve-mb", cli: diskReserveMb, default: 256, range: 0...1_048_576)) * 1_048_576
        configuration.tasks.acknowledgeTimeoutMillis = Int64(
            try settings.int("task-ack-minutes", cli: taskAckMinutes, default: 5, range: 1...1440)
        ) * 60_000
        configuration.auditCheckpointInterval = .seconds(
            try settings.int("audit-checkpoint-seconds", cli: auditCheckpointSeconds, default: 60, range: 1...86_400)
        )
        let copy = settings.string("audit-checkpoint-copy", cli: auditCheckpointCopy, default: "")
        configuration.auditCheckpointCopy = copy.isEmpty ? nil : copy
        let auditKey = settings.string("audit-key", cli: auditKey, default: "")
        configuration.auditKeyFile = auditKey.isEmpty ? nil : auditKey
        let record = settings.string("record", cli: record, default: "")
        let recordMegabytes = try settings.int(
            "record-max-mb", cli: recordMaxMb, default: RecordingConfiguration.defaultMaxMegabytes, range: 1...65_536
        )
        configuration.recording = record.isEmpty ? nil : RecordingConfiguration(file: record, maxBytes: recordMegabytes * 1_048_576)
        return (configuration, level)
    }

    private func httpConfiguration(_ settings: SettingSources) throws -> HTTPConfiguration {
        let tls = try tlsConfiguration(settings)
        var http = HTTPConfiguration(
            host: httpListenerHost(settings, tls: tls != nil), port: try settings.int("http-port", cli: httpPort, default: 8080, range: 0...65535)
        )
        http.tls = tls
        http.liveTickMilliseconds = try settings.int("live-tick-ms", cli: liveTickMs, default: 100, range: 10...10_000)
        http.limits = try limits(settings)
        http.timeZone = settings.string("time-zone", cli: timeZone, default: HTTPConfiguration.defaultTimeZone)
        guard TimeZone(identifier: http.timeZone) != nil else {
            throw ValidationError("--time-zone: '\(http.timeZone)' is not an IANA zone (e.g. Europe/Vilnius, UTC)")
        }
        let basemap = settings.string("tiles", cli: tiles, default: "")
        if basemap.hasSuffix(".mbtiles") {
            guard FileManager.default.fileExists(atPath: basemap) else { throw ValidationError("--tiles: no file \(basemap)") }
            http.mbtilesPath = basemap
        } else if !basemap.isEmpty {
            guard basemap.contains("{z}"), basemap.contains("{x}"), basemap.contains("{y}") else {
                throw ValidationError("--tiles: a URL template needs {z}, {x} and {y}, or give a .mbtiles file")
            }
            http.tileURL = basemap
        }
        return http
    }

    /// The bounds of the HTTP side (README, "Limits").
    private func limits(_ settings: SettingSources) throws -> HTTPLimits {
        var limits = HTTPLimits()
        limits.workerThreads = try settings.int("worker-threads", cli: workerThreads, default: limits.workerThreads, range: 1...256)
        limits.workerQueue = try settings.int("worker-queue", cli: workerQueue, default: limits.workerQueue, range: 0...10_000)
        limits.analysisBudget = try settings.int("analysis-budget", cli: analysisBudget, default: limits.analysisBudget, range: 1_000...Int.max)
        limits.maxEffortPoints = try settings.int("max-effort-points", cli: maxEffortPoints, default: limits.maxEffortPoints, range: 1...1_000_000_000)
        limits.maxTrackPoints = try settings.int("max-track-points", cli: maxTrackPoints, default: limits.maxTrackPoints, range: 1...10_000_000)
        limits.maxConnections = try settings.int("max-connections", cli: maxConnections, default: limits.maxConnections, range: 1...1_000_000)
        limits.idleTimeoutSeconds = try settings.int(
            "idle-timeout-seconds", cli: idleTimeoutSeconds, default: limits.idleTimeoutSeconds, range: 1...86_400
        )
        limits.maxLiveConnectionsPerToken = try settings.int(
            "live-feeds-per-token", cli: liveFeedsPerToken, default: limits.maxLiveConnectionsPerToken, range: 1...100_000
        )
        limits.liveConnectsPerSecondPerAddress = try settings.int(
            "live-connects-per-second", cli: liveConnectsPerSecond, default: limits.liveConnectsPerSecondPerAddress, range: 1...100_000
        )
        limits.liveConnectBurstPerAddress = try settings.int(
            "live-connect-burst", cli: liveConnectBurst, default: limits.liveConnectBurstPerAddress, range: 1...1_000_000
        )
        limits.liveSubscribesPerSecond = try settings.int(
            "live-subscribes-per-second", cli: liveSubscribesPerSecond, default: limits.liveSubscribesPerSecond, range: 1...10_000
        )
        limits.authFailureSummarySeconds = Double(try settings.int(
            "auth-failure-summary-seconds", cli: authFailureSummarySeconds, default: Int(limits.authFailureSummarySeconds), range: 1...86_400
        ))
        limits.recordingsCapMegabytes = try settings.int(
            "recordings-cap-mb", cli: recordingsCapMb, default: limits.recordingsCapMegabytes, range: 1...16_777_216
        )
        return limits
    }

    /// Process-wide settings, once, before anything runs: swift-log output to stderr at `level`,
    /// and the size of NIO's blocking-I/O pool. Request handlers send their SQLite work there, and
    /// it mostly waits on the disk, so one thread per core (NIO's default, two here) would let a
    /// couple of fsyncs or bcrypt logins hold up every other request's store access.
    static func bootstrapProcess(_ level: Logger.Level) -> Logger {
        NIOSingletons.blockingPoolThreadCountSuggestion = max(8, System.coreCount)
        // Started here, on the main thread at normal priority: threads inherit their creator's
        // nice value, and the threads that serve clients later lower theirs (ThreadPriority).
        _ = IngestThreads.shared
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "mgisd")
    }
}

extension ServerConfiguration {
    /// The settings worth a line at start-up (never secrets).
    var startupMetadata: Logger.Metadata {
        [
            "data": "\(dataDirectory)", "udp.port": "\(ingest.port)", "teltonika.port": "\(teltonika?.port ?? 0)", "http.host": "\(http.host)", "http.port": "\(http.port)", "tls": "\(http.tls == nil ? "off" : "on")",
            "batch.fixes": "\(ingest.batchMaxFixes)", "batch.ms": "\(ingest.batchMaxDelay.nanoseconds / 1_000_000)",
            "synchronous": "\(synchronous.rawValue)",
        ]
    }
}
