import Foundation
import Hummingbird

/// Decodes a request body into a `Codable` DTO strictly: wrong types and missing fields are
/// refused with the field's path (`area.radiusMeters`), and so are fields the DTO does not know.
///
/// `JSONDecoder` ignores unknown keys, so the check is done by re-encoding the decoded value and
/// looking for input keys that did not survive the round trip (explicit nulls are allowed: they
/// mean "not given"). A typo such as `"titel"` is then an error, not a silently missing title.
enum StrictJSON {
    static func decode<T: Codable>(_ type: T.Type, from request: Request, limit: Int = JSONBody.maxBytes) async throws -> T {
        var request = request
        let buffer = try await request.collectBody(limitedTo: limit)
        guard buffer.readableBytes > 0 else { throw APIError.badRequest("a JSON object body is required") }
        return try decode(type, from: Data(buffer.readableBytesView))
    }

    static func decode<T: Codable>(_ type: T.Type, from data: Data) throws -> T {
        let input: JSONValue
        do {
            input = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw APIError.badRequest("the body is not valid JSON")
        }
        guard case .object = input else { throw APIError.badRequest("the body must be a JSON object") }
        let value: T
        do {
            value = try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw Self.apiError(error)
        } catch let error as APIError {
            throw error
        }
        let echoed = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
        if let unknown = Self.firstUnknownKey(in: input, comparedTo: echoed, path: "") {
            throw APIError.invalidField(unknown, "is not a known field")
        }
        return value
    }

    private static func firstUnknownKey(in input: JSONValue, comparedTo echoed: JSONValue, path: String) -> String? {
        switch (input, echoed) {
        case (.object(let given), .object(let known)):
            for key in given.keys.sorted() {
                let child = path.isEmpty ? key : "\(path).\(key)"
                guard let value = given[key], value != .null else { continue }
                guard let knownValue = known[key] else { return child }
                if let unknown = firstUnknownKey(in: value, comparedTo: knownValue, path: child) { return unknown }
            }
        case (.array(let given), .array(let known)) where given.count == known.count:
            for (index, pair) in zip(given, known).enumerated() {
                if let unknown = firstUnknownKey(in: pair.0, comparedTo: pair.1, path: "\(path)[\(index)]") { return unknown }
            }
        default:
            break
        }
        return nil
    }

    /// A decoding failure as the API's `invalid_field` error, naming the field's path.
    static func apiError(_ error: DecodingError) -> APIError {
        func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            var text = ""
            for key in codingPath + (last.map { [$0] } ?? []) {
                if let index = key.intValue { text += "[\(index)]" } else { text += text.isEmpty ? key.stringValue : ".\(key.stringValue)" }
            }
            return text.isEmpty ? "body" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return .invalidField(path(context.codingPath, key), "is required")
        case .typeMismatch(let type, let context):
            return .invalidField(path(context.codingPath), "must be \(Self.describe(type))")
        case .valueNotFound(let type, let context):
            return .invalidField(path(context.codingPath), "must be \(Self.describe(type)), not null")
        case .dataCorrupted(let context):
            return .invalidField(path(context.codingPath), context.debugDescription)
        @unknown default:
            return .badRequest("the body does not match the expected shape")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt32.Type: "a whole number"
        case is Double.Type: "a number"
        default: type is any Collection.Type ? "an array" : "an object"
        }
    }
}
