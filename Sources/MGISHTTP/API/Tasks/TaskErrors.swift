import Foundation
import HTTPTypes
import MGISDispatch
import MGISStore
import MGISTasks
import MGISViolations

/// Maps the task domain's and the store's errors to API errors.
enum TaskErrors {
    static func api(_ error: any Error) -> any Error {
        switch error {
        case let error as TaskTransitionError:
            switch error.kind {
            case .conflict(let current):
                var api = APIError(.preconditionFailed, "version_conflict", "\(error.message) (current version \(current))")
                api.headers[.eTag] = TaskController.etag(current)
                return api
            case .forbidden:
                return APIError.forbidden(error.message)
            case .illegalTransition:
                return APIError(.conflict, "illegal_transition", error.message)
            case .invalid(let issues):
                return invalid(issues)
            }
        case let error as TaskValidationError:
            return invalid(error.issues)
        case let error as TaskResultViolationError:
            // Named as the result's own checks name them: result.violations[1].type.
            let text = error.error.issues.map { issue in
                "field 'result.violations[\(error.index)].\(ViolationErrors.apiName(issue.field.rawValue))' \(issue.message)"
            }
            return APIError(.badRequest, "invalid_field", text.isEmpty ? "violation \(error.index): \(error.error.message)" : text.joined(separator: "; "))
        case let error as StoreError where error.code == .notFound:
            return APIError.notFound(error.message.replacingOccurrences(of: " does not exist", with: ""))
        case let error as StoreError where error.code == .duplicateName:
            return APIError.conflict(error.message)
        default:
            return error
        }
    }

    /// Every problem in one message, the first field first so a form can point at it.
    static func invalid(_ issues: [MGISTasks.ValidationIssue]) -> APIError {
        let text = issues.map { "field '\($0.field)' \($0.message)" }.joined(separator: "; ")
        return APIError(.badRequest, "invalid_field", text.isEmpty ? "the task is not valid" : text)
    }
}
