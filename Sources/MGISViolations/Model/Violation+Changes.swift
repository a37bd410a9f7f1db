extension Violation {
    /// Replaces the editable fields with `draft`, as the holder of `expectedVersion` intended.
    ///
    /// Optimistic concurrency: two clerks editing the same version cannot both win; the second
    /// gets a `versionConflict` and must reload. Closed violations are frozen.
    /// - Throws: `ViolationError` with code `versionConflict`, `closed` or `invalidDraft`.
    public mutating func edit(
        _ draft: ViolationDraft, expectedVersion: Int, catalog: ViolationTypeCatalog, nowMillis: Int64
    ) throws {
        try checkVersion(expectedVersion)
        guard status != .closed else {
            throw ViolationError(.closed, "violation \(id) is closed and can no longer be edited")
        }
        let issues = draft.validate(catalog: catalog, nowMillis: nowMillis)
        guard issues.isEmpty else { throw ViolationError.invalid(issues) }
        content = draft
        bump(nowMillis)
    }

    /// Moves the violation to `status` if its life cycle allows it.
    /// - Throws: `ViolationError` with code `versionConflict` or `invalidTransition`.
    public mutating func move(to status: ViolationStatus, expectedVersion: Int, nowMillis: Int64) throws {
        try checkVersion(expectedVersion)
        if let refusal = self.status.refusal(movingTo: status) {
            throw ViolationError(.invalidTransition, "violation \(id): \(refusal)")
        }
        self.status = status
        bump(nowMillis)
    }

    private func checkVersion(_ expected: Int) throws {
        guard expected == version else {
            throw ViolationError(
                .versionConflict,
                "violation \(id) was changed by someone else (you edited version \(expected), the register holds version \(version)); reload and try again"
            )
        }
    }

    private mutating func bump(_ nowMillis: Int64) {
        version += 1
        updatedMillis = max(updatedMillis, nowMillis)
    }
}
