import Foundation
import MGISAudit

/// Records mgisctl's changes (users, tokens, trackers) in the data directory's audit trail, as
/// mgisd records those made through its API: an "attempt" event before the change, which must be
/// committed or the change is refused (fail closed), and a "result" event after it. The actor is
/// `mgisctl:` and the operating-system user; secrets (passwords, tokens, keys) never enter it.
///
/// The audit store takes appends from several processes, so this works while mgisd runs.
struct ControlAudit {
    private let store: AuditStore
    private var event: AuditEvent
    private let start = ContinuousClock.now

    /// Opens the trail (creating it on a fresh data directory) and commits the attempt.
    /// - Parameters:
    ///   - command: the command line's verbs, e.g. `user add`, recorded as the route.
    ///   - objectIDs: what the change acts on, when known before it runs (`user:7`).
    ///   - details: what changes (`fields`, `new.FIELD`), never a secret.
    /// - Throws: `CommandError` when the attempt cannot be recorded: nothing is changed then.
    static func begin(
        _ options: DataOptions, action: AuditAction, command: String, objectIDs: [String] = [], details: [String: String] = [:]
    ) async throws -> ControlAudit {
        let user = ProcessInfo.processInfo.environment["USER"] ?? NSUserName()
        var event = AuditEvent(
            actor: "mgisctl:\(user)", action: action, route: "mgisctl \(command)", objectIDs: objectIDs, details: details
        )
        do {
            try FileManager.default.createDirectory(atPath: options.directory, withIntermediateDirectories: true)
            let store = try AuditStore(configuration: AuditStoreConfiguration(dataDirectory: options.directory))
            var attempt = event
            attempt.details["phase"] = "attempt"
            _ = try await store.append([attempt])
            event.details["phase"] = "result"
            return ControlAudit(store: store, event: event)
        } catch {
            throw CommandError("the audit trail cannot be written (\(error)); nothing was changed")
        }
    }

    /// Runs the change and records its result (the error's text when it fails).
    /// - Parameter change: returns what the change made (`user:7`) and details learnt from it.
    func run<T>(_ change: () throws -> (value: T, objectIDs: [String], details: [String: String])) async throws -> T {
        var event = self.event
        do {
            let done = try change()
            event.objectIDs += done.objectIDs
            event.details.merge(done.details) { _, new in new }
            try await record(&event, outcome: .ok)
            return done.value
        } catch {
            event.details["error"] = String(describing: (error as? CommandError)?.description ?? "\(error)").prefix(300).description
            try? await record(&event, outcome: .error)
            throw error
        }
    }

    private func record(_ event: inout AuditEvent, outcome: AuditOutcome) async throws {
        let elapsed = ContinuousClock.now - start
        event.outcome = outcome
        event.durationMillis = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        do {
            _ = try await store.append([event])
        } catch {
            throw CommandError("the change was made but its audit record could not be written: \(error)")
        }
    }
}
