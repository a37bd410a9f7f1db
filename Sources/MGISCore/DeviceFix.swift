/// A fix as the server received it: which device, when it arrived, and the report itself.
public struct DeviceFix: Hashable, Sendable {
    public var device: DeviceID
    /// Server receive time, milliseconds since the Unix epoch, kept beside the fix time.
    public var receivedMillis: Int64
    public var fix: Fix

    public init(device: DeviceID, receivedMillis: Int64, fix: Fix) {
        self.device = device
        self.receivedMillis = receivedMillis
        self.fix = fix
    }
}
