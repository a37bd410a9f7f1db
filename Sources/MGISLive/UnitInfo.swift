/// What a wall display shows of a patrol unit besides its position.
public struct UnitInfo: Hashable, Sendable {
    /// The unit's id as the feed spells it (the decimal unit number, as a string).
    public var id: String
    /// Display name.
    public var name: String
    /// Radio call sign, shown on maps.
    public var callSign: String

    /// - Parameters:
    ///   - id: the unit's id as the feed spells it.
    ///   - name: display name.
    ///   - callSign: radio call sign.
    public init(id: String, name: String, callSign: String) {
        self.id = id
        self.name = name
        self.callSign = callSign
    }
}
