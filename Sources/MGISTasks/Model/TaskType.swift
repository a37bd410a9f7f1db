/// What kind of work a task asks of a patrol; decides how the app presents it and how reports group it.
public enum TaskType: String, CaseIterable, Codable, Hashable, Sendable {
    /// Patrol an area for the length of the window.
    case areaPatrol = "area_patrol"
    /// Hold a checkpoint and check passing vehicles.
    case checkpoint
    /// Accompany a vehicle or consignment.
    case escort
    /// Inspect a named place, vehicle or consignment.
    case inspection
    /// Watch a place without intervening.
    case surveillance
    /// Anything else; the instructions say what.
    case other
}
