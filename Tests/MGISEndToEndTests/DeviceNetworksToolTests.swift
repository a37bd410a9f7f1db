import Foundation
import MGISCore
import MGISStore
import Testing

extension EndToEnd {

/// `mgisctl device add --allowed-network` and `mgisctl device networks`, audited like every change.
@Suite struct DeviceNetworksToolTests {
    @Test func testNetworksAreSetListedAndCleared() throws {
        let data = try ControlToolTests.directory()
        let added = try ControlToolTests.mgisctl([
            "device", "add", "--data", data, "--name", "fmb-1", "--imei", "356307042441013",
            "--allowed-network", "10.20.0.0/16", "--allowed-network", "192.0.2.7",
        ])
        #expect(added.status == 0 && added.stdout.contains("networks\t10.20.0.0/16,192.0.2.7/32"), "\(added.stdout) \(added.stderr)")
        #expect(try ControlToolTests.mgisctl(["device", "list", "--data", data]).stdout.contains("\tyes\t10.20.0.0/16,192.0.2.7/32"))
        let bad = try ControlToolTests.mgisctl(["device", "networks", "--data", data, "1", "10.0.0.0/8", "the-office"])
        #expect(bad.status != 0 && bad.stderr.contains("the-office"), "\(bad.stderr)")
        let cleared = try ControlToolTests.mgisctl(["device", "networks", "--data", data, "1"])
        #expect(cleared.status == 0 && cleared.stdout.contains("any"), "\(cleared.stderr)")
        let store = try Store(configuration: StoreConfiguration(path: data + "/mgis.sqlite"))
        #expect(try store.device(DeviceID(unchecked: 1))?.allowedNetworks.isEmpty == true)
    }
}
}
