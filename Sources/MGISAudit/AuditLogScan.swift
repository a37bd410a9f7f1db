import Foundation
import GRDB

/// One pass over the stored log in index order, recomputing what `AuditVerifier` checks.
/// Value-type state (the tree edge, the next checkpoint, the side tables' cursors) inside
/// one read transaction.
struct AuditLogScan {
    struct Anchor {
        let label: String
        let checkpoint: SignedCheckpoint
        let isExternal: Bool
    }

    private typealias Failure = AuditVerificationFailure

    private struct ObjectRow {
        let entry: Int
        let id: String
    }

    private struct NodeRow {
        let level: Int
        let index: Int
        let hash: MerkleHash?
    }

    private let publicKey: AuditPublicKey
    private let anchors: [Anchor]
    private var nextAnchor = 0
    private var frontier = MerkleFrontier()
    /// Entries below this are confirmed by a verified checkpoint.
    private var confirmedSize = 0
    private var storedVerified = 0
    private var externalVerified = 0

    init(publicKey: AuditPublicKey, anchors: [Anchor]) {
        self.publicKey = publicKey
        // Stable: checkpoints of equal size keep their order (stored first, by id).
        self.anchors = anchors.enumerated().sorted { ($0.element.checkpoint.treeSize, $0.offset) < ($1.element.checkpoint.treeSize, $1.offset) }
            .map(\.element)
    }

    mutating func run(_ db: Database) throws -> AuditVerificationReport {
        if let failure = try scan(db) {
            return report(failure)
        }
        return report(nil)
    }

    private func report(_ failure: Failure?) -> AuditVerificationReport {
        AuditVerificationReport(
            entries: frontier.size, checkpoints: storedVerified, externalCheckpoints: externalVerified,
            unsignedEntries: frontier.size - confirmedSize, failure: failure
        )
    }

    private mutating func scan(_ db: Database) throws -> Failure? {
        let entries = try Row.fetchCursor(
            db, sql: "SELECT idx, time_ms, actor, action, route, status, outcome, event, root FROM audit_entries ORDER BY idx"
        )
        var objects = AuditSideRows(
            try Row.fetchCursor(db, sql: "SELECT entry_idx, object_id FROM audit_entry_objects ORDER BY entry_idx, object_id")
        ) { row in ObjectRow(entry: row[0], id: row[1]) }
        // In the order the frontier completes them: by the leaf that completes them, then level.
        var nodes = AuditSideRows(
            try Row.fetchCursor(db, sql: "SELECT level, idx, hash FROM audit_nodes ORDER BY ((idx + 1) << level) - 1, level")
        ) { row in NodeRow(level: row[0], index: row[1], hash: MerkleHash(bytes: row[2] as Data)) }
        if let failure = checkAnchors() { return failure }
        var completed: [(level: Int, index: Int, hash: MerkleHash)] = []
        while let row = try entries.next() {
            let expected = frontier.size
            let index: Int = row[0]
            guard index == expected else {
                return Failure(
                    kind: .missingEntry, entry: expected,
                    message: index > expected ? "missing; the next stored entry is \(index)" : "stored with index \(index)"
                )
            }
            let decoded = try row.withUnsafeData(atIndex: 7) { data -> (MerkleHash, Result<AuditEvent, AuditError>) in
                (data ?? Data()).withUnsafeBytes { buffer in
                    (MerkleHash.leaf(buffer), Result { () throws(AuditError) in try AuditEvent(canonicalBuffer: buffer) })
                }
            }
            completed.removeAll(keepingCapacity: true)
            frontier.append(decoded.0) { level, position, hash in
                if level >= AuditStore.nodeLevel { completed.append((level, position, hash)) }
            }
            let root = frontier.root
            guard let storedRoot = try row.withUnsafeData(atIndex: 8, { $0.flatMap { MerkleHash(bytes: $0) } }), storedRoot == root else {
                return Failure(
                    kind: .changedEntry, entry: index,
                    message: "the entries up to here no longer give the tree root recorded when it was appended: "
                        + "it was changed, inserted, moved, or an earlier entry was removed"
                )
            }
            let event: AuditEvent
            switch decoded.1 {
            case .success(let value): event = value
            case .failure(let error): return Failure(kind: .invalidEvent, entry: index, message: error.message)
            }
            if let failure = try Self.compareColumns(row, event, index) { return failure }
            if let failure = try compareObjects(&objects, event, index) { return failure }
            for node in completed {
                if let failure = try compareNode(&nodes, node) { return failure }
            }
            if let failure = checkAnchors() { return failure }
        }
        return try finish(&objects, &nodes)
    }

    /// Verifies the checkpoints of the current size.
    private mutating func checkAnchors() -> Failure? {
        let size = frontier.size
        guard nextAnchor < anchors.count, anchors[nextAnchor].checkpoint.treeSize == size else { return nil }
        let root = frontier.root
        while nextAnchor < anchors.count, anchors[nextAnchor].checkpoint.treeSize == size {
            let anchor = anchors[nextAnchor]
            let name = "checkpoint \(anchor.label) (size \(size), time \(anchor.checkpoint.timeMillis))"
            guard publicKey.isValidSignature(of: anchor.checkpoint) else {
                let why = anchor.checkpoint.keyID == publicKey.keyID ? "its signature is not valid" : "it names key \(anchor.checkpoint.keyID)"
                return Failure(
                    kind: .checkpointSignature, entry: nil, checkpoint: anchor.label,
                    message: "\(name) does not verify with key \(publicKey.keyID): \(why)"
                )
            }
            guard anchor.checkpoint.rootHash == root else {
                return Failure(
                    kind: .checkpointMismatch, entry: confirmedSize, checkpoint: anchor.label,
                    message: "\(name) signed a different root: an entry from \(confirmedSize) to \(size - 1) was changed, "
                        + "inserted or removed, and the recorded roots rewritten to hide it"
                )
            }
            if anchor.isExternal { externalVerified += 1 } else { storedVerified += 1 }
            confirmedSize = size
            nextAnchor += 1
        }
        return nil
    }

    private static func compareColumns(_ row: Row, _ event: AuditEvent, _ index: Int) throws -> Failure? {
        func mismatch(_ column: String, _ stored: (any CustomStringConvertible)?, _ actual: (any CustomStringConvertible)?) -> Failure {
            Failure(
                kind: .columnMismatch, entry: index,
                message: "column \(column) is \(stored.map { "'\($0)'" } ?? "NULL") but the event says \(actual.map { "'\($0)'" } ?? "nothing")"
            )
        }
        let time: Int64? = row[1]
        if time != event.time { return mismatch("time_ms", time, event.time) }
        let actor: String? = row[2]
        if actor != event.actor { return mismatch("actor", actor, event.actor) }
        let action: String? = row[3]
        if action != event.action.rawValue { return mismatch("action", action, event.action.rawValue) }
        let route: String? = row[4]
        if route != event.route { return mismatch("route", route, event.route) }
        let status: Int? = row[5]
        if status != event.status { return mismatch("status", status, event.status) }
        let outcome: String? = row[6]
        if outcome != event.outcome.rawValue { return mismatch("outcome", outcome, event.outcome.rawValue) }
        return nil
    }

    private func compareObjects(_ objects: inout AuditSideRows<ObjectRow>, _ event: AuditEvent, _ index: Int) throws -> Failure? {
        if let orphan = try objects.peek(), orphan.entry < index {
            return Failure(kind: .columnMismatch, entry: orphan.entry, message: "an object id row does not belong to the event")
        }
        var stored: [String] = []
        while let row = try objects.peek(), row.entry == index {
            stored.append(row.id)
            objects.pop()
        }
        // The rows are unique per entry and in byte order (SQLite's BINARY collation); compared
        // as bytes, since Swift's == would equate differently normalised spellings.
        var expected: [String] = []
        for id in event.objectIDs.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            if let last = expected.last, last.utf8.elementsEqual(id.utf8) { continue }
            expected.append(id)
        }
        guard stored.count == expected.count, zip(stored, expected).allSatisfy({ $0.utf8.elementsEqual($1.utf8) }) else {
            return Failure(
                kind: .columnMismatch, entry: index,
                message: "object id rows are [\(stored.joined(separator: ", "))] but the event says [\(expected.joined(separator: ", "))]"
            )
        }
        return nil
    }

    private func compareNode(_ nodes: inout AuditSideRows<NodeRow>, _ node: (level: Int, index: Int, hash: MerkleHash)) throws
        -> Failure?
    {
        let first = node.index << node.level
        let range = "entries \(first)...\(first + (1 << node.level) - 1)"
        guard let row = try nodes.peek() else {
            return Failure(kind: .subtreeNode, entry: nil, message: "the subtree node of \(range) is missing")
        }
        guard row.level == node.level, row.index == node.index else {
            return Failure(kind: .subtreeNode, entry: nil, message: "the subtree node of \(range) is missing or out of place")
        }
        nodes.pop()
        guard row.hash == node.hash else {
            return Failure(
                kind: .subtreeNode, entry: nil,
                message: "the subtree node of \(range) does not match them: the node, or an entry in that range "
                    + "(with the recorded roots rewritten), was changed"
            )
        }
        return nil
    }

    /// After the last entry: checkpoints beyond it, and side rows for entries that do not exist.
    private func finish(_ objects: inout AuditSideRows<ObjectRow>, _ nodes: inout AuditSideRows<NodeRow>) throws -> Failure? {
        let size = frontier.size
        if nextAnchor < anchors.count {
            let largest = anchors[anchors.count - 1]
            return Failure(
                kind: .truncated, entry: size, checkpoint: largest.label,
                message: "the log ends here, but checkpoint \(largest.label) signed \(largest.checkpoint.treeSize) entries"
            )
        }
        if let row = try objects.peek() {
            return Failure(kind: .columnMismatch, entry: row.entry, message: "object id rows exist for an entry that does not")
        }
        if let row = try nodes.peek() {
            return Failure(
                kind: .subtreeNode, entry: nil,
                message: "a subtree node exists for entries \(row.index << row.level)... beyond the end of the log (\(size) entries)"
            )
        }
        return nil
    }
}
