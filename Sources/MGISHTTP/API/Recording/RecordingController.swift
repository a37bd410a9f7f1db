import Foundation
import Hummingbird
import MGISIngest

/// The admins' runtime switch for datagram recording (`mgisd serve --record` without a restart).
///
/// `PUT {"file": NAME, "maxMegabytes": N}` starts recording into `DATA/recordings/NAME`
/// (stopping a recording in progress first); `PUT {"active": false}` stops. NAME is a file name,
/// never a path (422 otherwise), the file must not exist yet (an earlier trace is never
/// truncated), and the directory's files together stay within `directory.capBytes`: a recording
/// whose first segment would pass the cap is refused (507), and one that reaches it while running
/// stops writing and says so in `problem`. The audit event names the file.
struct RecordingController {
    let recording: RecordingSwitch
    let directory: RecordingDirectory

    /// The largest rotation size accepted, in MiB (a segment must fit a 32-bit length easily).
    static let maxMegabytes: Int64 = 65_536

    func register(on api: APIRouter) {
        api.on(.get, "/api/v1/recording") { _, _, _ in
            try JSONResponse.make(RecordingDTO(recording.status, directory: directory))
        }
        api.on(.put, "/api/v1/recording") { request, context, _ in
            let body = try await JSONBody(request, allowed: ["active", "file", "maxMegabytes"])
            let file = try body.string("file")
            let active = try body.bool("active") ?? (file != nil)
            guard active else {
                guard file == nil, !body.has("maxMegabytes") else {
                    throw APIError.badRequest("to stop recording send only {\"active\": false}")
                }
                return try JSONResponse.make(RecordingDTO(try await stop(), directory: directory))
            }
            guard let name = file, !name.isEmpty else { throw APIError.invalidField("file", "is required to start recording") }
            context.readObjects.target(["recording:\(name)"], details: ["file": name])
            if let problem = RecordingDirectory.problem(with: name) {
                throw APIError(.unprocessableContent, "invalid_field", "field 'file' \(problem)")
            }
            let megabytes = try body.int("maxMegabytes") ?? Int64(RecordingConfiguration.defaultMaxMegabytes)
            guard (1...Self.maxMegabytes).contains(megabytes) else {
                throw APIError.invalidField("maxMegabytes", "must be 1 to \(Self.maxMegabytes)")
            }
            let path = directory.file(name)
            let checked = try await BlockingIO.run { [directory] in
                try directory.create()
                return (exists: FileManager.default.fileExists(atPath: path), used: directory.usedBytes())
            }
            guard !checked.exists else {
                throw APIError.conflict("the recording \(name) exists; recording never overwrites a file")
            }
            guard checked.used + megabytes * 1_048_576 <= directory.capBytes else {
                throw APIError(
                    HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage"), "recordings_full",
                    "recordings hold \(checked.used / 1_048_576) MiB of the \(directory.capBytes / 1_048_576) MiB allowed; "
                        + "a \(megabytes) MiB segment does not fit: delete old recordings or choose a smaller maxMegabytes"
                )
            }
            let status: RecordingStatus
            do throws(RecordingError) {
                status = try await recording.start(
                    file: path, maxBytes: Int(megabytes) * 1_048_576, maxTotalBytes: Int(directory.capBytes - checked.used)
                )
            } catch {
                throw APIError.badRequest(error.message)
            }
            return try JSONResponse.make(RecordingDTO(status, directory: directory))
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
