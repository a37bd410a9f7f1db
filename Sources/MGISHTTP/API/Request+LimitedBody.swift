import Hummingbird
import NIOCore

extension Request {
    /// The whole body, kept in the request for later readers; 413 naming `limit` when it is longer.
    mutating func collectBody(limitedTo limit: Int) async throws -> ByteBuffer {
        do {
            return try await collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge(limit: limit)
        }
    }
}
