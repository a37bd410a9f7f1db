import Foundation
import HTTPTypes
import MGISStore
import MGISViolations

/// Maps the violations domain's errors to API errors.
enum ViolationErrors {
    /// The register names its checks with the CSV column names; the JSON API has its own names.
    static let jsonNames = [
        "time": "observed", "goods": "goodsDescription", "unit": "quantityUnit", "value_eur": "estimatedValueEUR",
        "plate": "vehiclePlate", "country": "vehicleCountry", "road": "roadOrCrossing", "task_id": "task", "unit_id": "unit",
        "user_id": "reportedBy",
    ]

    static func apiName(_ field: String) -> String { jsonNames[field] ?? field }

    static func mapped<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ViolationError {
            switch error.code {
            case .invalidDraft:
                let text = error.issues.map { "field '\(apiName($0.field.rawValue))' \($0.message)" }.joined(separator: "; ")
                throw APIError(.badRequest, "invalid_field", text.isEmpty ? error.message : text)
            case .versionConflict:
                throw APIError(.preconditionFailed, "version_conflict", error.message)
            case .invalidTransition, .closed:
                throw APIError(.conflict, "illegal_transition", error.message)
            case .overBudget:
                throw APIError(.unprocessableContent, "over_budget", error.message)
            default:
                throw APIError.badRequest(error.message)
            }
        } catch let error as StoreError where error.code == .notFound {
            throw APIError.notFound(error.message.replacingOccurrences(of: " does not exist", with: ""))
        }
    }
}
