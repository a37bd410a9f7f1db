// swift-tools-version: 6.1
// MGIS: telemetry, live picture, tasks, violations and audit for customs mobile patrol groups.

import PackageDescription

/// Every target is built in Swift 6 mode with the upcoming features Hummingbird and NIO use,
/// so imports stay narrow and existentials are spelled out.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "mgis",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "mgisd", targets: ["mgisd"]),
        .executable(name: "mgisctl", targets: ["mgisctl"]),
        .executable(name: "mgis-load", targets: ["mgis-load"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        // NIOSSL directly for the certificate reload: HummingbirdTLS re-exports only the
        // certificate, key and configuration types, not the per-handshake override it needs.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
    ],
    targets: [
        // Domain: value types and rules. Knows nothing of NIO, HTTP or SQL.
        .target(name: "MGISCore", swiftSettings: swiftSettings),

        // Tasks: model, lifecycle, recurrence, results and monitoring from GPS. Pure domain.
        .target(name: "MGISTasks", dependencies: ["MGISCore"], swiftSettings: swiftSettings),

        // Violations: the register, CSV/GeoJSON import, and the analyses (grid, density, Gi*
        // hotspots, DBSCAN, time patterns, patrol effort, plans from hotspots). Pure domain.
        .target(name: "MGISViolations", dependencies: ["MGISCore"], swiftSettings: swiftSettings),

        // Wire codecs: pure functions from bytes to domain values and back. No I/O.
        .target(
            name: "MGISProtocol",
            dependencies: [
                "MGISCore",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),

        // Traces: the recorded-datagram file format, the non-blocking recorder, replay planning and
        // re-signing, GPX import, the synthetic patrol fleet and load reports. Pure, no NIO.
        .target(name: "MGISTrace", dependencies: ["MGISCore", "MGISProtocol"], swiftSettings: swiftSettings),

        // Durable storage on SQLite through GRDB: devices, positions, the group-committing writer.
        .target(
            name: "MGISStore",
            dependencies: [
                "MGISCore",
                "MGISTasks",
                "MGISViolations",
                "MGISProtocol",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // Tamper-evident audit trail: its own SQLite file, an RFC 9162 Merkle tree, signed checkpoints.
        .target(
            name: "MGISAudit",
            dependencies: [
                "MGISCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // Live state: the newest fix of every device, in memory, with subscriptions.
        .target(
            name: "MGISLive",
            dependencies: ["MGISCore"],
            swiftSettings: swiftSettings
        ),

        // UDP ingest on SwiftNIO: decode and authenticate on the event loop, ACK after commit.
        .target(
            name: "MGISIngest",
            dependencies: [
                "MGISCore",
                "MGISProtocol",
                "MGISTrace",
                "MGISStore",
                "MGISLive",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),

        // Application services over the domain: the task desk (task changes through the lifecycle
        // and the store, GPS monitoring of stored fixes) and the violation register (records held
        // in memory for analysis). Knows the store and the live state, not HTTP or NIO.
        .target(
            name: "MGISDispatch",
            dependencies: [
                "MGISCore", "MGISTasks", "MGISViolations", "MGISStore", "MGISLive",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // HTTP side of mgisd: health, metrics, later the API, WebSocket feed and pages.
        .target(
            name: "MGISHTTP",
            dependencies: [
                "MGISCore",
                "MGISTasks",
                "MGISDispatch",
                "MGISAudit",
                "MGISStore",
                "MGISLive",
                "MGISIngest",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            // The web pages (plain HTML, CSS and JS modules) and map data, served as they are.
            resources: [.copy("Public")],
            swiftSettings: swiftSettings
        ),

        // Assembles the services of one mgisd process from one configuration.
        .target(
            name: "MGISServer",
            dependencies: [
                "MGISCore",
                "MGISTasks",
                "MGISDispatch",
                "MGISAudit",
                "MGISStore",
                "MGISLive",
                "MGISIngest",
                "MGISHTTP",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                "MGISProtocol",
            ],
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "mgisd",
            dependencies: [
                "MGISServer", "MGISDispatch", "MGISViolations", "MGISHTTP", "MGISIngest", "MGISStore", "MGISCore",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "mgisctl",
            dependencies: [
                "MGISCore",
                "MGISStore",
                "MGISAudit",
                "MGISTrace",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Tools/mgisctl",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "mgis-load",
            dependencies: [
                "MGISCore",
                "MGISProtocol",
                "MGISStore",
                "MGISServer",
                "MGISHTTP",
                "MGISIngest",
                "MGISAudit",
                "MGISTrace",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Load/mgis-load",
            swiftSettings: swiftSettings
        ),

        .testTarget(
            name: "MGISCoreTests",
            dependencies: ["MGISCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MGISTasksTests",
            dependencies: ["MGISTasks", "MGISCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MGISViolationsTests",
            dependencies: ["MGISViolations", "MGISCore"],
            swiftSettings: swiftSettings
        ),
        // Times every violation analysis on synthetic data (BENCHMARKS.md); run in release.
        .executableTarget(
            name: "violations-bench",
            dependencies: ["MGISViolations", "MGISCore"],
            path: "Load/violations-bench",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MGISTraceTests",
            dependencies: ["MGISTrace", "MGISCore", "MGISProtocol"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MGISProtocolTests",
            dependencies: ["MGISProtocol", "MGISCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MGISAuditTests",
            dependencies: [
                "MGISAudit", "MGISCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MGISLiveTests",
            dependencies: ["MGISLive", "MGISCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MGISStoreTests",
            dependencies: ["MGISStore", "MGISCore", "MGISProtocol"],
            swiftSettings: swiftSettings
        ),
        // A real server in-process, a UDP tracker and an HTTP client, shared by the test targets.
        .target(
            name: "MGISTestSupport",
            dependencies: [
                "MGISServer", "MGISIngest", "MGISStore", "MGISProtocol", "MGISCore", "MGISLive", "MGISHTTP",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ],
            path: "Tests/MGISTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MGISIngestTests",
            dependencies: [
                "MGISTestSupport", "MGISServer", "MGISIngest", "MGISStore", "MGISProtocol", "MGISCore", "MGISLive", "MGISTrace",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MGISHTTPTests",
            dependencies: [
                "MGISTestSupport", "MGISDispatch", "MGISTasks", "MGISServer", "MGISHTTP", "MGISStore", "MGISProtocol", "MGISCore", "MGISLive", "MGISAudit",
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MGISEndToEndTests",
            dependencies: [
                "mgisd", "mgisctl", "mgis-load", "MGISTestSupport", "MGISAudit", "MGISTrace",
                .product(name: "GRDB", package: "GRDB.swift"),
                "MGISProtocol", "MGISCore", "MGISStore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)

// libFuzzer targets (Fuzz/Targets/NAME, one executable per input format, `fuzz-NAME`): declared
// only when MGIS_FUZZ=1, as Fuzz/run.sh sets it with its own scratch path, because they link only
// with -sanitize=fuzzer (their main.swift hands over to libFuzzer's driver): a plain `swift build`
// or `swift test` must never see them.
if Context.environment["MGIS_FUZZ"] == "1" {
    package.targets.append(.target(name: "FuzzDriver", path: "Fuzz/Driver"))
    package.targets.append(.target(name: "FuzzSupport", dependencies: ["FuzzDriver"], path: "Fuzz/Support", swiftSettings: swiftSettings))
    let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
        ("mtp", ["MGISProtocol", "MGISCore"]),
        ("teltonika-udp", ["MGISProtocol", "MGISCore"]),
        ("teltonika-tcp", ["MGISProtocol", "MGISIngest", .product(name: "NIOCore", package: "swift-nio")]),
        ("violations-csv", ["MGISViolations", "MGISCore"]),
        ("violations-geojson", ["MGISViolations", "MGISCore"]),
        ("gpx", ["MGISTrace", "MGISCore"]),
        ("trace", ["MGISTrace", "MGISCore"]),
        ("api-json", ["MGISHTTP", "MGISTasks", "MGISViolations", "MGISCore"]),
    ]
    for fuzz in fuzzTargets {
        package.targets.append(
            .executableTarget(
                name: "fuzz-\(fuzz.name)",
                dependencies: ["FuzzSupport"] + fuzz.dependencies,
                path: "Fuzz/Targets/\(fuzz.name)",
                swiftSettings: swiftSettings
            )
        )
        package.products.append(.executable(name: "fuzz-\(fuzz.name)", targets: ["fuzz-\(fuzz.name)"]))
    }
}
