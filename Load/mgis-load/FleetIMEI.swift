/// The IMEI of a simulated Teltonika tracker, derived from its device id.
///
/// Derived rather than random so that the same id always has the same IMEI: a fleet file made
/// again (or on another machine) still matches what the server imported, and an operator can
/// tell from an IMEI in the server's logs which load device sent it. The shape is a real IMEI's:
/// "35" (a GSMA reporting body prefix, as FMB trackers carry), the id zero-padded to 12 digits,
/// and the Luhn check digit, so tools that validate IMEIs accept it.
enum FleetIMEI {
    /// The 15-digit IMEI of device `id`.
    static func derived(from id: UInt32) -> String {
        let digits = String(id)
        let body = "35" + String(repeating: "0", count: 12 - digits.count) + digits
        return body + String(luhnCheckDigit(of: body))
    }

    /// The digit that makes `body` followed by it pass the Luhn check (ISO/IEC 7812-1).
    static func luhnCheckDigit(of body: String) -> Int {
        var sum = 0
        // From the right, every second digit starting with the rightmost of the body is doubled,
        // because the check digit will take the rightmost place.
        for (offset, byte) in body.utf8.reversed().enumerated() {
            let digit = Int(byte) - 0x30
            if offset % 2 == 0 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return (10 - sum % 10) % 10
    }
}
