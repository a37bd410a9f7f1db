import ArgumentParser
import Foundation
import MGISCore
import MGISStore

/// `mgis-load store`: fills a store through the same append-and-compact path mgisd uses, and
/// prints the insert rate per window of rows, so the rate after tens of millions of rows can be
/// compared with the rate on an empty store.
struct StoreBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Benchmark the positions store: append rate as history grows (no network).",
        discussion: """
            Appends 1-fix datagrams from --devices devices in batches of --batch (as mgisd's writer does,
            one transaction and fsync per batch under --synchronous FULL), compacting between batches
            like mgisd's compactor. Prints the rate of each --window rows and a final summary.
            Run it again on the same --data to continue from the stored history.
            """
    )

    @Option(help: "Data directory (its mgis.sqlite is used; created if missing).") var data: String
    @Option(help: "Rows (fixes) to append in this run.") var rows: Int = 2_000_000
    @Option(help: "Distinct devices the rows are spread over.") var devices: Int = 1000
    @Option(help: "Datagrams per transaction.") var batch: Int = 4096
    @Option(help: "Rows per reported window.") var window: Int = 1_000_000
    @Option(help: "FULL or NORMAL.") var synchronous: String = "FULL"

    func run() async throws {
        guard let mode = StoreConfiguration.Synchronous(rawValue: synchronous.uppercased()) else {
            throw ValidationError("--synchronous must be FULL or NORMAL")
        }
        guard rows > 0, devices > 0, batch > 0, window > 0 else { throw ValidationError("counts must be positive") }
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        let store = try Store(configuration: StoreConfiguration(path: data + "/mgis.sqlite", synchronous: mode))
        let clock = ContinuousClock()
        var generator = SplitMix64(seed: 42)
        var seqs = [UInt32](repeating: 0, count: devices)
        var time = WallClock.nowMillis() - Int64(rows / devices + 1) * 1000
        var written = 0
        var windowStart = clock.now
        var windowRows = 0
        var rates: [Double] = []
        let start = clock.now
        FileHandle.standardError.write(Data("appending \(rows) rows over \(devices) devices, batch \(batch), synchronous \(mode.rawValue)\n".utf8))
        while written < rows {
            let count = min(batch, rows - written)
            var datagrams: [StoredDatagram] = []
            datagrams.reserveCapacity(count)
            for index in 0..<count {
                let device = (written + index) % devices
                if device == 0 { time += 1000 }
                seqs[device] &+= 1
                let fix = Fix(
                    timeMillis: time, latE7: 540_000_000 + Int32(truncatingIfNeeded: generator.next() % 20_000_000),
                    lonE7: 210_000_000 + Int32(truncatingIfNeeded: generator.next() % 50_000_000), speedCmS: 1500,
                    headingCentiDeg: 9000, altitudeM: 100, hdopTenths: 9, satellites: 10, flags: [.fixValid], batteryPercent: 90
                )
                datagrams.append(StoredDatagram(
                    device: DeviceID(unchecked: UInt32(device + 1)), seq: seqs[device], tag: generator.next(),
                    receivedMillis: time, fixes: [fix]
                ))
            }
            _ = try await store.append(datagrams)
            try await store.compactStep()
            written += count
            windowRows += count
            if windowRows >= window || written == rows {
                let seconds = Self.seconds(clock.now - windowStart)
                let rate = Double(windowRows) / seconds
                rates.append(rate)
                print(String(format: "rows %11d  window rate %9.0f rows/s", written, rate))
                windowStart = clock.now
                windowRows = 0
            }
        }
        let total = Self.seconds(clock.now - start)
        print(String(format: "total %d rows in %.1f s: %.0f rows/s; first window %.0f, last window %.0f rows/s (%.0f%%)",
                     written, total, Double(written) / total, rates.first ?? 0, rates.last ?? 0,
                     100 * (rates.last ?? 0) / max(1, rates.first ?? 1)))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
