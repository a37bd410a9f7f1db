import MGISCore

/// The POSITION objects of one tick, each serialised once, from which each filter's frame is cut.
struct FeedPositionBatch {
    private struct Item {
        var unitID: String
        var latitude: Double
        var longitude: Double
        var bytes: Range<Int>
    }

    private var items: [Item] = []
    private var writer: FeedJSONWriter

    init(_ positions: [UnitPosition]) {
        writer = FeedJSONWriter(capacity: positions.count * 300)
        items.reserveCapacity(positions.count)
        for position in positions {
            let start = writer.bytes.count
            FeedFrames.position(unitID: position.unit.id, position.fix, to: &writer)
            items.append(
                Item(
                    unitID: position.unit.id,
                    latitude: position.fix.fix.latitude,
                    longitude: position.fix.fix.longitude,
                    bytes: start..<writer.bytes.count
                )
            )
        }
    }

    var isEmpty: Bool { items.isEmpty }

    /// The `positions` frame of the items `filter` lets through, or `nil` when there are none.
    func frame(for filter: FeedFilter) -> String? {
        var frame = FeedJSONWriter(capacity: writer.bytes.count + 40)
        var count = 0
        frame.raw(#"{"type":"positions","items":["#)
        for item in items where filter.allows(unit: item.unitID, lat: item.latitude, lon: item.longitude) {
            if count > 0 { frame.raw(",") }
            frame.raw(writer.bytes[item.bytes])
            count += 1
        }
        guard count > 0 else { return nil }
        frame.raw("]}")
        return frame.text
    }
}
