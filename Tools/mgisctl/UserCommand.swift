import ArgumentParser
import Foundation
import HummingbirdBcrypt
import MGISAudit
import MGISCore
import MGISStore

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage accounts and their tokens (usable from scripts).",
        subcommands: [Add.self, List.self, Disable.self, Passwd.self, Token.self]
    )

    /// bcrypt cost for passwords set here, as mgisd's default.
    static let cost: UInt8 = 11

    /// Reads one line from stdin (for --password-stdin).
    static func readPasswordFromStdin() throws -> String {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw CommandError("--password-stdin: no password on standard input")
        }
        return line
    }

    /// The API's rule (`PasswordPolicy`): at least 10 characters, at most the 72 bytes bcrypt reads.
    static func checkPassword(_ password: String) throws {
        if let problem = PasswordPolicy.problem(password) { throw CommandError("the password \(problem.message)") }
    }

    static func find(_ store: Store, _ name: String) throws -> User {
        guard let user = try store.user(named: name) else { throw CommandError("no user named '\(name)'") }
        return user
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user. Without --password-stdin a password is made and printed on the last line."
        )
        @OptionGroup var options: DataOptions
        @Argument(help: "Login name.") var name: String
        @Option(name: .customLong("role"), help: "admin, dispatcher, patrol, analyst, auditor or display; repeat for several.")
        var roles: [String]
        @Option(help: "Unit id; required for patrol users, who see only their unit.") var unit: Int64?
        @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input.") var passwordStdin = false

        func run() async throws {
            let roleSet = try Set(
                roles.flatMap { $0.split(separator: ",") }.map { name in
                    guard let role = Role(rawValue: String(name)) else { throw ValidationError("unknown role '\(name)'") }
                    return role
                }
            )
            if roleSet.contains(.patrol), unit == nil {
                throw ValidationError("a patrol user needs --unit: the unit whose tasks and positions it sees")
            }
            let password = passwordStdin ? try UserCommand.readPasswordFromStdin() : TokenFactory.password()
            try UserCommand.checkPassword(password)
            let store = try options.openStore()
            var details = ["fields": unit == nil ? "name,password,roles" : "name,password,roles,unit", "new.name": name]
            details["new.roles"] = roleSet.sorted().map(\.rawValue).joined(separator: ",")
            details["new.unit"] = unit.map(String.init)
            let audit = try await ControlAudit.begin(options, action: .userCreate, command: "user add", details: details)
            let user = try await audit.run {
                let user = try reportingStoreErrors {
                    try store.createUser(
                        name: name, roles: roleSet, passwordHash: Bcrypt.hash(password, cost: UserCommand.cost), unitID: unit,
                        nowMillis: WallClock.nowMillis()
                    )
                }
                return (user, ["user:\(user.id)"], [:])
            }
            print("created user \(user.name) (id \(user.id)) with roles \(user.roles.sorted().map(\.rawValue).joined(separator: ","))")
            if !passwordStdin { print(password) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")
        @OptionGroup var options: DataOptions

        func run() throws {
            let store = try options.openStore()
            print("id\tname\troles\tunit\tdisabled")
            for user in try store.users() {
                let roles = user.roles.sorted().map(\.rawValue).joined(separator: ",")
                print("\(user.id)\t\(user.name)\t\(roles)\t\(user.unitID.map { String($0) } ?? "-")\t\(user.disabled ? "yes" : "no")")
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user and revoke all its tokens.")
        @OptionGroup var options: DataOptions
        @Argument(help: "Login name.") var name: String

        func run() async throws {
            let store = try options.openStore()
            let user = try UserCommand.find(store, name)
            let audit = try await ControlAudit.begin(
                options, action: .userUpdate, command: "user disable", objectIDs: ["user:\(user.id)"],
                details: ["fields": "disabled", "new.disabled": "true"]
            )
            try await audit.run {
                try reportingStoreErrors { try store.updateUser(id: user.id, disabled: true, nowMillis: WallClock.nowMillis()) }
                return ((), [], [:])
            }
            print("user \(name) disabled; its tokens are revoked")
        }
    }

    struct Passwd: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a user's password. Without --password-stdin a new one is made and printed on the last line."
        )
        @OptionGroup var options: DataOptions
        @Argument(help: "Login name.") var name: String
        @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input.") var passwordStdin = false

        func run() async throws {
            let password = passwordStdin ? try UserCommand.readPasswordFromStdin() : TokenFactory.password()
            try UserCommand.checkPassword(password)
            let store = try options.openStore()
            let user = try UserCommand.find(store, name)
            // The password is named as changed, never recorded.
            let audit = try await ControlAudit.begin(
                options, action: .userUpdate, command: "user passwd", objectIDs: ["user:\(user.id)"], details: ["fields": "password"]
            )
            try await audit.run {
                try reportingStoreErrors {
                    try store.updateUser(id: user.id, passwordHash: Bcrypt.hash(password, cost: UserCommand.cost), nowMillis: WallClock.nowMillis())
                }
                return ((), [], [:])
            }
            print("password of \(name) changed")
            if !passwordStdin { print(password) }
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue a long-lived token for a user (e.g. a wall display); prints it on the last line."
        )
        @OptionGroup var options: DataOptions
        @Argument(help: "Login name.") var name: String
        @Option(help: "What the token is for.") var label: String = "issued by mgisctl"
        @Option(help: "Days until it expires (1...3650).") var days: Int = 365

        func run() async throws {
            guard (1...3650).contains(days) else { throw ValidationError("--days must be 1...3650") }
            let store = try options.openStore()
            let user = try UserCommand.find(store, name)
            guard !user.disabled else { throw CommandError("user \(name) is disabled") }
            let audit = try await ControlAudit.begin(
                options, action: .tokenIssue, command: "user token", objectIDs: ["user:\(user.id)"],
                details: ["for_user": name, "label": String(label.prefix(100)), "days": String(days)]
            )
            let now = WallClock.nowMillis()
            let generated = TokenFactory.generate()
            let token = try await audit.run {
                let token = try store.insertToken(
                    hash: generated.hash, userID: user.id, kind: .issued, label: label, nowMillis: now,
                    expiresMillis: now + Int64(days) * 86_400_000
                )
                return (token, ["token:\(token.id)"], [:])
            }
            print("token \(token.id) for \(name), expires in \(days) days")
            print(generated.token)
        }
    }
}
