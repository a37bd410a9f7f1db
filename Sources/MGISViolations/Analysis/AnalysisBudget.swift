public import MGISCore

/// What one analysis may cost, and how it learns that nobody waits for it any more.
///
/// Every analysis a client can ask for estimates its elementary steps (cells x neighbours,
/// points x cells within reach, neighbour visits) before it starts, and refuses to start above
/// `maxSteps` with an error that names what to change. Long loops call `cancellation` now and
/// then, so a computation whose client hung up stops instead of running to its end.
public struct AnalysisBudget: Sendable {
    /// The most steps one analysis may take.
    public var maxSteps: Int
    public var cancellation: CancellationCheck

    public init(maxSteps: Int, cancellation: CancellationCheck = .never) {
        self.maxSteps = maxSteps
        self.cancellation = cancellation
    }

    /// No limit and no cancellation: command-line tools, references and tests.
    public static let unlimited = AnalysisBudget(maxSteps: .max)

    /// Throws `ViolationError.Code.overBudget` when `steps` exceeds the budget.
    /// - Parameter advice: what the caller can change, e.g. "enlarge the cell or narrow the area".
    public func admit(steps: Int, advice: String) throws {
        guard steps > maxSteps else { return }
        throw ViolationError(
            .overBudget,
            "this analysis would take about \(Self.rounded(steps)) steps, more than the \(Self.rounded(maxSteps)) allowed: \(advice)"
        )
    }

    /// Throws `CancellationError` once the client is gone.
    @inline(__always)
    public func checkCancelled() throws {
        try cancellation.check()
    }

    static func rounded(_ steps: Int) -> String {
        switch steps {
        case 1_000_000_000...: "\(steps / 1_000_000_000) billion"
        case 1_000_000...: "\(steps / 1_000_000) million"
        default: "\(steps)"
        }
    }

    /// `a * b`, saturating instead of overflowing (estimates of absurd requests stay refusable).
    static func product(_ a: Int, _ b: Int) -> Int {
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? .max : value
    }
}
