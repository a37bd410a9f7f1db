public import MGISCore

extension GeoArea {
    /// The issues that make the area unusable as a task area, with fields under `prefix`.
    public func validationIssues(prefix: String = "area") -> [ValidationIssue] {
        var issues = ValidationIssues()
        switch self {
        case .circle(let center, let radius):
            if !center.isValid { issues.add("\(prefix).center", "must be a point on the globe") }
            if !(radius.isFinite && radius > 0) {
                issues.add("\(prefix).radiusMeters", "must be a positive number of metres")
            } else if radius > TaskLimits.maximumCircleRadiusMeters {
                issues.add("\(prefix).radiusMeters", "must be at most \(Int(TaskLimits.maximumCircleRadiusMeters)) m")
            }
        case .polygon(let polygon):
            let vertices = polygon.outer.count + polygon.holes.reduce(0) { $0 + $1.count }
            if vertices > TaskLimits.maximumPolygonVertices {
                issues.add("\(prefix).polygon", "must have at most \(TaskLimits.maximumPolygonVertices) vertices, has \(vertices)")
            }
            if !GeoPolygon(outer: polygon.outer).isValid {
                issues.add("\(prefix).polygon.outer", "needs at least 3 distinct points on the globe")
            }
            for (index, hole) in polygon.holes.enumerated() where !GeoPolygon(outer: hole).isValid {
                issues.add("\(prefix).polygon.holes[\(index)]", "needs at least 3 distinct points on the globe")
            }
        }
        return issues.issues
    }
}
