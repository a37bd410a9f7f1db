import Foundation
import MGISCore

/// The eps-grid spatial index behind `Clusters`: points projected to metres and sorted by
/// their eps-sized cell, with each occupied cell's slice of the sorted arrays.
struct ClusterIndex {
    private let x: [Double]
    private let y: [Double]
    private let cellX: [Int]
    private let cellY: [Int]
    /// Point indices sorted by cell, and the coordinates in that order (for locality).
    private let sortedIndex: [Int]
    private let sortedX: [Double]
    private let sortedY: [Double]
    /// Cell key → range in the sorted arrays.
    private let slices: [Int: Range<Int>]
    private let epsSquared: Double
    private let keyWidth: Int

    init(points: [GeoPoint], epsMeters: Double) {
        let bounds = GeoBounds(points: points) ?? GeoBounds(minLatitude: 0, minLongitude: 0, maxLatitude: 0, maxLongitude: 0)
        let reference = bounds.center
        let ky = GeoGrid.metersPerDegree
        let kx = GeoGrid.metersPerDegree * cos(reference.latitude * Double.pi / 180)
        let x = points.map { ($0.longitude - reference.longitude) * kx }
        let y = points.map { ($0.latitude - reference.latitude) * ky }
        let cellX = x.map { Int(($0 / epsMeters).rounded(.down)) }
        let cellY = y.map { Int(($0 / epsMeters).rounded(.down)) }
        let minX = cellX.min() ?? 0, minY = cellY.min() ?? 0
        let keyWidth = (cellX.max() ?? 0) - minX + 3
        let keys = points.indices.map { (cellY[$0] - minY + 1) * keyWidth + (cellX[$0] - minX + 1) }
        let sortedIndex = points.indices.sorted { keys[$0] < keys[$1] }
        var slices: [Int: Range<Int>] = [:]
        var start = 0
        while start < sortedIndex.count {
            let key = keys[sortedIndex[start]]
            var end = start + 1
            while end < sortedIndex.count, keys[sortedIndex[end]] == key { end += 1 }
            slices[key] = start..<end
            start = end
        }
        self.x = x
        self.y = y
        self.cellX = cellX.map { $0 - minX + 1 }
        self.cellY = cellY.map { $0 - minY + 1 }
        self.sortedIndex = sortedIndex
        self.sortedX = sortedIndex.map { x[$0] }
        self.sortedY = sortedIndex.map { y[$0] }
        self.slices = slices
        self.epsSquared = epsMeters * epsMeters
        self.keyWidth = keyWidth
    }

    /// Calls `body` with every point within eps of point `i` (itself included) until it returns false.
    @inline(__always)
    func forEachNeighbour(of i: Int, _ body: (Int) -> Bool) {
        let px = x[i], py = y[i]
        for dy in -1...1 {
            for dx in -1...1 {
                guard let slice = slices[(cellY[i] + dy) * keyWidth + cellX[i] + dx] else { continue }
                for k in slice {
                    let ex = sortedX[k] - px, ey = sortedY[k] - py
                    if ex * ex + ey * ey <= epsSquared, !body(sortedIndex[k]) { return }
                }
            }
        }
    }

    /// Candidate pairs the neighbour queries of every point look at: for each occupied cell, its
    /// points times the points of its 3 x 3 block. The cost of one pass over all points.
    var candidateVisits: Int {
        var visits = 0
        for (key, slice) in slices {
            var block = 0
            for dy in -1...1 {
                for dx in -1...1 {
                    block += slices[key + dy * keyWidth + dx]?.count ?? 0
                }
            }
            visits = AnalysisBudget.product(slice.count, block) &+ visits
            if visits < 0 { return .max }
        }
        return visits
    }
}
