import MGISTasks

/// One lifecycle step: `{"action": "dispatch", "units": ["7"]}`, `{"action": "complete", "result": {...}}`, ...
struct TaskActionDTO: Codable, Sendable {
    var action: String
    var units: [String]?
    var reason: String?
    var result: TaskResultDTO?

    static let names = ["dispatch", "acknowledge", "en_route", "on_scene", "complete", "fail", "cancel", "redispatch"]

    func command() throws -> TaskCommand {
        switch action {
        // Without `units`, a draft goes to the units it already names (the lifecycle refuses
        // one that names none).
        case "dispatch": return .dispatch(unitIDs: try UnitIDs.parse(units ?? [], field: "units"))
        case "redispatch": return .redispatch(unitIDs: try UnitIDs.parse(try required(units, "units"), field: "units"))
        case "acknowledge": return .acknowledge
        case "en_route": return .startEnRoute
        case "on_scene": return .arriveOnScene
        case "complete": return .complete(try required(result, "result").result(field: "result"))
        case "fail": return .fail(reason: reason ?? "")
        case "cancel": return .cancel(reason: reason ?? "")
        default: throw APIError.invalidField("action", "must be one of \(Self.names.joined(separator: ", "))")
        }
    }

    private func required<T>(_ value: T?, _ field: String) throws -> T {
        guard let value else { throw APIError.invalidField(field, "is required for \(action)") }
        return value
    }
}
