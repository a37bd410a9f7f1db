/// Where a `TraceRecorder`'s background thread puts records: a `TraceWriter`, or a test double.
///
/// Called from one thread at a time (the recorder's drain thread, then `close()`), so
/// implementations need no locking of their own.
public protocol TraceSink: AnyObject {
    /// Stores one record; an error stops the recorder writing (see `TraceRecorder.close()`).
    func append(_ record: TraceRecord) throws
    /// Makes everything appended durable and releases the sink.
    func close() throws
}

/// `TraceWriter`'s typed-throwing `append` and `close` satisfy the requirements as they are.
extension TraceWriter: TraceSink {}
