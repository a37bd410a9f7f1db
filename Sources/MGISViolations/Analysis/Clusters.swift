import Foundation
public import MGISCore

/// DBSCAN density clusters of violation locations (Ester, Kriegel, Sander & Xu 1996).
///
/// A point is *core* when at least `minPoints` points (itself included) lie within `epsMeters`
/// of it. Clusters are the sets of core points joined by eps-steps, plus the non-core points
/// within eps of one of them (*border* points). Everything else is noise (label −1).
///
/// Rules that make the result deterministic:
/// * clusters are numbered 0, 1, ... in the input order of their first core point;
/// * a border point within reach of two clusters belongs to the first cluster that reaches it,
///   which is the one with the lower number (each cluster is grown completely before the next starts).
///
/// Distances are measured in an equirectangular plane about the points' middle latitude
/// (x = R·Δλ·cos φ₀, y = R·Δφ), within 0.1 % of the haversine distance at eps scales.
/// A grid of eps-sized cells indexes the points, so each query scans only the 3 × 3 cells
/// around a point: O(n · k) for k neighbours per point instead of O(n²).
public struct Clusters: Hashable, Sendable, Codable {
    public var epsMeters: Double
    public var minPoints: Int
    /// The clustered points, in input order.
    public var points: [GeoPoint]
    /// The violation of each point, when clustering violations.
    public var violationIDs: [Int64]?
    /// Cluster of each point: 0 ..< `clusterCount`, or −1 for noise.
    public var labels: [Int]
    /// Whether each point is a core point (false for border and noise points).
    public var isCore: [Bool]
    public var clusterCount: Int

    /// The noise label.
    public static let noise = -1

    /// Clusters the violations that pass `filter`, in input order.
    public static func compute(
        _ violations: [Violation], filter: AnalysisFilter = .all, epsMeters: Double, minPoints: Int, budget: AnalysisBudget = .unlimited
    ) throws -> Clusters {
        let kept = violations.filter(filter.matches)
        var result = try compute(points: kept.map(\.location), epsMeters: epsMeters, minPoints: minPoints, budget: budget)
        result.violationIDs = kept.map(\.id)
        return result
    }

    /// Clusters `points`.
    /// - Throws: `ViolationError.Code.invalidArgument` when eps is not positive, minPoints < 1 or a point is invalid.
    public static func compute(points: [GeoPoint], epsMeters: Double, minPoints: Int, budget: AnalysisBudget = .unlimited) throws -> Clusters {
        guard epsMeters.isFinite, epsMeters > 0 else { throw ViolationError(.invalidArgument, "eps must be a positive number of metres") }
        guard minPoints >= 1 else { throw ViolationError(.invalidArgument, "minPoints must be at least 1") }
        if let bad = points.firstIndex(where: { !$0.isValid }) {
            throw ViolationError(.invalidArgument, "point \(bad) is not a valid location")
        }
        let index = ClusterIndex(points: points, epsMeters: epsMeters)
        // Two passes over every point's neighbours at most: finding the cores, growing the clusters.
        try budget.admit(
            steps: AnalysisBudget.product(2, index.candidateVisits), advice: "shorten eps or narrow the area, the period or the types"
        )
        var isCore = [Bool](repeating: false, count: points.count)
        for i in points.indices {
            if i % 1024 == 0 { try budget.checkCancelled() }
            var found = 0
            index.forEachNeighbour(of: i) { _ in
                found += 1
                return found < minPoints
            }
            isCore[i] = found >= minPoints
        }

        var labels = [Int](repeating: noise, count: points.count)
        var clusterCount = 0
        var queue: [Int] = []
        for seed in points.indices where isCore[seed] && labels[seed] == noise {
            let cluster = clusterCount
            clusterCount += 1
            labels[seed] = cluster
            queue.removeAll(keepingCapacity: true)
            queue.append(seed)
            var head = 0
            while head < queue.count {
                if head % 1024 == 0 { try budget.checkCancelled() }
                let core = queue[head]
                head += 1
                index.forEachNeighbour(of: core) { j in
                    if labels[j] == noise {
                        labels[j] = cluster
                        if isCore[j] { queue.append(j) }
                    }
                    return true
                }
            }
        }
        return Clusters(
            epsMeters: epsMeters, minPoints: minPoints, points: points, violationIDs: nil,
            labels: labels, isCore: isCore, clusterCount: clusterCount
        )
    }

    /// The number of points of each cluster, indexed by cluster id.
    public var clusterSizes: [Int] {
        var sizes = [Int](repeating: 0, count: clusterCount)
        for label in labels where label >= 0 { sizes[label] += 1 }
        return sizes
    }
}
