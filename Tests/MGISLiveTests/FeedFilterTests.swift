import MGISLive
import Testing

@Suite struct FeedFilterTests {
    @Test func testRestrictedIntersectsUnitRestrictions() {
        let box = BoundingBox(minLon: 1, minLat: 2, maxLon: 3, maxLat: 4)
        #expect(FeedFilter().restricted(toUnits: ["7"]) == FeedFilter(units: ["7"]))
        let both = FeedFilter(units: ["7", "12"], bbox: box)
        #expect(both.restricted(toUnits: nil) == both)
        #expect(both.restricted(toUnits: ["12", "3"]) == FeedFilter(units: ["12"], bbox: box))
        // A patrol asking only for other units sees nothing rather than everything.
        #expect(FeedFilter(units: ["12"]).restricted(toUnits: ["7"]) == FeedFilter(units: []))
    }

    @Test func testBoundingBoxContainsItsEdges() {
        let box = BoundingBox(minLon: 25.0, minLat: 54.5, maxLon: 25.5, maxLat: 54.9)
        #expect(box.contains(lat: 54.6872, lon: 25.2797))
        #expect(box.contains(lat: 54.5, lon: 25.0))
        #expect(box.contains(lat: 54.9, lon: 25.5))
        #expect(!box.contains(lat: 54.8985, lon: 23.9036))
        #expect(!box.contains(lat: 54.95, lon: 25.2))
    }

    @Test func testBoundingBoxAcrossTheAntimeridian() {
        let box = BoundingBox(minLon: 170, minLat: -10, maxLon: -170, maxLat: 10)
        #expect(box.contains(lat: 0, lon: 175))
        #expect(box.contains(lat: 0, lon: -175))
        #expect(!box.contains(lat: 0, lon: 0))
    }

    @Test func testBoundingBoxFromProtocolArray() {
        let expected = BoundingBox(minLon: 25.0, minLat: 54.5, maxLon: 25.5, maxLat: 54.9)
        #expect(BoundingBox([25.0, 54.5, 25.5, 54.9]) == expected)
        #expect(BoundingBox([25.0, 54.5, 25.5]) == nil)
        #expect(BoundingBox([25.0, 54.9, 25.5, 54.5]) == nil)  // south above north
        #expect(BoundingBox([25.0, 54.5, .nan, 54.9]) == nil)
        #expect(BoundingBox([200, 54.5, 25.5, 54.9]) == nil)
    }
}
