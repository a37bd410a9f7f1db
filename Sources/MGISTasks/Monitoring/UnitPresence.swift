import MGISCore

/// The running state of one unit on one task, updated by every fix of that unit.
struct UnitPresence: Sendable {
    let unitID: Int64
    /// Fixes before this time (the unit's dispatch) are ignored.
    var trackingSinceMillis: Int64
    var isAssigned = true
    var lastFixMillis: Int64?
    var lastPoint: GeoPoint?
    /// Arrival time of the current visit; `nil` while outside.
    var insideSinceMillis: Int64?
    /// The unit was inside when monitoring stopped (the task finished, or the unit was taken off
    /// it): its stay is closed for the time on scene, but its last known place is still the area,
    /// so it reads as inside, not as "left", until a fix says otherwise.
    var insideWhenStopped = false
    var firstArrivalMillis: Int64?
    var lastArrivalMillis: Int64?
    var lastDepartureMillis: Int64?
    /// Time on scene of the closed visits.
    var closedOnSceneMillis: Int64 = 0
    var distanceMeters = 0.0
    var visits: [UnitVisit] = []
    /// Whether the unit was inside at the window's start, settled by the first fix after the start.
    var insideAtWindowStart: Bool?

    init(unitID: Int64, trackingSinceMillis: Int64) {
        self.unitID = unitID
        self.trackingSinceMillis = trackingSinceMillis
    }

    mutating func arrive(at millis: Int64) {
        insideSinceMillis = millis
        insideWhenStopped = false
        if firstArrivalMillis == nil { firstArrivalMillis = millis }
        lastArrivalMillis = millis
        if visits.count < TaskMonitor.maximumRecordedVisits {
            visits.append(UnitVisit(arrivalMillis: millis, departureMillis: nil, isDepartureObserved: false))
        }
    }

    /// Closes the open visit, if any, at `millis`: a departure when `observed`, else the end of monitoring.
    mutating func leave(at millis: Int64, observed: Bool) {
        guard let since = insideSinceMillis else { return }
        let end = max(millis, since)
        closedOnSceneMillis += end - since
        insideSinceMillis = nil
        insideWhenStopped = !observed
        if observed { lastDepartureMillis = end }
        if let last = visits.indices.last, visits[last].departureMillis == nil {
            visits[last].departureMillis = end
            visits[last].isDepartureObserved = observed
        }
    }

    func snapshot(nowMillis: Int64) -> UnitMonitoringState {
        let open = insideSinceMillis.map { max(0, nowMillis - $0) } ?? 0
        return UnitMonitoringState(
            unitID: unitID,
            isAssigned: isAssigned,
            isInside: insideSinceMillis != nil || insideWhenStopped,
            firstArrivalMillis: firstArrivalMillis,
            lastArrivalMillis: lastArrivalMillis,
            lastDepartureMillis: lastDepartureMillis,
            timeOnSceneMillis: closedOnSceneMillis + open,
            distanceMeters: distanceMeters,
            visits: visits
        )
    }
}
