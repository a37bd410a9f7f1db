import Foundation
import MGISHTTP

/// The API's own JSON value (booleans and numbers kept distinct), with what the schema checks need.
typealias JSONSchemaValue = JSONValue

extension JSONValue: CustomStringConvertible {
    /// Parses UTF-8 JSON text.
    static func parse(_ data: Data) throws -> JSONSchemaValue {
        try JSONDecoder().decode(JSONSchemaValue.self, from: data)
    }

    static func parse(_ text: String) throws -> JSONSchemaValue {
        try parse(Data(text.utf8))
    }

    subscript(key: String) -> JSONSchemaValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    var objectValue: [String: JSONSchemaValue]? {
        if case .object(let object) = self { return object }
        return nil
    }

    var arrayValue: [JSONSchemaValue]? {
        if case .array(let array) = self { return array }
        return nil
    }

    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var numberValue: Double? {
        if case .number(let number) = self { return number }
        return nil
    }

    /// The JSON type name, with "integer" for whole numbers.
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number(let number): number.rounded() == number && number.isFinite ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .number(let number): number.rounded() == number && abs(number) < 1e15 ? "\(Int64(number))" : "\(number)"
        case .string(let text): "\"\(text)\""
        case .array(let items): "[" + items.map(\.description).joined(separator: ",") + "]"
        case .object(let object): "{" + object.keys.sorted().map { "\"\($0)\":\(object[$0]!)" }.joined(separator: ",") + "}"
        }
    }
}

/// The first place where a value breaks its schema.
struct JSONSchemaViolation: Error, Equatable, CustomStringConvertible {
    /// Where, as `$`, `$.items[0].name`, ...
    let path: String
    let message: String

    var description: String { "\(path): \(message)" }
}

/// A small JSON Schema (2020-12 style, as OpenAPI 3.1 uses it) validator: just the keywords the
/// API document uses. `$ref` resolves JSON pointers (`#/components/schemas/...`) in `root`;
/// annotations (`description`, `format`, `default`, `examples`, ...) are not checked.
struct JSONSchemaValidator {
    /// The keywords that are checked.
    static let validationKeywords: Set<String> = [
        "$ref", "type", "properties", "required", "additionalProperties", "items", "enum", "const", "oneOf", "anyOf", "allOf",
        "minItems", "maxItems", "minLength", "maxLength", "minimum", "maximum",
    ]
    /// Keywords that only annotate.
    static let annotationKeywords: Set<String> = ["description", "title", "format", "default", "examples", "example", "deprecated"]

    /// The document `$ref`s point into.
    let root: JSONSchemaValue

    init(root: JSONSchemaValue) {
        self.root = root
    }

    /// The first violation of `schema` by `value`, or nil when it conforms.
    func validate(_ value: JSONSchemaValue, against schema: JSONSchemaValue, path: String = "$") -> JSONSchemaViolation? {
        switch schema {
        case .bool(true): return nil
        case .bool(false): return JSONSchemaViolation(path: path, message: "no value is allowed here")
        case .object(let keywords): return validate(value, keywords, path: path)
        default: return JSONSchemaViolation(path: path, message: "the schema is not an object: \(schema)")
        }
    }

    /// The schema a `$ref` like `#/components/schemas/User` points to.
    func resolve(_ reference: String) -> JSONSchemaValue? {
        guard reference.hasPrefix("#") else { return nil }
        var node = root
        for token in reference.dropFirst().split(separator: "/", omittingEmptySubsequences: true) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch node {
            case .object(let object):
                guard let next = object[key] else { return nil }
                node = next
            case .array(let array):
                guard let index = Int(key), array.indices.contains(index) else { return nil }
                node = array[index]
            default: return nil
            }
        }
        return node
    }

    private func validate(_ value: JSONSchemaValue, _ schema: [String: JSONSchemaValue], path: String) -> JSONSchemaViolation? {
        // 2020-12: `$ref` applies alongside its sibling keywords.
        if let reference = schema["$ref"] {
            guard let text = reference.stringValue, let target = resolve(text) else {
                return JSONSchemaViolation(path: path, message: "unresolvable $ref \(reference)")
            }
            if let violation = validate(value, against: target, path: path) { return violation }
        }
        if let type = schema["type"] {
            let allowed = type.arrayValue?.compactMap(\.stringValue) ?? type.stringValue.map { [$0] } ?? []
            let actual = value.typeName
            let matches = allowed.contains(actual) || (actual == "integer" && allowed.contains("number"))
            if !matches {
                return JSONSchemaViolation(path: path, message: "expected \(allowed.joined(separator: " or ")), got \(actual) \(Self.short(value))")
            }
        }
        if let constant = schema["const"], value != constant {
            return JSONSchemaViolation(path: path, message: "expected \(constant), got \(Self.short(value))")
        }
        if let options = schema["enum"]?.arrayValue, !options.contains(value) {
            return JSONSchemaViolation(
                path: path, message: "\(Self.short(value)) is not one of \(options.map(\.description).joined(separator: ", "))"
            )
        }
        if let violation = validateComposition(value, schema, path: path) { return violation }
        switch value {
        case .object(let object): return validateObject(object, schema, path: path)
        case .array(let items): return validateArray(items, schema, path: path)
        case .string(let text):
            let count = text.count
            if let minimum = schema["minLength"]?.numberValue, Double(count) < minimum {
                return JSONSchemaViolation(path: path, message: "\(count) characters, fewer than \(Int(minimum))")
            }
            if let maximum = schema["maxLength"]?.numberValue, Double(count) > maximum {
                return JSONSchemaViolation(path: path, message: "\(count) characters, more than \(Int(maximum))")
            }
        case .number(let number):
            if let minimum = schema["minimum"]?.numberValue, number < minimum {
                return JSONSchemaViolation(path: path, message: "\(value) is below the minimum \(minimum)")
            }
            if let maximum = schema["maximum"]?.numberValue, number > maximum {
                return JSONSchemaViolation(path: path, message: "\(value) is above the maximum \(maximum)")
            }
        case .null, .bool: break
        }
        return nil
    }

    private func validateComposition(_ value: JSONSchemaValue, _ schema: [String: JSONSchemaValue], path: String) -> JSONSchemaViolation? {
        if let all = schema["allOf"]?.arrayValue {
            for branch in all {
                if let violation = validate(value, against: branch, path: path) { return violation }
            }
        }
        if let any = schema["anyOf"]?.arrayValue {
            let failures = any.compactMap { validate(value, against: $0, path: path) }
            if failures.count == any.count {
                return JSONSchemaViolation(
                    path: path, message: "matches none of anyOf: " + failures.map(\.description).joined(separator: "; ")
                )
            }
        }
        if let one = schema["oneOf"]?.arrayValue {
            let failures = one.map { validate(value, against: $0, path: path) }
            let matched = failures.filter { $0 == nil }.count
            if matched == 0 {
                return JSONSchemaViolation(
                    path: path, message: "matches none of oneOf: " + failures.compactMap { $0?.description }.joined(separator: "; ")
                )
            }
            if matched > 1 {
                return JSONSchemaViolation(path: path, message: "matches \(matched) branches of oneOf, not exactly one")
            }
        }
        return nil
    }

    private func validateObject(_ object: [String: JSONSchemaValue], _ schema: [String: JSONSchemaValue], path: String) -> JSONSchemaViolation? {
        let properties = schema["properties"]?.objectValue ?? [:]
        for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[name] == nil {
            return JSONSchemaViolation(path: path, message: "required property '\(name)' is missing")
        }
        for name in object.keys.sorted() {
            let member = Self.member(path, name)
            if let property = properties[name] {
                if let violation = validate(object[name]!, against: property, path: member) { return violation }
            } else if let additional = schema["additionalProperties"] {
                if additional == .bool(false) {
                    return JSONSchemaViolation(path: member, message: "property '\(name)' is not allowed")
                }
                if let violation = validate(object[name]!, against: additional, path: member) { return violation }
            }
        }
        return nil
    }

    private func validateArray(_ items: [JSONSchemaValue], _ schema: [String: JSONSchemaValue], path: String) -> JSONSchemaViolation? {
        if let minimum = schema["minItems"]?.numberValue, Double(items.count) < minimum {
            return JSONSchemaViolation(path: path, message: "\(items.count) items, fewer than \(Int(minimum))")
        }
        if let maximum = schema["maxItems"]?.numberValue, Double(items.count) > maximum {
            return JSONSchemaViolation(path: path, message: "\(items.count) items, more than \(Int(maximum))")
        }
        if let itemSchema = schema["items"] {
            for (index, item) in items.enumerated() {
                if let violation = validate(item, against: itemSchema, path: "\(path)[\(index)]") { return violation }
            }
        }
        return nil
    }

    private static func member(_ path: String, _ name: String) -> String {
        let plain = !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } && !name.first!.isNumber
        return plain ? "\(path).\(name)" : "\(path)[\"\(name)\"]"
    }

    private static func short(_ value: JSONSchemaValue) -> String {
        let text = value.description
        return text.count <= 80 ? text : String(text.prefix(77)) + "..."
    }

    /// Every keyword used in the schemas of `schema` that this validator neither checks nor knows as an
    /// annotation, as `path: keyword` (so a document cannot silently rely on something unchecked).
    static func unsupportedKeywords(in schema: JSONSchemaValue, path: String) -> [String] {
        guard case .object(let keywords) = schema else { return [] }
        var found: [String] = []
        for (keyword, value) in keywords.sorted(by: { $0.key < $1.key }) {
            switch keyword {
            case "properties":
                for (name, property) in (value.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
                    found += unsupportedKeywords(in: property, path: "\(path)/properties/\(name)")
                }
            case "items", "additionalProperties":
                found += unsupportedKeywords(in: value, path: "\(path)/\(keyword)")
            case "oneOf", "anyOf", "allOf":
                for (index, branch) in (value.arrayValue ?? []).enumerated() {
                    found += unsupportedKeywords(in: branch, path: "\(path)/\(keyword)/\(index)")
                }
            default:
                if !validationKeywords.contains(keyword) && !annotationKeywords.contains(keyword) {
                    found.append("\(path): \(keyword)")
                }
            }
        }
        return found
    }
}
