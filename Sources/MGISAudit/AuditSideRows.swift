import GRDB

/// A side table's rows, decoded, with one row of look-ahead: for merging the side table into
/// the scan of entries.
struct AuditSideRows<Value> {
    private let cursor: RowCursor
    private let decode: (Row) throws -> Value
    private var pending: Value?
    private var isDone = false

    /// - Parameter decode: turns the cursor's current row into a value (the row itself
    ///   changes as the cursor steps, so it must not be kept).
    init(_ cursor: RowCursor, decode: @escaping (Row) throws -> Value) {
        self.cursor = cursor
        self.decode = decode
    }

    /// The next value without consuming it.
    mutating func peek() throws -> Value? {
        if pending == nil && !isDone {
            pending = try cursor.next().map(decode)
            isDone = pending == nil
        }
        return pending
    }

    mutating func pop() {
        pending = nil
    }
}
