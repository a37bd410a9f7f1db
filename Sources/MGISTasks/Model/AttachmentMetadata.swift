/// Describes a file attached to a task (a photo, a map, an order). The bytes live elsewhere;
/// the digest lets a patrol app verify what it downloaded.
public struct AttachmentMetadata: Hashable, Sendable, Codable {
    /// The file name as shown to users.
    public var name: String
    /// The media type, such as `image/jpeg`.
    public var mediaType: String
    public var sizeBytes: Int64
    /// Lower-case hex SHA-256 of the content, when known.
    public var sha256Hex: String?

    public init(name: String, mediaType: String, sizeBytes: Int64, sha256Hex: String? = nil) {
        self.name = name
        self.mediaType = mediaType
        self.sizeBytes = sizeBytes
        self.sha256Hex = sha256Hex
    }
}
