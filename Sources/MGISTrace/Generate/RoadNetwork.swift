import MGISCore
import Foundation

/// A road-like graph inside a region: a square grid of urban streets (30 ... 50 km/h) with the
/// middle row and column and both diagonals as arterials (70 ... 90 km/h).
///
/// Positions are kept in metres east and north of the region's south-west corner
/// (equirectangular at the region's mid latitude: at city scale the error is far below GPS
/// noise) and converted to degrees only for fixes. The grid is inset from the region's edges,
/// and cars only ever sit on straight edges between nodes, so every fix is inside the region.
struct RoadNetwork {
    struct Edge {
        var from: Int
        var to: Int
        var length: Double
        /// Metres per second.
        var limit: Double
        var isArterial: Bool
    }

    /// Node positions in metres (east, north).
    private(set) var nodes: [(x: Double, y: Double)] = []
    private(set) var edges: [Edge] = []
    /// Per node, the edges that touch it.
    private(set) var incident: [[Int]] = []
    let region: TraceRegion
    private let metresPerDegreeLon: Double

    static let metresPerDegreeLat = 111_320.0

    init(region: TraceRegion, random: inout SplitMix64) {
        self.region = region
        metresPerDegreeLon = Self.metresPerDegreeLat * cos((region.minLatitude + region.maxLatitude) / 2 * .pi / 180)
        let width = (region.maxLongitude - region.minLongitude) * metresPerDegreeLon
        let height = (region.maxLatitude - region.minLatitude) * Self.metresPerDegreeLat
        // About one crossing a kilometre, at least 3 x 3, inset 3% from the edges.
        let size = max(3, Int(min(width, height) / 1_000) + 1)
        let inset = 0.03
        for row in 0..<size {
            for column in 0..<size {
                let fx = inset + (1 - 2 * inset) * Double(column) / Double(size - 1)
                let fy = inset + (1 - 2 * inset) * Double(row) / Double(size - 1)
                nodes.append((fx * width, fy * height))
            }
        }
        incident = Array(repeating: [], count: nodes.count)
        func node(_ row: Int, _ column: Int) -> Int { row * size + column }
        let middle = size / 2
        for row in 0..<size {
            for column in 0..<size {
                if column + 1 < size { connect(node(row, column), node(row, column + 1), arterial: row == middle, &random) }
                if row + 1 < size { connect(node(row, column), node(row + 1, column), arterial: column == middle, &random) }
                if row + 1 < size, column + 1 < size, row == column { connect(node(row, column), node(row + 1, column + 1), arterial: true, &random) }
                if row + 1 < size, column >= 1, row + column == size - 1 { connect(node(row, column), node(row + 1, column - 1), arterial: true, &random) }
            }
        }
    }

    private mutating func connect(_ a: Int, _ b: Int, arterial: Bool, _ random: inout SplitMix64) {
        let length = hypot(nodes[b].x - nodes[a].x, nodes[b].y - nodes[a].y)
        let kmh = arterial ? [70.0, 80, 90][random.index(3)] : [30.0, 40, 50][random.index(3)]
        incident[a].append(edges.count)
        incident[b].append(edges.count)
        edges.append(Edge(from: a, to: b, length: length, limit: kmh / 3.6, isArterial: arterial))
    }

    /// The node at the other end of `edge` from `node`.
    func other(_ edge: Int, than node: Int) -> Int {
        edges[edge].from == node ? edges[edge].to : edges[edge].from
    }

    /// Latitude and longitude x 10^7 of a point in metres.
    func wire(x: Double, y: Double) -> (latE7: Int32, lonE7: Int32) {
        let lat = region.minLatitude + y / Self.metresPerDegreeLat
        let lon = region.minLongitude + x / metresPerDegreeLon
        return (Int32((lat * 1e7).rounded()), Int32((lon * 1e7).rounded()))
    }
}
