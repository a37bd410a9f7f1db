import Crypto
import Foundation

/// Makes bearer tokens and the hashes under which they are stored.
///
/// A token is 32 random bytes, base64url without padding, behind a short prefix that says what it
/// is when it turns up in a config file. Only SHA-256 of the token is stored: a leaked database
/// does not leak usable tokens, and a lookup by hash leaks nothing an attacker could use.
public enum TokenFactory {
    /// A new token and its hash.
    public static func generate(prefix: String = "mgis_") -> (token: String, hash: [UInt8]) {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let token = prefix + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return (token, hash(token))
    }

    /// SHA-256 of the token's UTF-8 bytes.
    public static func hash(_ token: String) -> [UInt8] {
        Array(SHA256.hash(data: Data(token.utf8)))
    }

    /// A random password of `length` characters from an alphabet without look-alikes.
    public static func password(length: Int = 16) -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
