public import MGISCore

/// The outline of a set of grid cells as one polygon: the union of the cells, traced along
/// the grid lines, with holes where cells enclose empty ones.
///
/// Each cell contributes its counter-clockwise edges that do not border another cell of the
/// set; the remaining edges are chained into rings. Where two cells touch only at a corner,
/// the chain turns right (onto the other cell), so diagonal neighbours stay in one ring:
/// the set is treated as 8-connected (queen, like the Gi* neighbourhood) and the empty cells
/// as 4-connected. Counter-clockwise rings are outer boundaries, clockwise ones holes.
/// Collinear corners are dropped. The set should be 8-connected; when it is not, the outer
/// ring enclosing the most area is returned and the other parts are dropped.
public enum CellOutline {
    /// The polygon covering `cells` of `grid`, or `nil` for an empty set.
    public static func polygon(of cells: Set<GridCellID>, in grid: GeoGrid) -> GeoPolygon? {
        // Directions: 0 east, 1 north, 2 west, 3 south.
        let step = [(1, 0), (0, 1), (-1, 0), (0, -1)]
        var outgoing: [Corner: [Int]] = [:]
        for cell in cells {
            let (c, r) = (cell.column, cell.row)
            if !cells.contains(GridCellID(row: r - 1, column: c)) { outgoing[Corner(x: c, y: r), default: []].append(0) }
            if !cells.contains(GridCellID(row: r, column: c + 1)) { outgoing[Corner(x: c + 1, y: r), default: []].append(1) }
            if !cells.contains(GridCellID(row: r + 1, column: c)) { outgoing[Corner(x: c + 1, y: r + 1), default: []].append(2) }
            if !cells.contains(GridCellID(row: r, column: c - 1)) { outgoing[Corner(x: c, y: r + 1), default: []].append(3) }
        }
        var rings: [[Corner]] = []
        // Start each ring at a corner with a single way out, so every pinch is met mid-walk.
        let starts = outgoing.keys.sorted { (outgoing[$0]!.count, $0) < (outgoing[$1]!.count, $1) }
        for start in starts {
            while let first = outgoing[start]?.first {
                var ring: [Corner] = []
                var at = start, direction = first
                while let ways = outgoing[at], !ways.isEmpty {
                    // A right turn first, then straight on, then left.
                    if !ring.isEmpty {
                        direction = [(direction + 3) % 4, direction, (direction + 1) % 4].first(where: ways.contains) ?? ways[0]
                    }
                    outgoing[at]!.removeAll { $0 == direction }
                    ring.append(at)
                    at = Corner(x: at.x + step[direction].0, y: at.y + step[direction].1)
                }
                rings.append(simplified(ring))
            }
        }
        let outers = rings.filter { area($0) > 0 }.sorted { area($0) > area($1) }
        guard let outer = outers.first else { return nil }
        let holes = rings.filter { area($0) < 0 }
        func point(_ corner: Corner) -> GeoPoint {
            GeoPoint(latitude: grid.origin.latitude + Double(corner.y) * grid.cellHeightDegrees,
                     longitude: grid.origin.longitude + Double(corner.x) * grid.cellWidthDegrees)
        }
        return GeoPolygon(outer: outer.map(point), holes: holes.map { $0.map(point) })
    }

    struct Corner: Hashable, Comparable {
        var x: Int
        var y: Int
        static func < (a: Corner, b: Corner) -> Bool { (a.y, a.x) < (b.y, b.x) }
    }

    /// Twice the signed area (shoelace): positive for counter-clockwise rings.
    static func area(_ ring: [Corner]) -> Int {
        var sum = 0
        for i in ring.indices {
            let a = ring[i], b = ring[(i + 1) % ring.count]
            sum += a.x * b.y - b.x * a.y
        }
        return sum
    }

    /// The ring without corners that lie on a straight run.
    static func simplified(_ ring: [Corner]) -> [Corner] {
        ring.indices.compactMap { i in
            let a = ring[(i + ring.count - 1) % ring.count], b = ring[i], c = ring[(i + 1) % ring.count]
            let collinear = (b.x - a.x) * (c.y - b.y) == (b.y - a.y) * (c.x - b.x)
            return collinear ? nil : b
        }
    }
}
