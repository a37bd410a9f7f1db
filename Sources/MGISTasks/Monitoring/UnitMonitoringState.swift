/// What monitoring knows about one unit on one task, for live views and reports.
public struct UnitMonitoringState: Hashable, Sendable, Codable {
    public var unitID: Int64
    /// Whether the unit is still assigned (a redispatch may have replaced it).
    public var isAssigned: Bool
    /// Whether the unit's last valid fix was inside the area; once monitoring stopped (the task
    /// finished, the unit was taken off it) this is where it was then.
    public var isInside: Bool
    public var firstArrivalMillis: Int64?
    public var lastArrivalMillis: Int64?
    /// The last departure seen in a fix (not the end of monitoring while inside).
    public var lastDepartureMillis: Int64?
    /// The sum of all visits, an open one counting up to the `nowMillis` the state was read at.
    public var timeOnSceneMillis: Int64
    /// Haversine distance between consecutive valid fixes since the unit was dispatched.
    public var distanceMeters: Double
    /// The recorded visits, oldest first (at most `TaskMonitor.maximumRecordedVisits`).
    public var visits: [UnitVisit]

    public init(
        unitID: Int64,
        isAssigned: Bool,
        isInside: Bool,
        firstArrivalMillis: Int64?,
        lastArrivalMillis: Int64?,
        lastDepartureMillis: Int64?,
        timeOnSceneMillis: Int64,
        distanceMeters: Double,
        visits: [UnitVisit]
    ) {
        self.unitID = unitID
        self.isAssigned = isAssigned
        self.isInside = isInside
        self.firstArrivalMillis = firstArrivalMillis
        self.lastArrivalMillis = lastArrivalMillis
        self.lastDepartureMillis = lastDepartureMillis
        self.timeOnSceneMillis = timeOnSceneMillis
        self.distanceMeters = distanceMeters
        self.visits = visits
    }
}
