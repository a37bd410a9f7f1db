/// One stay of a unit in a task's area, from its first fix inside to its first fix outside.
public struct UnitVisit: Hashable, Sendable, Codable {
    public var arrivalMillis: Int64
    /// The first fix outside; or the moment the task ended or the unit was taken off it while
    /// still inside; `nil` while the unit is still in the area.
    public var departureMillis: Int64?
    /// `true` when a fix outside the area ended the visit, `false` when the task's end or the
    /// unit's removal closed it (or it is still open).
    public var isDepartureObserved: Bool

    public init(arrivalMillis: Int64, departureMillis: Int64?, isDepartureObserved: Bool) {
        self.arrivalMillis = arrivalMillis
        self.departureMillis = departureMillis
        self.isDepartureObserved = isDepartureObserved
    }

    /// Milliseconds of this visit inside `fromMillis ..< toMillis`, an open visit counting up to `nowMillis`.
    public func millisOnScene(from fromMillis: Int64, to toMillis: Int64, nowMillis: Int64) -> Int64 {
        let end = min(departureMillis ?? nowMillis, toMillis)
        return max(0, end - max(arrivalMillis, fromMillis))
    }
}
