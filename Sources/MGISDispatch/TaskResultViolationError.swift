public import MGISViolations

/// The register refused violation `index` of a task's result (an unknown type, say): the task
/// was not completed and nothing was recorded.
public struct TaskResultViolationError: Error, Sendable, CustomStringConvertible {
    public let index: Int
    public let error: ViolationError

    public var description: String { "violation \(index) of the result: \(error)" }
}
