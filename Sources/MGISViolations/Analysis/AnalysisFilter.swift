public import MGISCore

/// Which violations an analysis looks at. Every analysis applies it first; `nil` means "any".
public struct AnalysisFilter: Hashable, Sendable, Codable {
    /// Observation times, half-open: `lowerBound` included, `upperBound` excluded (ms since epoch).
    public var timeRange: Range<Int64>?
    /// Violation type codes to keep.
    public var typeCodes: Set<String>?
    /// The study area: only violations inside it count, and grids cover its bounding box.
    public var area: GeoPolygon?
    /// Only violations found by this patrol unit.
    public var unitID: Int64?
    /// Estimated value in euros, inclusive. Violations without a value do not match a value range.
    public var valueRangeEUR: ClosedRange<Double>?

    public init(
        timeRange: Range<Int64>? = nil,
        typeCodes: Set<String>? = nil,
        area: GeoPolygon? = nil,
        unitID: Int64? = nil,
        valueRangeEUR: ClosedRange<Double>? = nil
    ) {
        self.timeRange = timeRange
        self.typeCodes = typeCodes
        self.area = area
        self.unitID = unitID
        self.valueRangeEUR = valueRangeEUR
    }

    /// Everything.
    public static let all = AnalysisFilter()

    /// Whether `violation` passes every condition. The polygon test, the dearest, runs last.
    public func matches(_ violation: Violation) -> Bool {
        if let timeRange, !timeRange.contains(violation.observedMillis) { return false }
        if let typeCodes, !typeCodes.contains(violation.typeCode) { return false }
        if let unitID, violation.unitID != unitID { return false }
        if let valueRangeEUR {
            guard let value = violation.estimatedValueEUR, valueRangeEUR.contains(value) else { return false }
        }
        if let area, !area.contains(violation.location) { return false }
        return true
    }

    /// The violations that pass, in input order.
    public func apply(_ violations: [Violation]) -> [Violation] {
        violations.filter(matches)
    }
}
