import Foundation
import Hummingbird
import MGISAudit
import MGISCore

/// The auditor's API: search the trail (JSON or CSV) and see whether the latest checkpoint verifies.
struct AuditController {
    let writer: AuditWriter
    let store: AuditStore

    func register(on api: APIRouter) {
        api.on(.get, "/api/v1/audit") { request, _, _ in
            let query = request.uri.queryParameters
            let filter = try Self.filter(query)
            let entries = try await store.entries(matching: filter)
            let next = entries.count == filter.limit ? entries.last?.index : nil
            if query.get("format") == "csv" {
                return Response(
                    status: .ok,
                    headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"mgis-audit.csv\""],
                    body: .init(byteBuffer: ByteBuffer(string: AuditCSV.render(entries)))
                )
            }
            return try JSONResponse.make(AuditPageDTO(items: entries.map(AuditEntryDTO.init), next: next))
        }
        api.on(.get, "/api/v1/audit/status") { _, _, _ in
            let (count, latest, root) = try await BlockingIO.run { [store] in
                let count = try store.count()
                let latest = try store.latestCheckpoint()
                let root = try latest.flatMap { $0.treeSize <= count ? try store.root(treeSize: $0.treeSize) : nil }
                return (count, latest, root)
            }
            var checkpoint: AuditCheckpointDTO? = nil
            if let latest {
                let matches = root == latest.rootHash
                checkpoint = AuditCheckpointDTO(
                    treeSize: latest.treeSize, rootHash: latest.rootHash.description, time: Timestamp.string(latest.timeMillis),
                    keyID: latest.keyID, signatureValid: writer.publicKey.isValidSignature(of: latest), matchesLog: matches
                )
            }
            return try JSONResponse.make(
                AuditStatusDTO(entries: count, healthy: writer.isHealthy, publicKey: writer.publicKey.description, checkpoint: checkpoint)
            )
        }
    }

    static func filter(_ query: Parameters) throws -> AuditFilter {
        var filter = AuditFilter()
        filter.actor = query.get("actor")
        filter.action = query.get("action").map { AuditAction(rawValue: $0) }
        filter.route = query.get("route")
        filter.objectID = query.get("object")
        filter.outcome = query.get("outcome").map { AuditOutcome(rawValue: $0) }
        if let text = query.get("status") {
            guard let status = Int(text) else { throw APIError.invalidField("status", "must be an HTTP status number") }
            filter.status = status
        }
        if let text = query.get("from") {
            guard let millis = Timestamp.millis(text) else { throw APIError.invalidField("from", "must be RFC 3339 or Unix seconds") }
            filter.fromMillis = millis
        }
        if let text = query.get("to") {
            guard let millis = Timestamp.millis(text) else { throw APIError.invalidField("to", "must be RFC 3339 or Unix seconds") }
            filter.toMillis = millis
        }
        if let text = query.get("before") {
            guard let index = Int(text), index >= 0 else { throw APIError.invalidField("before", "must be an entry index") }
            filter.beforeIndex = index
        }
        if let text = query.get("limit") {
            guard let limit = Int(text), (1...1000).contains(limit) else { throw APIError.invalidField("limit", "must be 1 to 1000") }
            filter.limit = limit
        }
        if let format = query.get("format"), format != "csv", format != "json" {
            throw APIError.invalidField("format", "must be json or csv")
        }
        return filter
    }
}

struct AuditEntryDTO: Codable, Sendable {
    var index: Int
    var time: String
    var actor: String?
    var actorID: Int64?
    var roles: [String]
    var action: String
    var method: String?
    var route: String?
    var objectIDs: [String]
    var query: [String: String]
    var status: Int?
    var durationMillis: Int?
    var clientAddress: String?
    var outcome: String
    var details: [String: String]

    init(_ entry: AuditEntry) {
        let event = entry.event
        index = entry.index
        time = Timestamp.string(event.time)
        actor = event.actor
        actorID = event.actorID
        roles = event.roles
        action = event.action.rawValue
        method = event.method
        route = event.route
        objectIDs = event.objectIDs
        query = event.query
        status = event.status
        durationMillis = event.durationMillis
        clientAddress = event.clientAddress
        outcome = event.outcome.rawValue
        details = event.details
    }
}

struct AuditPageDTO: Codable, Sendable {
    var items: [AuditEntryDTO]
    /// The `before` value of the next (older) page; absent on the last page.
    var next: Int?
}

struct AuditCheckpointDTO: Codable, Sendable {
    var treeSize: Int
    var rootHash: String
    var time: String
    var keyID: String
    var signatureValid: Bool
    var matchesLog: Bool
}

struct AuditStatusDTO: Codable, Sendable {
    var entries: Int
    var healthy: Bool
    var publicKey: String
    var checkpoint: AuditCheckpointDTO?
}

/// The trail as CSV, one entry a line, for spreadsheets.
enum AuditCSV {
    static func render(_ entries: [AuditEntry]) -> String {
        var out = "index,time,actor,roles,action,method,route,objects,status,outcome,duration_ms,client,query,details\n"
        for entry in entries {
            let event = entry.event
            let fields: [String] = [
                String(entry.index), Timestamp.string(event.time), event.actor ?? "", event.roles.joined(separator: " "),
                event.action.rawValue, event.method ?? "", event.route ?? "", event.objectIDs.joined(separator: " "),
                event.status.map(String.init) ?? "", event.outcome.rawValue, event.durationMillis.map(String.init) ?? "",
                event.clientAddress ?? "", pairs(event.query), pairs(event.details),
            ]
            out += fields.map(quote).joined(separator: ",") + "\n"
        }
        return out
    }

    static func pairs(_ values: [String: String]) -> String {
        values.keys.sorted().map { "\($0)=\(values[$0] ?? "")" }.joined(separator: "; ")
    }

    /// RFC 4180 quoting after the shared formula neutralisation (`CSV.neutralised`).
    static func quote(_ field: String) -> String {
        CSV.quoted(CSV.neutralised(field))
    }
}
