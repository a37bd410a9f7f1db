import Logging

extension AuditWriter {
    /// Signs the tree as committed now, stores the checkpoint and writes its copy (if
    /// configured). Covers every event whose `record` has returned; enqueued events not yet
    /// committed are left for the next checkpoint.
    /// - Throws: `AuditError` `.checkpointFile` if the copy failed (the checkpoint is stored).
    @discardableResult
    public func checkpoint() async throws -> SignedCheckpoint {
        try await checkpoint(onlyIfGrown: false)!
    }

    /// Signs a checkpoint; with `onlyIfGrown`, only when the tree grew since the largest stored one.
    @discardableResult
    func checkpoint(onlyIfGrown: Bool) async throws -> SignedCheckpoint? {
        guard let checkpoint = try await store.checkpoint(signingKey: signingKey, timeMillis: nowMillis(), onlyIfGrown: onlyIfGrown)
        else { return nil }
        logger.info(
            "audit checkpoint signed",
            metadata: ["audit.tree_size": "\(checkpoint.treeSize)", "audit.root": "\(checkpoint.rootHash.hex)"]
        )
        if let copy = configuration.checkpointCopy {
            do {
                try copy.write(checkpoint)
            } catch {
                logger.error("audit checkpoint not copied", metadata: ["audit.copy": "\(copy.path)", "error": "\(error)"])
                throw AuditError(
                    .checkpointFile,
                    "the checkpoint of size \(checkpoint.treeSize) is stored but could not be copied to \(copy.path): \(error)"
                )
            }
        }
        return checkpoint
    }
}
