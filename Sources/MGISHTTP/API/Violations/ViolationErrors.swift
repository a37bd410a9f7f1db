import Foundation
import HTTPTypes
import MGISStore
import MGISViolations

/// Maps the violations domain's errors to API errors.
enum ViolationErrors {
    static func mapped<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ViolationError {
            switch error.code {
            case .invalidDraft:
                let text = error.issues.map { "field '\($0.field)' \($0.message)" }.joined(separator: "; ")
                throw APIError(.badRequest, "invalid_field", text.isEmpty ? error.message : text)
            case .versionConflict:
                throw APIError(.preconditionFailed, "version_conflict", error.message)
            case .invalidTransition, .closed:
                throw APIError(.conflict, "illegal_transition", error.message)
            default:
                throw APIError.badRequest(error.message)
            }
        } catch let error as StoreError where error.code == .notFound {
            throw APIError.notFound(error.message.replacingOccurrences(of: " does not exist", with: ""))
        }
    }
}
