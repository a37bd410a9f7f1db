import Foundation
import Hummingbird

/// A JSON object from a request body, read strictly: unknown fields and wrong types are refused
/// with the field named, and the body size is limited.
struct JSONBody {
    /// Request bodies larger than this are refused with 413.
    static let maxBytes = 64 * 1024

    private let object: [String: JSONValue]

    /// Reads and parses the body; refuses non-objects and fields not in `allowed`.
    init(_ request: Request, allowed: Set<String>) async throws {
        var request = request
        let buffer = try await request.collectBody(limitedTo: Self.maxBytes)
        try self.init(Data(buffer.readableBytesView), allowed: allowed)
    }

    /// Parses a body already read (the request initialiser's second half; the API-body fuzz
    /// target calls it directly).
    init(_ body: Data, allowed: Set<String>) throws {
        guard !body.isEmpty else { throw APIError.badRequest("a JSON object body is required") }
        let parsed: JSONValue
        do {
            parsed = try JSONDecoder().decode(JSONValue.self, from: body)
        } catch {
            throw APIError.badRequest("the body is not valid JSON")
        }
        guard case .object(let object) = parsed else { throw APIError.badRequest("the body must be a JSON object") }
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw APIError.invalidField(unknown, "is not a known field")
        }
        self.object = object
    }

    func has(_ field: String) -> Bool { object[field] != nil }

    /// What a change asked for, for its audit event: `fields` names every field given, and
    /// `new.FIELD` the value given, except for `secret` fields (a password), whose value never
    /// enters the trail. Long texts are cut at 200 characters.
    func auditDetails(secret: Set<String> = ["password"]) -> [String: String] {
        var details = ["fields": object.keys.sorted().joined(separator: ",")]
        for (field, value) in object where !secret.contains(field) {
            let text: String? =
                switch value {
                case .null: "null"
                case .bool(let flag): String(flag)
                case .number(let number): Int64(exactly: number).map(String.init) ?? String(number)
                case .string(let string): string
                case .array(let items):
                    items.compactMap { if case .string(let item) = $0 { item } else if case .number(let n) = $0 { String(n) } else { nil } }
                        .joined(separator: ",")
                case .object: nil
                }
            if let text { details["new." + field] = String(text.prefix(200)) }
        }
        return details
    }

    /// Whether the field is present with an explicit null (to clear a value).
    func isNull(_ field: String) -> Bool { object[field] == .null }

    func string(_ field: String) throws -> String? {
        switch object[field] {
        case nil, .null: return nil
        case .string(let text): return text
        default: throw APIError.invalidField(field, "must be a string")
        }
    }

    func requiredString(_ field: String) throws -> String {
        guard let text = try string(field) else { throw APIError.invalidField(field, "is required") }
        return text
    }

    func bool(_ field: String) throws -> Bool? {
        switch object[field] {
        case nil, .null: return nil
        case .bool(let value): return value
        default: throw APIError.invalidField(field, "must be true or false")
        }
    }

    func int(_ field: String) throws -> Int64? {
        switch object[field] {
        case nil, .null: return nil
        case .number(let value):
            guard let integer = Int64(exactly: value) else { throw APIError.invalidField(field, "must be a whole number") }
            return integer
        default: throw APIError.invalidField(field, "must be a whole number")
        }
    }

    func strings(_ field: String) throws -> [String]? {
        switch object[field] {
        case nil, .null: return nil
        case .array(let values):
            return try values.map { value in
                guard case .string(let text) = value else { throw APIError.invalidField(field, "must be an array of strings") }
                return text
            }
        default: throw APIError.invalidField(field, "must be an array of strings")
        }
    }
}
