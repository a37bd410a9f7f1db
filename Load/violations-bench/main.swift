import Foundation
import MGISCore
import MGISViolations

// Times each analysis on seeded synthetic data. Build and run in release:
//     swift run -c release violations-bench

/// Runs `body` once and returns its result and the elapsed milliseconds.
func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let clock = ContinuousClock()
    var result: T?
    let elapsed = try clock.measure { result = try body() }
    let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    return (result!, ms)
}

/// Prints one row of the table.
func report(_ name: String, _ size: String, _ ms: Double, _ target: String, _ note: String = "") {
    func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
    let value = String(format: "%10.1f", ms)
    print("\(pad(name, 28)) \(pad(size, 24)) \(value) ms   \(pad(target, 10)) \(note)")
}

print("analysis                     data                             time   target     result")

var data = SyntheticData(seed: 2026)
let (violations, generateMs) = time { data.violations(1_000_000) }
report("generate violations", "1M", generateMs, "-")

let grid500 = try GeoGrid(bounds: SyntheticData.area, cellSizeMeters: 500)
let (counts, countsMs) = time { GridCounts.compute(violations, grid: grid500) }
report("grid counts", "1M, \(grid500.rows)x\(grid500.columns) cells", countsMs, "< 300 ms", "\(counts.cells.count) non-empty")

let (matrix, matrixMs) = try time { try HourWeekdayMatrix.compute(violations, timeZoneIdentifier: "Europe/Vilnius") }
report("hour x weekday matrix", "1M", matrixMs, "< 300 ms", "total \(matrix.total)")

let (weekly, weeklyMs) = try time { try Trends.compute(violations, period: .week, timeZoneIdentifier: "Europe/Vilnius") }
report("weekly trend per type", "1M", weeklyMs, "< 300 ms", "\(weekly.total.buckets.count) weeks x \(weekly.byType.count) types")

let (monthly, monthlyMs) = try time { try Trends.compute(violations, period: .month, timeZoneIdentifier: "Europe/Vilnius") }
report("monthly trend per type", "1M", monthlyMs, "< 300 ms", "\(monthly.total.buckets.count) months")

let grid1km = try GeoGrid(bounds: SyntheticData.area, cellSizeMeters: 1000)
let counts1km = GridCounts.compute(violations, grid: grid1km)
let (hotspots, giMs) = try time { try Hotspots.compute(counts1km) }
report("Gi* hotspots (queen, BH)", "\(grid1km.cellCount) cells", giMs, "< 2000 ms", "\(hotspots.cells.filter { $0.bin == 3 }.count) hot at 99 %")

let sample = Array(violations.prefix(100_000)).map(\.location)
let (clusters, dbscanMs) = try time { try Clusters.compute(points: sample, epsMeters: 200, minPoints: 10) }
report("DBSCAN eps 200 m, min 10", "100k points", dbscanMs, "< 2000 ms", "\(clusters.clusterCount) clusters")

let (surface, kdeMs) = try time { try DensitySurface.compute(violations, grid: grid500, bandwidthMeters: 1500) }
report("kernel density (h 1.5 km)", "1M, 500 m cells", kdeMs, "-", "\(surface.cells.count) cells")

let (tracks, tracksMs) = time { data.tracks(devices: 100, pointsPerDevice: 100_000) }
report("generate tracks", "10M points", tracksMs, "-")
let (effort, effortMs) = try time { try PatrolEffort.compute(tracks: tracks, violations: violations, grid: grid500) }
report("patrol effort", "10M track points", effortMs, "a few s", String(format: "%.0f h", effort.totalHours))

let top = hotspots.cells.max { $0.zScore < $1.zScore }!
let (plan, planMs) = try time {
    try HotspotPlan.suggest(hotspots: hotspots, at: top.cell.id, matrix: matrix, nowMillis: SyntheticData.yearStart + 400 * 86_400_000)
}
report("hotspot plan", "\(plan.cells.count) hot cells", planMs, "-")

let (geoJSON, exportMs) = time { hotspots.geoJSON() }
report("GeoJSON export of Gi*", "\(hotspots.cells.count) features", exportMs, "-", "\(geoJSON.utf8.count / 1024) KiB")

let csvText = "time,lat,lon,type,goods,value_eur\n" + violations.prefix(100_000).map {
    "\(RFC3339.string(fromMillis: $0.observedMillis)),\($0.location.latitude),\($0.location.longitude),\($0.typeCode),\"\($0.goodsDescription), seized\",\($0.estimatedValueEUR.map { "\($0)" } ?? "")"
}.joined(separator: "\n")
let (drafts, importMs) = try time { try ViolationCSVImport.drafts(from: csvText, catalog: .standard, nowMillis: SyntheticData.yearStart + 400 * 86_400_000) }
report("CSV import", "100k rows", importMs, "-", "\(drafts.count) drafts")
