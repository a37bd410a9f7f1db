import Hummingbird
import MGISCore
import MGISViolations

/// The filters every violation list and analysis takes from its query string:
/// from, to, types, unit, minValue, maxValue and area ("lat,lon;lat,lon;lat,lon;...").
enum ViolationFilterQuery {
    /// - Parameter catalog: the known type codes; a code outside it is refused by name, since a
    ///   typo would otherwise read as "nothing of that type happened".
    static func parse(_ request: Request, catalog: ViolationTypeCatalog) throws -> AnalysisFilter {
        let parameters = request.uri.queryParameters
        let from = try parameters.get("from").map { try TrackController.time($0, field: "from") }
        let to = try parameters.get("to").map { try TrackController.time($0, field: "to") }
        var timeRange: Range<Int64>?
        if from != nil || to != nil {
            let lower = from ?? Timestamp.range.lowerBound
            let upper = to ?? Timestamp.range.upperBound
            guard lower < upper else { throw APIError.invalidField("from", "must be before 'to'") }
            timeRange = lower..<upper
        }
        let types = parameters.get("types").map { Set($0.split(separator: ",").map(String.init)) }
        try checkTypes(types, catalog: catalog)
        let unit = try parameters.get("unit").map { try UnitIDs.parse([$0], field: "unit")[0] }
        let minValue = try parameters.get("minValue").map { try number($0, field: "minValue") }
        let maxValue = try parameters.get("maxValue").map { try number($0, field: "maxValue") }
        var valueRange: ClosedRange<Double>?
        if minValue != nil || maxValue != nil {
            let lower = minValue ?? 0
            let upper = maxValue ?? .greatestFiniteMagnitude
            guard lower <= upper else { throw APIError.invalidField("minValue", "must not be above 'maxValue'") }
            valueRange = lower...upper
        }
        let area = try parameters.get("area").map(polygon)
        return AnalysisFilter(timeRange: timeRange, typeCodes: types, area: area, unitID: unit, valueRangeEUR: valueRange)
    }

    /// Refuses a type code the catalog does not know, naming it and the known ones.
    static func checkTypes(_ types: Set<String>?, catalog: ViolationTypeCatalog) throws {
        guard let unknown = types?.sorted().first(where: { !catalog.contains(code: $0) }) else { return }
        throw APIError.invalidField(
            "types", "has the unknown type '\(unknown.prefix(40))'; known: \(catalog.types.map(\.code).joined(separator: ", "))"
        )
    }

    static func number(_ text: String, field: String) throws -> Double {
        guard let value = Double(text), value.isFinite else { throw APIError.invalidField(field, "must be a number") }
        return value
    }

    /// "lat,lon;lat,lon;..." with at least three corners on the globe.
    static func polygon(_ text: String) throws -> GeoPolygon {
        let corners = try text.split(separator: ";").map { pair -> GeoPoint in
            let parts = pair.split(separator: ",")
            guard parts.count == 2, let lat = Double(parts[0]), let lon = Double(parts[1]) else {
                throw APIError.invalidField("area", "must be corners 'lat,lon;lat,lon;...'")
            }
            return GeoPoint(latitude: lat, longitude: lon)
        }
        let polygon = GeoPolygon(outer: corners)
        guard polygon.isValid else { throw APIError.invalidField("area", "needs at least three distinct corners on the globe") }
        return polygon
    }
}
