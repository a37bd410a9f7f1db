extension AttachmentMetadata {
    /// The issues with this attachment's description, with fields under `prefix`.
    public func validationIssues(prefix: String) -> [ValidationIssue] {
        var issues = ValidationIssues()
        issues.checkText(name, "\(prefix).name", length: TaskLimits.attachmentNameLength)
        let parts = mediaType.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count != 2 || parts.contains(where: \.isEmpty) || mediaType.contains(where: \.isWhitespace) {
            issues.add("\(prefix).mediaType", "must look like type/subtype, such as image/jpeg")
        }
        if !(0...TaskLimits.maximumAttachmentBytes).contains(sizeBytes) {
            issues.add("\(prefix).sizeBytes", "must be between 0 and \(TaskLimits.maximumAttachmentBytes)")
        }
        if let sha256Hex, sha256Hex.utf8.count != 64 || !sha256Hex.utf8.allSatisfy(Self.isLowerHex) {
            issues.add("\(prefix).sha256Hex", "must be 64 lower-case hex digits")
        }
        return issues.issues
    }

    private static func isLowerHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}
