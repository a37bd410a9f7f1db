import MGISCore
import MGISStore

extension StoredDatagram {
    /// Appends the datagram's fixes, as the live state takes them, to `fixes`.
    func appendDeviceFixes(to fixes: inout [DeviceFix]) {
        for fix in self.fixes {
            fixes.append(DeviceFix(device: device, receivedMillis: receivedMillis, fix: fix))
        }
    }
}
