import MGISCore
import MGISStore

/// Polls the store's device revision, which every device change made by mgisd or mgisctl bumps,
/// and hands each changed device list to `body`. Listeners use it to pick up registrations
/// without a restart. Returns when the calling task is cancelled.
///
/// Polling, rather than a notification, because mgisctl is another process writing the same file.
struct DeviceRevisionWatch {
    let store: Store
    let interval: Duration

    func run(from initialRevision: Int64, _ body: ([Device]) -> Void) async {
        var revision = initialRevision
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            guard let changed = try? await store.devicesChanged(since: revision) else { continue }
            revision = changed.revision
            body(changed.devices)
        }
    }
}
