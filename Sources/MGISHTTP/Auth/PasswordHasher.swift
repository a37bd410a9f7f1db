import HummingbirdBcrypt
import NIOPosix

/// bcrypt, run on NIO's blocking thread pool: a hash takes tens to hundreds of milliseconds by
/// design and must not hold a cooperative-pool thread or an event loop.
public struct PasswordHasher: Sendable {
    /// bcrypt's cost (log2 of rounds).
    public let cost: UInt8

    public init(cost: UInt8 = 11) {
        self.cost = cost
    }

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await BlockingIO.run { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await BlockingIO.run { Bcrypt.verify(password, hash: hash) }
    }

    /// Passwords must have 10 to 128 characters.
    public static func check(_ password: String, field: String = "password") throws {
        guard (10...128).contains(password.count) else {
            throw APIError.invalidField(field, "must have 10 to 128 characters")
        }
    }
}
