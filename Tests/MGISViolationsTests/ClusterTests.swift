import Foundation
import MGISCore
import MGISViolations
import Testing

@Suite struct ClusterTests {
    /// A point `x` metres east and `y` metres north of 0° N 0° E.
    func at(_ x: Double, _ y: Double = 0) -> GeoPoint {
        GeoPoint(latitude: y / GeoGrid.metersPerDegree, longitude: x / GeoGrid.metersPerDegree)
    }

    /// eps 100 m, minPoints 4, all points on one east-west line:
    ///
    ///     Q(-90)  A: 0 30 60 90   P(170)   B: 250 280 310 340        N(1000)
    ///
    /// A's and B's points have ≥ 4 points within 100 m (core). P has itself, 90 and 250 (3): a
    /// border point reachable from A and B. Q has itself and 0 (2): border of A. N: noise.
    /// B comes first in the input, so B is cluster 0 and reaches P first.
    @Test func testHandCheckedClustersWithASharedBorderPoint() throws {
        let points = [at(1000), at(170), at(250), at(280), at(310), at(340), at(0), at(30), at(60), at(90), at(-90)]
        let result = try Clusters.compute(points: points, epsMeters: 100, minPoints: 4)
        #expect(result.clusterCount == 2)
        #expect(result.labels == [-1, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1])
        #expect(result.isCore == [false, false, true, true, true, true, true, true, true, true, false])
        #expect(result.clusterSizes == [5, 5])

        // With A first in the input, A is cluster 0 and P goes to A.
        let reordered = [at(0), at(30), at(60), at(90), at(170), at(250), at(280), at(310), at(340)]
        let other = try Clusters.compute(points: reordered, epsMeters: 100, minPoints: 4)
        #expect(other.labels == [0, 0, 0, 0, 0, 1, 1, 1, 1])
        #expect(other.isCore[4] == false)
    }

    @Test func testBadParametersAreRefused() {
        #expect(throws: ViolationError.self) { try Clusters.compute(points: [], epsMeters: 0, minPoints: 3) }
        #expect(throws: ViolationError.self) { try Clusters.compute(points: [], epsMeters: 10, minPoints: 0) }
        #expect((try? Clusters.compute(points: [], epsMeters: 10, minPoints: 3))?.clusterCount == 0)
    }

    /// The grid index against a plain O(n²) DBSCAN with the same distance and the same rules.
    @Test func testAgreesWithBruteForce() throws {
        var rng = SplitMix64(seed: 7)
        var points: [GeoPoint] = []
        for _ in 0..<600 { points.append(at(rng.unit() * 3000, rng.unit() * 3000)) }
        for centre in [(500.0, 500.0), (2000.0, 1500.0)] {
            for _ in 0..<150 { points.append(at(centre.0 + rng.unit() * 200, centre.1 + rng.unit() * 200)) }
        }
        let result = try Clusters.compute(points: points, epsMeters: 90, minPoints: 5)
        let expected = bruteForce(points, eps: 90, minPoints: 5)
        #expect(result.labels == expected.labels)
        #expect(result.isCore == expected.core)
        #expect(result.clusterCount >= 2)
    }

    func bruteForce(_ points: [GeoPoint], eps: Double, minPoints: Int) -> (labels: [Int], core: [Bool]) {
        let b = GeoBounds(points: points)!
        let k = GeoGrid.metersPerDegree, kx = k * cos(b.center.latitude * Double.pi / 180)
        func near(_ i: Int, _ j: Int) -> Bool {
            let dx = (points[i].longitude - points[j].longitude) * kx, dy = (points[i].latitude - points[j].latitude) * k
            return dx * dx + dy * dy <= eps * eps
        }
        let neighbours = points.indices.map { i in points.indices.filter { near(i, $0) } }
        let core = neighbours.map { $0.count >= minPoints }
        var labels = [Int](repeating: -1, count: points.count)
        var next = 0
        for i in points.indices where core[i] && labels[i] == -1 {
            labels[i] = next
            var stack = [i]
            while let p = stack.popLast() {
                for j in neighbours[p] where labels[j] == -1 {
                    labels[j] = next
                    if core[j] { stack.append(j) }
                }
            }
            next += 1
        }
        return (labels, core)
    }
}
