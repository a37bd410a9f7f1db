import Foundation
import HTTPTypes
import Hummingbird

/// Sets the browser-hardening headers on every response, pages and API alike.
///
/// The pages hold bearer tokens in sessionStorage, so script injected into one would act as the
/// signed-in user. The policy lets a page run only the server's own script files and style
/// sheets (no inline script, no inline `style` attributes or `<style>` blocks; setting
/// `element.style` from those scripts stays allowed), load images from itself, `data:`/`blob:`
/// URLs and the configured tile server, and talk only to its own origin and the live feed's
/// WebSocket. It may not be framed (clickjacking), sends no referrer (tokens never leave in a
/// `Referer`), and responses are never content-sniffed into script.
///
/// With TLS on, `Strict-Transport-Security` tells a browser to use only HTTPS for this host for a
/// year, so a later `http://` link or a network that strips TLS cannot make it send a password or
/// token in clear. It is left out on plain HTTP, where a browser ignores it anyway, and it names
/// no subdomains: mgisd knows nothing of other hosts of its domain.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The `Content-Security-Policy` value sent.
    let policy: String
    /// Whether responses carry `Strict-Transport-Security` (the port speaks HTTPS).
    let strictTransportSecurity: Bool

    /// The `Strict-Transport-Security` value: one year, renewed by every response.
    static var hstsValue: String { "max-age=31536000" }

    /// - Parameters:
    ///   - tileURL: the `--tiles` URL template when the maps load tiles from another server; its
    ///     origin joins `img-src`.
    ///   - strictTransportSecurity: true when the port speaks HTTPS.
    init(tileURL: String?, strictTransportSecurity: Bool = false) {
        self.strictTransportSecurity = strictTransportSecurity
        let tiles = tileURL.flatMap(Self.tileSource).map { " \($0)" } ?? ""
        policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:\(tiles); "
            + "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            // Answers made from errors (a 404 past every route) get the headers too.
            response = try error.response(from: request, context: context)
        }
        response.headers[.contentSecurityPolicy] = policy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "no-referrer"
        response.headers[.xFrameOptions] = "DENY"
        if strictTransportSecurity { response.headers[.strictTransportSecurity] = Self.hstsValue }
        return response
    }

    /// The CSP source of a tile URL template: `https://{s}.tile.example.org/{z}/{x}/{y}.png`
    /// gives `https://*.tile.example.org`. A placeholder deeper in the host widens it to the
    /// scheme alone; nil for a relative URL or one whose text could break out of the policy.
    static func tileSource(_ template: String) -> String? {
        guard let schemeEnd = template.range(of: "://") else { return nil }
        let scheme = template[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "https" || scheme == "http" else { return nil }
        let authority = template[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:{}[]")
        guard !authority.isEmpty, authority.allSatisfy(allowed.contains), !authority.contains("@") else { return nil }
        var labels = authority.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if labels.first?.contains("{") == true { labels[0] = "*" }
        guard !labels.dropFirst().contains(where: { $0.contains("{") || $0.contains("}") }), !labels[0].contains("}") else {
            return "\(scheme):"
        }
        return "\(scheme)://\(labels.joined(separator: "."))"
    }
}

extension HTTPField.Name {
    static let referrerPolicy = Self("Referrer-Policy")!
    static let xFrameOptions = Self("X-Frame-Options")!
}
