public import MGISCore
public import MGISStore
public import MGISViolations
import Synchronization

/// The violations register: every record durable in the store and held in memory, so that the
/// analyses (grids, hotspots, clusters, time patterns) run over an array rather than SQL.
///
/// Writes go to the store first, in one transaction (an import is all or nothing), and only then
/// into memory; readers get the array itself (copy on write), never a half-applied change.
public final class ViolationRegister: Sendable {
    private struct Records {
        var list: [Violation] = []
        var indexByID: [Int64: Int] = [:]

        mutating func put(_ violation: Violation) {
            if let index = indexByID[violation.id] {
                list[index] = violation
            } else {
                indexByID[violation.id] = list.count
                list.append(violation)
            }
        }
    }

    private let store: Store
    public let catalog: ViolationTypeCatalog
    private let nowMillis: @Sendable () -> Int64
    private let records: Mutex<Records>

    public init(store: Store, catalog: ViolationTypeCatalog = .standard, nowMillis: @escaping @Sendable () -> Int64 = WallClock.nowMillis) throws {
        self.store = store
        self.catalog = catalog
        self.nowMillis = nowMillis
        var records = Records()
        for violation in try store.allViolations() { records.put(violation) }
        self.records = Mutex(records)
    }

    /// Every violation, in the order they were recorded.
    public var all: [Violation] { records.withLock { $0.list } }

    public var count: Int { records.withLock { $0.list.count } }

    public func violation(id: Int64) -> Violation? {
        records.withLock { records in records.indexByID[id].map { records.list[$0] } }
    }

    /// Records one violation. - Throws: `ViolationError(.invalidDraft)` naming the fields.
    public func record(_ draft: ViolationDraft) throws -> Violation {
        try record(all: [draft])[0]
    }

    /// Records all drafts or none (one transaction).
    public func record(all drafts: [ViolationDraft]) throws -> [Violation] {
        let now = nowMillis()
        let created = try store.createViolations(count: drafts.count) { index, id in
            try Violation(id: id, draft: drafts[index], catalog: catalog, nowMillis: now)
        }
        records.withLock { records in created.forEach { records.put($0) } }
        return created
    }

    /// Makes violation `id` from `draft` for a transaction run elsewhere (a task completing with
    /// its findings); `adopt` takes what that transaction committed.
    /// - Throws: `ViolationError(.invalidDraft)` naming the fields.
    func make(_ draft: ViolationDraft, id: Int64, nowMillis: Int64) throws -> Violation {
        try Violation(id: id, draft: draft, catalog: catalog, nowMillis: nowMillis)
    }

    /// Takes violations another transaction committed into memory.
    func adopt(_ created: [Violation]) {
        records.withLock { records in created.forEach { records.put($0) } }
    }

    /// Replaces a violation's content, if it is still at `expectedVersion`.
    public func edit(id: Int64, with draft: ViolationDraft, expectedVersion: Int) throws -> Violation {
        let now = nowMillis()
        let catalog = self.catalog
        let changed = try store.updateViolation(id: id) { violation in
            try violation.edit(draft, expectedVersion: expectedVersion, catalog: catalog, nowMillis: now)
        }
        records.withLock { $0.put(changed) }
        return changed
    }

    /// Moves a violation to `status` (recorded -> confirmed -> closed), if still at `expectedVersion`.
    public func move(id: Int64, to status: ViolationStatus, expectedVersion: Int) throws -> Violation {
        let now = nowMillis()
        let changed = try store.updateViolation(id: id) { violation in
            try violation.move(to: status, expectedVersion: expectedVersion, nowMillis: now)
        }
        records.withLock { $0.put(changed) }
        return changed
    }
}
