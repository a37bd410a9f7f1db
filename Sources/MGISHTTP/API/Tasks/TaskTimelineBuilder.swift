import Foundation
import MGISCore
import MGISDispatch
import MGISStore
import MGISTasks

/// A task's timeline: its states, the arrivals and departures monitoring marked, its alerts,
/// and each assigned unit's track from the first dispatch to the end (or now), as GeoJSON.
/// A patrol sees only its own unit's track, arrivals, departures and alerts: a task shared with
/// another unit must not show where that unit drove.
///
/// Each track holds at most `maxTrackPoints` fixes, the earliest; a longer one is cut there and
/// marked `"truncated": true` (the unit's paged track endpoint has the rest).
struct TaskTimelineBuilder {
    let store: Store
    let desk: TaskDesk
    let maxTrackPoints: Int

    struct EntryDTO: Codable {
        var at: String
        var kind: String
        var unit: String?
        var text: String
    }

    /// - Parameters:
    ///   - confinedUnit: `Identity.confinedUnit`: `.none` shows every unit, `.some(id)` only that one.
    func json(_ task: PatrolTask, confinedUnit: Int64?? = .none) throws -> Data {
        let shown: (Int64?) -> Bool = { unit in
            guard case .some(let own) = confinedUnit else { return true }
            return unit != nil && unit == own
        }
        var entries: [(Int64, EntryDTO)] = task.history.map { entry in
            let text = "\(TaskActionName.name(entry.action)): \(entry.from?.rawValue ?? "-") -> \(entry.to.rawValue)"
                + (entry.note.isEmpty ? "" : " (\(entry.note))")
            return (entry.atMillis, EntryDTO(at: Timestamp.string(entry.atMillis), kind: "state", unit: nil, text: text))
        }
        for event in try store.taskEvents(taskID: task.id) where shown(event.unitID) {
            entries.append((event.atMillis, EntryDTO(
                at: Timestamp.string(event.atMillis), kind: event.kind.rawValue, unit: String(event.unitID),
                text: "unit \(event.unitID) \(event.kind == .arrived ? "arrived in" : "left") the area"
            )))
        }
        for stored in try store.alerts(openOnly: false, taskID: task.id) where shown(stored.alert.unitID) {
            let alert = stored.alert
            entries.append((alert.raisedMillis, EntryDTO(
                at: Timestamp.string(alert.raisedMillis), kind: "alert", unit: alert.unitID.map(String.init), text: alert.message
            )))
        }
        entries.sort { $0.0 < $1.0 }
        let entriesJSON = String(decoding: try JSONResponse.encoder.encode(entries.map(\.1)), as: UTF8.self)

        let from = task.history.first { $0.action == .dispatch }?.atMillis ?? task.window.startMillis
        let to = task.finishedMillis ?? WallClock.nowMillis()
        var tracks: [String] = []
        for unitID in task.assignedUnitIDs where shown(unitID) {
            guard let unit = try store.unit(id: unitID) else { continue }
            var fixes: [StoredFix] = []
            for device in unit.deviceIDs { fixes += try store.fixes(device: device, from: from, to: to, limit: maxTrackPoints + 1) }
            fixes.sort { $0.fix.timeMillis < $1.fix.timeMillis }
            let truncated = fixes.count > maxTrackPoints
            if truncated { fixes.removeSubrange(maxTrackPoints...) }
            let coordinates = fixes.map { "[\(TrackController.decimal($0.fix.lonE7)),\(TrackController.decimal($0.fix.latE7))]" }
            tracks.append(
                "{\"type\":\"Feature\",\"properties\":{\"unit\":\"\(unitID)\",\"points\":\(fixes.count)\(truncated ? ",\"truncated\":true" : "")},"
                    + "\"geometry\":{\"type\":\"LineString\",\"coordinates\":[\(coordinates.joined(separator: ","))]}}"
            )
        }
        let track = "{\"type\":\"FeatureCollection\",\"features\":[\(tracks.joined(separator: ","))]}"
        return Data("{\"task\":\(task.id),\"entries\":\(entriesJSON),\"track\":\(track)}".utf8)
    }
}
