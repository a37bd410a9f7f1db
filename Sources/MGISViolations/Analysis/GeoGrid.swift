import Foundation
public import MGISCore

/// A grid of square-ish cells of `cellSizeMeters` laid over a study area.
///
/// Projection: equirectangular (plate carrée) about the grid's reference latitude φ₀, the
/// middle of the study box. One degree of latitude is `metersPerDegree` = π·R/180 with
/// `GeoPoint.earthRadiusMeters` R (≈ 111 195 m, the sphere every MGIS distance uses), so
///
///     cell height (deg) = size / metersPerDegree
///     cell width  (deg) = size / (metersPerDegree · cos φ₀)
///
/// Cells are exactly `size` × `size` metres at φ₀; across a 100 km box their east-west
/// size drifts by under 1.5 % at 55° N, which is well inside what a patrol plan can use.
/// Cell indices are computed arithmetically (`floor((lat − lat₀)/height)`), so locating a
/// point costs two multiplications. The grid's south-west corner is the study box's;
/// the north and east outer edges are closed (a point on them belongs to the last row/column).
public struct GeoGrid: Hashable, Sendable, Codable {
    /// South-west corner of cell (0, 0).
    public let origin: GeoPoint
    public let cellSizeMeters: Double
    public let rows: Int
    public let columns: Int
    /// The latitude where cells are exactly square: the middle of the study box.
    public let referenceLatitude: Double
    public let cellHeightDegrees: Double
    public let cellWidthDegrees: Double

    /// Metres in one degree of latitude on the MGIS sphere: π · 6 371 008.8 / 180.
    public static let metersPerDegree = GeoPoint.earthRadiusMeters * Double.pi / 180
    /// The most cells a grid may have (2²² ≈ 4.2 million), so dense per-cell arrays stay small.
    public static let maximumCellCount = 4_194_304

    /// A grid covering `bounds` with cells of `cellSizeMeters`.
    /// - Throws: `ViolationError.Code.invalidArgument` for a bad size, bad bounds, a box
    ///   beyond ±85° latitude or more than `maximumCellCount` cells.
    public init(bounds: GeoBounds, cellSizeMeters: Double) throws {
        guard cellSizeMeters.isFinite, cellSizeMeters >= 1 else {
            throw ViolationError(.invalidArgument, "the cell size must be at least 1 metre")
        }
        guard bounds.isValid else {
            throw ViolationError(.invalidArgument, "the study area must have valid corners with minimum ≤ maximum")
        }
        let reference = (bounds.minLatitude + bounds.maxLatitude) / 2
        guard abs(bounds.minLatitude) <= 85, abs(bounds.maxLatitude) <= 85 else {
            throw ViolationError(.invalidArgument, "grids are only defined between 85° S and 85° N")
        }
        let height = cellSizeMeters / GeoGrid.metersPerDegree
        let width = height / cos(reference * Double.pi / 180)
        // Spans that are a whole number of cells (up to rounding) do not get an extra empty row.
        let rows = max(1, Int(((bounds.maxLatitude - bounds.minLatitude) / height - 1e-9).rounded(.up)))
        let columns = max(1, Int(((bounds.maxLongitude - bounds.minLongitude) / width - 1e-9).rounded(.up)))
        guard rows.multipliedReportingOverflow(by: columns).partialValue <= GeoGrid.maximumCellCount,
              rows <= GeoGrid.maximumCellCount, columns <= GeoGrid.maximumCellCount
        else {
            throw ViolationError(
                .invalidArgument,
                "a \(Int(cellSizeMeters)) m grid over this area would have \(rows) × \(columns) cells; the limit is \(GeoGrid.maximumCellCount): use larger cells or a smaller area"
            )
        }
        self.origin = GeoPoint(latitude: bounds.minLatitude, longitude: bounds.minLongitude)
        self.cellSizeMeters = cellSizeMeters
        self.rows = rows
        self.columns = columns
        self.referenceLatitude = reference
        self.cellHeightDegrees = height
        self.cellWidthDegrees = width
    }

    /// `rows × columns`.
    public var cellCount: Int { rows * columns }

    /// The area the cells cover (at least the study box).
    public var bounds: GeoBounds {
        GeoBounds(
            minLatitude: origin.latitude, minLongitude: origin.longitude,
            maxLatitude: origin.latitude + Double(rows) * cellHeightDegrees,
            maxLongitude: origin.longitude + Double(columns) * cellWidthDegrees
        )
    }

    /// The row-major index (`row · columns + column`) of the cell holding `point`, or `nil` outside the grid.
    @inlinable
    public func cellIndex(latitude: Double, longitude: Double) -> Int? {
        let y = (latitude - origin.latitude) / cellHeightDegrees
        let x = (longitude - origin.longitude) / cellWidthDegrees
        guard y >= 0, x >= 0, y <= Double(rows), x <= Double(columns) else { return nil }  // also rejects NaN
        return min(Int(y), rows - 1) * columns + min(Int(x), columns - 1)
    }

    /// The cell holding `point`, or `nil` outside the grid.
    public func cellID(for point: GeoPoint) -> GridCellID? {
        cellIndex(latitude: point.latitude, longitude: point.longitude).map(cellID(atIndex:))
    }

    /// The cell at a row-major index.
    public func cellID(atIndex index: Int) -> GridCellID {
        GridCellID(row: index / columns, column: index % columns)
    }

    /// The row-major index of `id`, or `nil` when the cell is not in the grid.
    public func index(of id: GridCellID) -> Int? {
        guard (0..<rows).contains(id.row), (0..<columns).contains(id.column) else { return nil }
        return id.row * columns + id.column
    }

    /// The geometry of cell `id` (which need not be inside the grid).
    public func cell(_ id: GridCellID) -> GridCell {
        let south = origin.latitude + Double(id.row) * cellHeightDegrees
        let west = origin.longitude + Double(id.column) * cellWidthDegrees
        let bounds = GeoBounds(
            minLatitude: south, minLongitude: west,
            maxLatitude: south + cellHeightDegrees, maxLongitude: west + cellWidthDegrees
        )
        return GridCell(id: id, bounds: bounds, center: bounds.center)
    }
}
