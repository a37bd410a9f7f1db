import ArgumentParser

extension RunSummary {
    /// Prints the summary (stdout) and its notes (stderr), then exits non-zero when a threshold
    /// given on the command line was exceeded: 3 for `--max-loss` (checked first), 4 for
    /// `--max-p99-ms`. Shared by `udp` and `teltonika`, so CI scripts read both alike.
    func report(json: Bool, maxLoss: Int?, maxP99Millis: Double?) throws {
        print(json ? self.json : text)
        if let notes { StandardError.write(notes) }
        if let maxLoss, lost > maxLoss {
            StandardError.write("FAIL: \(lost) datagrams lost, more than --max-loss \(maxLoss)")
            throw ExitCode(3)
        }
        if let maxP99Millis {
            // No ACK at all means no latency to vouch for: that fails the gate too.
            guard acked > 0 else {
                StandardError.write("FAIL: no ACKs received, so p99 cannot be within --max-p99-ms \(maxP99Millis)")
                throw ExitCode(4)
            }
            if latency.p99 > maxP99Millis {
                StandardError.write(
                    "FAIL: p99 ACK latency \(Self.fixed(latency.p99, 3)) ms exceeds --max-p99-ms \(maxP99Millis)"
                )
                throw ExitCode(4)
            }
        }
    }
}
