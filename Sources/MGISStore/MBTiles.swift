public import Foundation
import GRDB

/// An offline basemap in the MBTiles format (a SQLite file with a `tiles` table), read-only.
///
/// MBTiles rows use TMS numbering (y counted from the south); `tile(z:x:y:)` takes the XYZ
/// numbering web maps use and flips it.
public final class MBTiles: Sendable {
    private let queue: DatabaseQueue
    /// The `format` from the file's metadata (png, jpg, pbf...), for the content type.
    public let format: String

    /// Opens the file read-only; fails when it is not an MBTiles file.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        queue = try DatabaseQueue(path: path, configuration: configuration)
        format = try queue.read { db in
            guard try db.tableExists("tiles") else { throw StoreError(.invalidInput, "\(path) has no tiles table") }
            return try String.fetchOne(db, sql: "SELECT value FROM metadata WHERE name = 'format'") ?? "png"
        }
    }

    /// The tile's bytes, or nil when the file has none there.
    public func tile(z: Int, x: Int, y: Int) throws -> Data? {
        guard (0...30).contains(z), x >= 0, y >= 0, x < 1 << z, y < 1 << z else { return nil }
        let tmsY = (1 << z) - 1 - y
        return try queue.read { db in
            try Data.fetchOne(
                db, sql: "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                arguments: [z, x, tmsY]
            )
        }
    }

    /// The HTTP content type of this file's tiles.
    public var contentType: String {
        switch format {
        case "jpg", "jpeg": "image/jpeg"
        case "webp": "image/webp"
        case "pbf": "application/x-protobuf"
        default: "image/png"
        }
    }
}
