import Foundation
import GRDB
import MGISTestSupport
import Testing

extension EndToEnd {

/// `--tiles FILE.mbtiles`: the agency's own basemap, served by mgisd, is what the wall display's
/// map draws (tiles loaded from `/tiles/`), instead of the shipped outlines.
@Suite(.serialized, .timeLimit(.minutes(3))) struct OwnTilesPageTests {
    /// A 1 x 1 PNG, so that the browser really decodes each tile.
    static let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!

    /// An MBTiles file covering Lithuania and its borders (53-57 N, 20-29 E) at zooms 3 to 9.
    static func makeMBTiles(at path: String) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        return try queue.write { db in
            try db.execute(sql: "CREATE TABLE metadata (name TEXT, value TEXT); INSERT INTO metadata VALUES ('format', 'png')")
            try db.execute(sql: "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)")
            var count = 0
            for zoom in 3...9 {
                let n = 1 << zoom
                func column(_ lon: Double) -> Int { Int((lon + 180) / 360 * Double(n)) }
                func row(_ lat: Double) -> Int {
                    let radians = lat * .pi / 180
                    return Int((1 - log(tan(radians) + 1 / cos(radians)) / .pi) / 2 * Double(n))
                }
                for x in column(20)...column(29) {
                    for y in row(57)...row(53) {
                        // MBTiles rows count from the south (TMS).
                        try db.execute(sql: "INSERT INTO tiles VALUES (?, ?, ?, ?)", arguments: [zoom, x, n - 1 - y, png])
                        count += 1
                    }
                }
            }
            return count
        }
    }

    @Test func testTheWallDisplayDrawsTheAgencysOwnTiles() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: DisplayPageTests.chromium), "install chromium")
        let directory = NSTemporaryDirectory() + "mgis-owntiles-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tiles = directory + "/region.mbtiles"
        #expect(try Self.makeMBTiles(at: tiles) > 0)
        let daemon = try Daemon(command: "demo", dataDirectory: directory + "/data", extra: ["--units", "5", "--tiles", tiles], captureOutput: true)
        defer { daemon.terminate() }
        let line = try #require(try await onOwnThread { daemon.waitForLine(containing: "/display/?token=") }, "the demo did not start")
        let display = try #require(line.split(separator: "token=").last.map(String.init))
        let dom = try await onOwnThread {
            try DisplayPageTests.runChromium(["--virtual-time-budget=8000", "--dump-dom", "http://127.0.0.1:\(daemon.httpPort)/display/?token=\(display)"])
        }
        let loaded = dom.matches(of: /<img[^>]*class="[^"]*leaflet-tile-loaded[^"]*"[^>]*>/).map { String($0.0) }
        #expect(!loaded.isEmpty, "no tile loaded on the wall display")
        #expect(loaded.allSatisfy { $0.contains("/tiles/") }, "\(loaded.prefix(2))")
    }
}
}
