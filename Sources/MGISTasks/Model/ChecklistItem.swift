/// One step a dispatcher wants done, ticked off by the patrol in its result.
public struct ChecklistItem: Hashable, Sendable, Codable {
    public var text: String
    public var done: Bool

    public init(text: String, done: Bool = false) {
        self.text = text
        self.done = done
    }
}
