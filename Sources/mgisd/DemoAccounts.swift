import HummingbirdBcrypt
import MGISCore
import MGISStore

/// The demo's people: fresh passwords for admin, a dispatcher, a patrol officer, an analyst and an
/// auditor, and a new
/// display token for the wall screen, every time the demo starts (demo data only).
enum DemoAccounts {
    struct Access {
        var adminPassword: String
        var dispatcherPassword: String
        var patrolPassword: String
        var analystPassword: String
        var auditorPassword: String
        var displayToken: String
    }

    static func prepare(in store: Store, unitCount: Int, passwordCost: UInt8) throws -> Access {
        let now = WallClock.nowMillis()
        let firstUnit = try store.units().first { $0.callSign == "DEMO-01" }?.id
        func user(_ name: String, _ roles: Set<Role>, unit: Int64? = nil) throws -> (User, String) {
            let password = TokenFactory.password()
            let hash = Bcrypt.hash(password, cost: passwordCost)
            if let existing = try store.user(named: name) {
                return (try store.updateUser(id: existing.id, passwordHash: hash, nowMillis: now), password)
            }
            return (try store.createUser(name: name, roles: roles, passwordHash: hash, unitID: unit, nowMillis: now), password)
        }
        let admin = try user("admin", [.admin])
        let dispatcher = try user("dispatcher", [.dispatcher])
        let patrol = try user("patrol-01", [.patrol], unit: firstUnit)
        let analyst = try user("analyst", [.analyst])
        let auditor = try user("auditor", [.auditor])
        let (display, _) = try user("wall", [.display])
        let generated = TokenFactory.generate()
        _ = try store.insertToken(
            hash: generated.hash, userID: display.id, kind: .issued, label: "demo wall display", nowMillis: now,
            expiresMillis: now + 30 * 86_400_000
        )
        return Access(adminPassword: admin.1, dispatcherPassword: dispatcher.1, patrolPassword: patrol.1, analystPassword: analyst.1,
            auditorPassword: auditor.1, displayToken: generated.token)
    }
}
