public import Hummingbird
public import HummingbirdWebSocket
import Logging

/// The request context of every MGIS route: who is calling, once the token is checked.
public struct MGISRequestContext: RequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<Self>
    /// Set by `TokenMiddleware` on authenticated routes.
    public var identity: Identity?
    /// The client's address, for the login throttle and the audit trail.
    public let remoteAddress: String?
    /// Records the handler returned, for the audit trail (`AuditMiddleware`).
    public let readObjects = AuditReadObjects()

    public init(source: Source) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
        webSocket = .init()
        identity = nil
    }

    /// Request bodies are read with explicit limits (`JSONBody`); this caps anything else.
    public var maxUploadSize: Int { 1 << 20 }

    /// The identity of an authenticated route (the middleware guarantees it is set).
    public func requireIdentity() throws -> Identity {
        guard let identity else { throw APIError.unauthorized }
        return identity
    }
}
