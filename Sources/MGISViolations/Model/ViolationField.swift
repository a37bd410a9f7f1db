/// The fields of a violation draft, with the names CSV columns and GeoJSON properties use.
public enum ViolationField: String, Hashable, Sendable, Codable, CaseIterable {
    case time
    case location
    case type
    case goods
    case quantity
    case unit
    case valueEUR = "value_eur"
    case plate
    case country
    case road
    case taskID = "task_id"
    case unitID = "unit_id"
    case userID = "user_id"
    case notes
}
