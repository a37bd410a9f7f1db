import Logging
import MGISIngest
import ServiceLifecycle

/// Closes the trace when mgisd shuts down, so `--record` leaves a complete, synced file.
///
/// Listed before the UDP listeners in the service group, which stops services in reverse
/// order: the listeners have stopped reading by the time the recorder is flushed.
struct RecordingService: Service {
    let recording: RecordingSwitch
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        let status: RecordingStatus
        do {
            status = try await recording.stop()
        } catch {
            logger.error("recording did not finish cleanly", metadata: ["error": "\(error)"])
            return
        }
        if let file = status.file {
            logger.info(
                "recording closed",
                metadata: ["file": "\(file)", "recorded": "\(status.recorded)", "dropped": "\(status.dropped)"]
            )
        }
    }
}
