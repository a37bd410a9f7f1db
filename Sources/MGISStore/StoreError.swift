/// A request the store refuses, with a message an operator can act on.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case duplicateName = "duplicate_name"
        case duplicateID = "duplicate_id"
        case duplicateIMEI = "duplicate_imei"
        case unknownDevice = "unknown_device"
        case invalidInput = "invalid_input"
        case notFound = "not_found"
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
