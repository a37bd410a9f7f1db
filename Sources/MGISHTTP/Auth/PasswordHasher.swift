import HTTPTypes
import HummingbirdBcrypt
import MGISCore

/// bcrypt, run on the bounded worker pool: a hash takes tens to hundreds of milliseconds by
/// design and must not hold a cooperative-pool thread or an event loop, and a crowd of logins
/// must not get more threads than the pool has (a full pool answers `503`).
public struct PasswordHasher: Sendable {
    /// bcrypt's cost (log2 of rounds).
    public let cost: UInt8
    private let workers: WorkerPool

    public init(cost: UInt8 = 11, workers: WorkerPool) {
        self.cost = cost
        self.workers = workers
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await workers.run { _ in Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await workers.run { _ in Bcrypt.verify(password, hash: hash) }
    }

    /// Refuses a password `PasswordPolicy` does not allow: too short is a `400 invalid_field`,
    /// longer than bcrypt reads a `422 password_too_long` (well-formed, but it would be cut).
    public static func check(_ password: String, field: String = "password") throws {
        switch PasswordPolicy.problem(password) {
        case nil: return
        case .tooShort?: throw APIError.invalidField(field, PasswordPolicy.Problem.tooShort.message)
        case let problem?: throw APIError(.unprocessableContent, "password_too_long", "field '\(field)' \(problem.message)")
        }
    }
}
