import MGISCore
import MGISDispatch
import MGISStore
import MGISTasks

/// Demo tasks, one in each stage of a task's life, so that the dispatch board, the patrol page
/// and the reports have something to show from the first minute: a draft planned for tonight,
/// one just dispatched, one acknowledged and en route, one on scene, one completed and one
/// cancelled. Places are real customs spots around Vilnius. Seeded once, into an empty board.
enum DemoTasks {
    /// One demo task: where, when, for which demo unit, and the steps it has been through.
    private struct Plan {
        var title: String
        var type: TaskType
        var place: GeoPoint
        var startOffsetHours: Double
        var hours: Double
        var callSign: String
        var steps: [TaskCommand]
    }

    /// - Returns: the tasks now on the board (the ones there before when it was not empty).
    static func seed(_ desk: TaskDesk, store: Store, now: Int64) throws -> Int {
        let existing = try store.tasks(TaskQuery(limit: 1))
        guard existing.isEmpty else { return try store.tasks(TaskQuery()).count }
        // The demo's accounts (DemoAccounts): steps are in the names of those who would take them.
        let dispatcher = try store.user(named: "dispatcher")?.id ?? 0
        let patrol = try store.user(named: "patrol-01")?.id ?? dispatcher
        let units = Dictionary(try store.units().map { ($0.callSign, $0.id) }, uniquingKeysWith: { first, _ in first })
        let hour: Int64 = 3_600_000
        let checklist = ["Report arrival", "Check documents of every vehicle stopped"]
        let plans = [
            Plan(title: "Night checkpoint at Medininkai", type: .checkpoint, place: GeoPoint(latitude: 54.538, longitude: 25.645),
                 startOffsetHours: 8, hours: 4, callSign: "DEMO-05", steps: []),
            Plan(title: "Patrol the A1 towards Kaunas", type: .areaPatrol, place: GeoPoint(latitude: 54.75, longitude: 24.80),
                 startOffsetHours: 0, hours: 4, callSign: "DEMO-02", steps: [.dispatch(unitIDs: [])]),
            Plan(title: "Check freight at the Vaidotai terminal", type: .inspection, place: GeoPoint(latitude: 54.633, longitude: 25.205),
                 startOffsetHours: 0, hours: 3, callSign: "DEMO-03", steps: [.dispatch(unitIDs: []), .acknowledge, .startEnRoute]),
            Plan(title: "Checkpoint on the Šalčininkai road", type: .checkpoint, place: GeoPoint(latitude: 54.45, longitude: 25.30),
                 startOffsetHours: -1, hours: 4, callSign: "DEMO-01", steps: [.dispatch(unitIDs: []), .acknowledge, .arriveOnScene]),
            Plan(title: "Morning patrol around Trakai", type: .areaPatrol, place: GeoPoint(latitude: 54.64, longitude: 24.93),
                 startOffsetHours: -6, hours: 3, callSign: "DEMO-04",
                 steps: [.dispatch(unitIDs: []), .acknowledge, .arriveOnScene,
                         .complete(TaskResult(
                            vehiclesChecked: 14, personsChecked: 17, outcome: .noFindings, findings: "Nothing to report",
                            checklist: checklist.map { ChecklistItem(text: $0, done: true) }
                         ))]),
            Plan(title: "Escort to the Lazdijai crossing", type: .escort, place: GeoPoint(latitude: 54.23, longitude: 23.52),
                 startOffsetHours: 2, hours: 5, callSign: "DEMO-06", steps: [.dispatch(unitIDs: []), .cancel(reason: "Convoy postponed by the carrier")]),
        ]
        var created = 0
        for plan in plans {
            guard let unit = units[plan.callSign] else { continue }
            let start = now / 60_000 * 60_000 + Int64(plan.startOffsetHours * Double(hour))
            let draft = TaskDraft(
                type: plan.type, title: plan.title, instructions: "Demo task: \(plan.title.lowercased()).",
                area: .circle(center: plan.place, radiusMeters: 800),
                window: TimeWindow(startMillis: start, endMillis: start + Int64(plan.hours * Double(hour))),
                assignedUnitIDs: [unit], checklist: checklist
            )
            let task = try desk.create(draft, by: .dispatcher(userID: dispatcher))
            for step in plan.steps {
                let byPatrol: Bool
                switch step {
                case .acknowledge, .startEnRoute, .arriveOnScene, .complete: byPatrol = true
                default: byPatrol = false
                }
                let actor: TaskActor = byPatrol ? .patrol(userID: patrol, unitID: unit) : .dispatcher(userID: dispatcher)
                _ = try desk.apply(step, toTask: task.id, by: actor)
            }
            created += 1
        }
        return created
    }
}
