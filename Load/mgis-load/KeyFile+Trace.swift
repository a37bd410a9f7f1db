import MGISTrace

extension KeyFile {
    /// The MTP/1 rows of the key file at `path` as MGISTrace's `KeyFile`, for re-signing and
    /// trace generation, read like every other mgis-load command reads it, so a file `udp`
    /// accepts is accepted by `replay` and `trace` alike.
    static func traceKeys(path: String) throws(LoadError) -> MGISTrace.KeyFile {
        let rows = try read(path: path, for: .mtp)
        do {
            return try MGISTrace.KeyFile(rows: rows, source: path)
        } catch {
            throw LoadError(error.description)
        }
    }
}
