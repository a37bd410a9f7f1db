import Foundation
import GRDB
import MGISHTTP
import MGISServer
import MGISTestSupport
import Testing

/// `--tiles FILE.mbtiles`: the basemap is served from the file, and the pages are told so.
@Suite struct TilesTests {
    /// A minimal MBTiles file with one PNG-tagged tile at z=3, x=4, TMS row 5 (XYZ y = 2).
    static func makeMBTiles() throws -> (path: String, tile: Data) {
        let path = TestServer.temporaryDirectory() + "/basemap.mbtiles"
        let tile = Data([0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4])
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE metadata (name TEXT, value TEXT); INSERT INTO metadata VALUES ('format', 'png')")
            try db.execute(sql: "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)")
            try db.execute(sql: "INSERT INTO tiles VALUES (3, 4, 5, ?)", arguments: [tile])
        }
        return (path, tile)
    }

    @Test func testMBTilesAreServedWithXYZNumbering() async throws {
        let (path, tile) = try Self.makeMBTiles()
        try await TestServer.with(directory: TestServer.temporaryDirectory(), tune: { $0.http.mbtilesPath = path }) { server in
            let client = HTTPTestClient(port: server.httpPort)
            let config = try await client.send("GET", "/map-config.json")
            #expect(config.json?["tiles"] as? String == "/tiles/{z}/{x}/{y}")
            let found = try await client.send("GET", "/tiles/3/4/2.png")
            #expect(found.status == 200)
            #expect(found.body == tile)
            #expect(found.headers["content-type"] == "image/png")
            #expect(try await client.send("GET", "/tiles/3/4/5").status == 404)
            #expect(try await client.send("GET", "/tiles/3/99/2").status == 404)
            #expect(try await client.send("GET", "/tiles/x/4/2").status == 404)
        }
    }
}
