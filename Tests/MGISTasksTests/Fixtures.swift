import MGISCore
import MGISTasks

/// Shared building blocks: a fixed clock origin, areas near Vilnius, fixes and tasks built
/// through the public lifecycle so that tests exercise real histories.
enum Fixtures {
    /// 2025-06-15T15:06:40Z, an arbitrary origin for injected clocks.
    static let t0: Int64 = 1_750_000_000_000
    static let minute: Int64 = 60_000
    static let hour: Int64 = 3_600_000

    static let dispatcher = TaskActor.dispatcher(userID: 10)

    /// 54.60 ... 54.70 N, 25.20 ... 25.30 E.
    static let square = GeoArea.polygon(
        GeoPolygon(outer: [
            GeoPoint(latitude: 54.60, longitude: 25.20), GeoPoint(latitude: 54.60, longitude: 25.30),
            GeoPoint(latitude: 54.70, longitude: 25.30), GeoPoint(latitude: 54.70, longitude: 25.20),
        ])
    )

    static let inside = (lat: 54.65, lon: 25.25)
    static let outside = (lat: 54.80, lon: 25.25)

    static func fix(_ timeMillis: Int64, _ lat: Double, _ lon: Double, flags: FixFlags = [.fixValid]) -> Fix {
        Fix(timeMillis: timeMillis, latE7: Int32((lat * 1e7).rounded()), lonE7: Int32((lon * 1e7).rounded()), flags: flags)
    }

    static func fixInside(_ timeMillis: Int64, flags: FixFlags = [.fixValid]) -> Fix {
        fix(timeMillis, inside.lat, inside.lon, flags: flags)
    }

    static func fixOutside(_ timeMillis: Int64, flags: FixFlags = [.fixValid]) -> Fix {
        fix(timeMillis, outside.lat, outside.lon, flags: flags)
    }

    static func draft(
        title: String = "Checkpoint A1",
        area: GeoArea = square,
        window: TimeWindow = TimeWindow(startMillis: t0 + hour, endMillis: t0 + 3 * hour),
        units: [Int64] = [],
        checklist: [String] = []
    ) -> TaskDraft {
        TaskDraft(
            type: .checkpoint, title: title, instructions: "Check all lorries.", area: area, window: window, assignedUnitIDs: units,
            checklist: checklist)
    }

    static func draftTask(id: Int64 = 1, checklist: [String] = [], window: TimeWindow? = nil) throws -> PatrolTask {
        let draft = Fixtures.draft(window: window ?? TimeWindow(startMillis: t0 + hour, endMillis: t0 + 3 * hour), checklist: checklist)
        return try TaskLifecycle.create(id: id, from: draft, by: dispatcher, at: t0)
    }

    /// A task dispatched to `units` at `dispatchedAt`.
    static func dispatchedTask(
        id: Int64 = 1,
        units: [Int64] = [7],
        area: GeoArea = square,
        window: TimeWindow = TimeWindow(startMillis: t0 + hour, endMillis: t0 + 3 * hour),
        dispatchedAt: Int64 = t0
    ) throws -> PatrolTask {
        let created = try TaskLifecycle.create(id: id, from: draft(area: area, window: window), by: dispatcher, at: dispatchedAt - minute)
        return try TaskLifecycle.apply(.dispatch(unitIDs: units), to: created, by: dispatcher, at: dispatchedAt, expectedVersion: nil)
    }

    /// Applies commands in order as the dispatcher, one minute apart after `startingAt`.
    static func advance(_ task: PatrolTask, _ commands: [TaskCommand], startingAt: Int64) throws -> PatrolTask {
        var task = task
        for (offset, command) in commands.enumerated() {
            task = try TaskLifecycle.apply(
                command, to: task, by: dispatcher, at: startingAt + Int64(offset) * minute, expectedVersion: task.version)
        }
        return task
    }
}
