import MGISTrace

extension KeyFile {
    /// The MTP/1 rows of the key file at `path` as MGISTrace's `KeyFile`, for re-signing and
    /// trace generation. Parsed here, by the one parser every mgis-load command uses, so a file
    /// `udp` accepts is accepted by `replay` and `trace` alike.
    static func traceKeys(path: String) throws(LoadError) -> MGISTrace.KeyFile {
        let entries = try read(path: path, for: .mtp)
        return MGISTrace.KeyFile(entries: entries.compactMap { entry in
            entry.key.map { KeyFileEntry(id: entry.id, name: entry.name, key: $0) }
        })
    }
}
