import Foundation
import Hummingbird
import NIOCore

/// Builds JSON responses from `Encodable` values with stable key order.
enum JSONResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, contentType: String = "application/json; charset=utf-8") throws -> Response {
        let data = try encoder.encode(value)
        return Response(status: status, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func raw(_ data: Data, contentType: String) -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
