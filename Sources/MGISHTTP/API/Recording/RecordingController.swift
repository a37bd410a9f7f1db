import Foundation
import Hummingbird
import MGISIngest

/// The admins' runtime switch for datagram recording (`mgisd serve --record` without a restart).
///
/// `PUT {"file": F, "maxMegabytes": N}` starts recording into F (stopping a recording in
/// progress first); `PUT {"active": false}` stops. The file must not exist yet: the path comes
/// over HTTP, and a typo must not truncate the database or an earlier trace.
struct RecordingController {
    let recording: RecordingSwitch

    /// The largest rotation size accepted, in MiB (a segment must fit a 32-bit length easily).
    static let maxMegabytes: Int64 = 65_536

    func register(on api: APIRouter) {
        api.on(.get, "/api/v1/recording") { _, _, _ in
            try JSONResponse.make(RecordingDTO(recording.status))
        }
        api.on(.put, "/api/v1/recording") { request, _, _ in
            let body = try await JSONBody(request, allowed: ["active", "file", "maxMegabytes"])
            let file = try body.string("file")
            let active = try body.bool("active") ?? (file != nil)
            guard active else {
                guard file == nil, !body.has("maxMegabytes") else {
                    throw APIError.badRequest("to stop recording send only {\"active\": false}")
                }
                return try JSONResponse.make(RecordingDTO(try await stop()))
            }
            guard let file, !file.isEmpty else { throw APIError.invalidField("file", "is required to start recording") }
            let megabytes = try body.int("maxMegabytes") ?? Int64(RecordingConfiguration.defaultMaxMegabytes)
            guard (1...Self.maxMegabytes).contains(megabytes) else {
                throw APIError.invalidField("maxMegabytes", "must be 1 to \(Self.maxMegabytes)")
            }
            guard !FileManager.default.fileExists(atPath: file) else {
                throw APIError.conflict("\(file) exists; recording never overwrites a file")
            }
            let status: RecordingStatus
            do throws(RecordingError) {
                status = try await recording.start(file: file, maxBytes: Int(megabytes) * 1_048_576)
            } catch {
                throw APIError.badRequest(error.message)
            }
            return try JSONResponse.make(RecordingDTO(status))
        }
    }

    private func stop() async throws -> RecordingStatus {
        do throws(RecordingError) {
            return try await recording.stop()
        } catch {
            // The trace is closed either way; say why it may be incomplete.
            throw APIError(.internalServerError, "recording_failed", error.message)
        }
    }
}
