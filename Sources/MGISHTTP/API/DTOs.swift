import MGISCore

/// The JSON shapes of the API (documented in `/api/openapi.json`).
struct UserDTO: Codable, Sendable {
    var id: Int64
    var name: String
    var roles: [String]
    var unit: String?
    var disabled: Bool
    var created: String

    init(_ user: User) {
        id = user.id
        name = user.name
        roles = user.roles.map(\.rawValue).sorted()
        unit = user.unitID.map { String($0) }
        disabled = user.disabled
        created = Timestamp.string(user.createdMillis)
    }
}

struct UnitDTO: Codable, Sendable {
    var id: String
    var name: String
    var callSign: String
    var homeStation: String
    var members: [Int64]
    var devices: [UInt32]

    init(_ unit: PatrolUnit) {
        id = String(unit.id)
        name = unit.name
        callSign = unit.callSign
        homeStation = unit.homeStation
        members = unit.memberIDs
        devices = unit.deviceIDs.map(\.rawValue)
    }
}

struct DeviceDTO: Codable, Sendable {
    var id: UInt32
    var name: String
    var kind: String
    var imei: String?
    var enabled: Bool
    var unit: String?
    var created: String
    /// CIDR networks its Teltonika packets and connections may come from; empty: anywhere.
    var allowedNetworks: [String]
    /// When the server last stored a fix from it (its receive time); absent if never.
    var lastSeen: String?
    /// Only in the answer to the registration, once.
    var key: String?

    init(_ device: Device, key: [UInt8]? = nil, lastSeenMillis: Int64? = nil) {
        id = device.id.rawValue
        name = device.name
        kind = device.key != nil ? "mtp1" : "teltonika"
        imei = device.imei
        enabled = device.enabled
        unit = device.unitID.map { String($0) }
        created = Timestamp.string(device.createdMillis)
        allowedNetworks = device.allowedNetworks.map(\.description)
        lastSeen = lastSeenMillis.map(Timestamp.string)
        self.key = key.map { Hex.encode($0) }
    }
}

struct TokenDTO: Codable, Sendable {
    var id: Int64
    var user: Int64
    var kind: String
    var label: String
    var created: String
    var expires: String
    var revoked: String?
    /// Only in the answer that issues it, once.
    var token: String?

    init(_ token: AccessToken, value: String? = nil) {
        id = token.id
        user = token.userID
        kind = token.kind.rawValue
        label = token.label
        created = Timestamp.string(token.createdMillis)
        expires = Timestamp.string(token.expiresMillis)
        revoked = token.revokedMillis.map(Timestamp.string)
        self.token = value
    }
}

struct LoginDTO: Codable, Sendable {
    var token: String
    var expires: String
    var user: UserDTO
}

/// `{"items": [...]}` for lists, so lists can grow paging fields later.
struct ListDTO<Item: Codable & Sendable>: Codable, Sendable {
    var items: [Item]
}
