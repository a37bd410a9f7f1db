import MGISTrace

extension RunSummary {
    /// The summary of a finished run from its counters and latencies.
    init(
        devices: Int, durationSeconds: Double, counters: LoadCounters, latency: LatencyRecorder,
        samples: [LoadReport.RateSample], unsentFrames: Int = 0
    ) {
        self.init(
            devices: devices,
            durationSeconds: durationSeconds,
            datagramsSent: counters.datagramsSent,
            fixesSent: counters.fixesSent,
            retransmissions: counters.retransmissions,
            ackedStored: counters.ackedStored,
            ackedDuplicate: counters.ackedDuplicate,
            ackedRefused: counters.ackedRefused,
            ackedUnknownStatus: counters.ackedUnknownStatus,
            ackedFixes: counters.ackedFixes,
            lost: counters.lost,
            unmatchedAcks: counters.unmatchedAcks,
            invalidReplies: counters.invalidReplies,
            socketErrors: counters.socketErrors,
            latency: latency.summary,
            unsentFrames: unsentFrames,
            rateSamples: samples,
            latencyBuckets: latency.buckets
        )
    }
}
