import Foundation
import MGISProtocol
import MGISTestSupport
import Testing

extension EndToEnd {

/// The admin page in real headless Chromium against `mgisd demo`: an admin (token in the URL)
/// creates a unit (a second one with the same call sign is refused in the form), registers an
/// MTP/1 tracker assigned to it (its key shown once), renames it from its row (a taken name refused
/// under the input first) and disables it, creates a patrol user of
/// that unit (a too short password refused next to the field first), registers a Teltonika tracker
/// mgisd refused as unknown from its row in the unknown list, and issues a token for the demo's
/// display user, shown with its wall display link. The HTTP API then shows all of it. On a
/// 360 px screen no tab scrolls sideways, and the dispatcher is told the page needs the admin
/// role. Screenshots are kept in `ci-artifacts/` (admin*.png).
@Suite(.serialized) struct AdminPageTests {
    static let callSign = "BGE-9"
    static let unitName = "Border group east"
    static let tracker = "bge-9-car"
    static let renamed = "bge-9-jeep"
    static let officer = "officer-bge"
    static let password = "patrol-pass-2026"
    static let label = "Hall screen E2E"
    /// A Teltonika tracker nobody registered (15 digits, as the codec requires).
    static let stranger = "352094087654321"

    /// The `dataset` value `key` of the first row of `table` whose cell `cell` starts with `text`.
    static func rowData(_ table: String, cell: Int, _ text: String, _ key: String) -> String {
        "[...document.querySelectorAll('#\(table) tbody tr')].find(r => r.cells[\(cell)]?.textContent.startsWith(\(TaskPagesTests.js(text))))?.dataset.\(key) ?? ''"
    }

    @Test func testAdminManagesUnitsTrackersUsersAndTokens() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: HeadlessBrowser.chromium), "install chromium (apt-get install chromium)")
        let directory = NSTemporaryDirectory() + "mgis-admin-" + UUID().uuidString
        let daemon = try Daemon(command: "demo", dataDirectory: directory, extra: ["--units", "3"], captureOutput: true)
        defer { daemon.terminate() }
        _ = try #require(try await onOwnThread { daemon.waitForLine(containing: "/display/?token=") }, "the demo did not start")
        // The demo made admin, dispatcher and the display user 'wall'; tokens spare the test their passwords.
        let admin = try TaskPagesTests.token("admin", directory: directory)
        let desk = try TaskPagesTests.token("dispatcher", directory: directory)
        let http = HTTPTestClient(port: daemon.httpPort)
        let before = try await http.send("GET", "/api/v1/users", token: admin)
        let wallID = try #require(
            (before.json?["items"] as? [[String: Any]])?.first { $0["name"] as? String == "wall" }?["id"] as? Int, "no display user: \(before.text)")

        // A real Codec 8 packet from an unregistered IMEI: mgisd refuses it and lists the IMEI.
        let record = TeltonikaRecord(
            timestamp: UInt64(Date().timeIntervalSince1970 * 1000), priority: 0, longitude: 252_800_000, latitude: 546_900_000,
            altitude: 120, angle: 0, satellites: 9, speed: 0, eventIOID: 0, ioElements: []
        )
        let packet = TeltonikaCodec.encodeUDP(
            packetID: 1, avlPacketID: 1, imei: Self.stranger, avl: TeltonikaAVLData(codecID: .codec8, records: [record])
        )
        let udp = UDPTestClient(port: daemon.teltonikaPort)
        var listed = false
        for attempt in 0..<100 where !listed {
            // Sent again now and then: a datagram is not acknowledged, and may be lost.
            if attempt % 10 == 0 { udp.send(packet) }
            let unknown = try await http.send("GET", "/api/v1/devices/unknown", token: admin)
            listed = (unknown.json?["items"] as? [[String: Any]])?.contains { $0["imei"] as? String == Self.stranger } == true
            if !listed { try await Task.sleep(for: .milliseconds(100)) }
        }
        try #require(listed, "mgisd did not list the unknown IMEI \(Self.stranger)")

        let base = "http://127.0.0.1:\(daemon.httpPort)"
        let artifacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../ci-artifacts").standardized.path
        try FileManager.default.createDirectory(atPath: artifacts, withIntermediateDirectories: true)

        let seen = try await onOwnThread { () -> [String: String] in
            var seen: [String: String] = [:]
            let page = try HeadlessBrowser(width: 1280, height: 800)
            defer { page.quit() }
            try page.watchPolicyViolations()
            func read(_ script: String) throws -> String { "\(try page.evaluate(script) ?? "")" }

            try page.open("\(base)/admin/?token=\(admin)")
            try page.waitFor("document.body.dataset.ready === '1' && document.querySelector('#users-table tr.user-row')", seconds: 30)
            seen["address"] = try read("location.href")

            // A unit; the same call sign again is refused, the reason shown in the form.
            try page.click("#tab-units")
            try page.type("#unit-callsign", Self.callSign)
            try page.type("#unit-name", Self.unitName)
            try page.type("#unit-home", "Medininkai")
            try page.click("#unit-form button[type=submit]")
            let unitRow = Self.rowData("units-table", cell: 0, Self.callSign, "unitId")
            try page.waitFor(unitRow)
            let unitID = try read(unitRow)
            seen["unit"] = unitID
            try page.type("#unit-callsign", Self.callSign)
            try page.type("#unit-name", "Another name")
            try page.click("#unit-form button[type=submit]")
            try page.waitFor("document.querySelector('#unit-form .form-error')?.textContent")
            seen["duplicateError"] = try read("document.querySelector('#unit-form .form-error').textContent")
            try page.screenshot(to: artifacts + "/admin-units.png")

            // An MTP/1 tracker of that unit: its key is shown once; then it is disabled from its row.
            try page.click("#tab-devices")
            let strangerRow = "#unknown-table tr.unknown-row[data-imei=\"\(Self.stranger)\"]"
            try page.waitFor(TaskPagesTests.exists(strangerRow + " button.register-button"))
            try page.type("#device-name", Self.tracker)
            try page.type("#device-unit", unitID)
            try page.click("#device-form button[type=submit]")
            try page.waitFor("!document.getElementById('device-secret').hidden")
            seen["key"] = try read("document.querySelector('#device-secret .secret-value').textContent")
            seen["keyBox"] = try read("document.getElementById('device-secret').textContent")
            let deviceRow = Self.rowData("devices-table", cell: 1, Self.tracker, "deviceId")
            try page.waitFor(deviceRow)
            let deviceID = try read(deviceRow)
            seen["device"] = deviceID
            let row = "#devices-table tr.device-row[data-device-id=\"\(deviceID)\"]"
            seen["deviceUnit"] = try read("document.querySelector(\(TaskPagesTests.js(row + " select"))).value")
            try page.screenshot(to: artifacts + "/admin-trackers.png")

            // Renamed from its row: a demo tracker's name is refused under the input and changes
            // nothing (Escape leaves the input); a new name, saved with Enter, is shown in the row.
            func key(_ name: String, _ code: Int) throws {
                _ = try page.call("Input.dispatchKeyEvent", ["type": "keyDown", "key": name, "code": name, "windowsVirtualKeyCode": code, "text": name == "Enter" ? "\r" : ""])
                _ = try page.call("Input.dispatchKeyEvent", ["type": "keyUp", "key": name, "code": name, "windowsVirtualKeyCode": code])
            }
            let serverName = "fetch('/api/v1/devices', {headers: {Authorization: 'Bearer ' + \(TaskPagesTests.js(admin))}})"
                + ".then(r => r.json()).then(d => d.items.find(x => String(x.id) === \(TaskPagesTests.js(deviceID)))?.name ?? '')"
            let nameInput = row + " form.rename-form input[name=name]"
            let nameCell = "document.querySelector(\(TaskPagesTests.js(row)))?.cells[1].textContent"
            try page.click(row + " button.rename-button")
            try page.waitFor(TaskPagesTests.exists(nameInput))
            seen["renameFocus"] = try read("String(document.activeElement === document.querySelector(\(TaskPagesTests.js(nameInput))))")
            try page.type(nameInput, "demo-01")
            try page.click(row + " form.rename-form button[type=submit]")
            let renameError = "document.querySelector(\(TaskPagesTests.js(row + " form.rename-form .form-error")))?.textContent"
            try page.waitFor(renameError)
            seen["renameError"] = try read(renameError)
            seen["renameKept"] = try read("document.querySelector(\(TaskPagesTests.js(nameInput))).value")
            seen["afterRefusal"] = try read(serverName)
            try page.screenshot(to: artifacts + "/admin-tracker-rename.png")
            try key("Escape", 27)
            try page.waitFor(TaskPagesTests.exists(row + " button.rename-button"))
            seen["cancelled"] = try read(nameCell)
            try page.click(row + " button.rename-button")
            try page.waitFor(TaskPagesTests.exists(nameInput))
            try page.type(nameInput, Self.renamed)
            try key("Enter", 13)
            try page.waitFor("\(nameCell) === \(TaskPagesTests.js(Self.renamed))")
            seen["renamedOnServer"] = try read(serverName)
            try page.click(row + " button.toggle")
            try page.waitFor("document.querySelector(\(TaskPagesTests.js(row + " button.toggle"))).dataset.armed === '1'")
            try page.click(row + " button.toggle")
            try page.waitFor(TaskPagesTests.exists("#devices-table tr.device-row[data-device-id=\"\(deviceID)\"][data-enabled=\"false\"]"))

            // The unknown Teltonika tracker, from its row: the form is filled, the admin picks the unit.
            try page.click(strangerRow + " button.register-button")
            seen["prefilled"] = try read(
                "[document.getElementById('device-imei').value, document.getElementById('device-name').value, document.activeElement.id].join(' ')"
            )
            try page.type("#device-unit", unitID)
            try page.click("#device-form button[type=submit]")
            // Registered, it is no longer unknown: its row goes.
            try page.waitFor("!document.querySelector(\(TaskPagesTests.js(strangerRow)))")

            // A patrol user of the unit; a too short password is refused next to its field first.
            try page.click("#tab-users")
            try page.type("#user-name", Self.officer)
            try page.click("#user-form input[name=role][value=patrol]")
            try page.type("#user-unit", unitID)
            try page.type("#user-password", "short")
            try page.click("#user-form button[type=submit]")
            try page.waitFor(TaskPagesTests.exists("#user-form [data-field=\"password\"] .field-error"))
            seen["passwordError"] = try read("document.querySelector('#user-form [data-field=\"password\"] .field-error').textContent")
            try page.type("#user-password", Self.password)
            try page.click("#user-form button[type=submit]")
            let userRow = Self.rowData("users-table", cell: 1, Self.officer, "userId")
            try page.waitFor(userRow)
            let officerRow = "#users-table tr.user-row[data-user-id=\"\(try read(userRow))\"]"
            seen["userRoles"] = try read("[...document.querySelectorAll(\(TaskPagesTests.js(officerRow + " .role")))].map(e => e.textContent).join()")
            seen["userUnit"] = try read("document.querySelector(\(TaskPagesTests.js(officerRow + " select"))).value")
            try page.screenshot(to: artifacts + "/admin-users.png")
            try page.click(officerRow + " button.edit-button")
            try page.waitFor(TaskPagesTests.exists("#users-table tr.edit-row input[type=password]"))
            seen["editRoles"] = try read("[...document.querySelectorAll('#users-table tr.edit-row input[name=role]:checked')].map(e => e.value).join()")
            try page.screenshot(to: artifacts + "/admin-user-edit.png")
            try page.click("#users-table tr.edit-row .form-buttons button[type=button]")
            try page.waitFor("!document.querySelector('#users-table tr.edit-row')")

            // A token for the display user, from its row's Tokens button: shown once with the wall display link.
            try page.click("#users-table tr.user-row[data-user-id=\"\(wallID)\"] button.tokens-button")
            try page.waitFor("document.getElementById('tab-tokens').getAttribute('aria-selected') === 'true' && document.querySelector('#tokens-table tr.token-row')")
            seen["tokenUser"] = try read("document.getElementById('token-user').value")
            try page.type("#token-label", Self.label)
            try page.type("#token-days", "30")
            try page.click("#token-form button[type=submit]")
            try page.waitFor(TaskPagesTests.exists("#token-secret a.display-link"))
            seen["link"] = try read("document.querySelector('#token-secret a.display-link').href")
            try page.waitFor(Self.rowData("tokens-table", cell: 1, Self.label, "tokenId"))
            seen["tokenStatus"] = try read(Self.rowData("tokens-table", cell: 1, Self.label, "status"))
            try page.evaluate("window.scrollTo(0, 0)")
            try page.screenshot(to: artifacts + "/admin.png")
            seen["policy"] = try page.policyViolations()

            // A phone: no tab may scroll sideways, not even with a token and its long link shown.
            let phone = try HeadlessBrowser(width: 360, height: 740, mobile: true)
            defer { phone.quit() }
            try phone.open("\(base)/admin/?token=\(admin)")
            try phone.waitFor("document.body.dataset.ready === '1' && document.querySelector('#users-table tr.user-row')", seconds: 30)
            var widths: [String] = []
            for tab in ["units", "devices", "users", "tokens"] {
                try phone.click("#tab-\(tab)")
                try phone.waitFor("!document.getElementById('panel-\(tab)').hidden")
                widths.append("\(tab) \(try phone.evaluate("document.documentElement.scrollWidth") ?? "")")
            }
            try phone.type("#token-user", "\(wallID)")
            try phone.waitFor(TaskPagesTests.exists("#tokens-table tr.token-row"))
            try phone.type("#token-label", "Narrow E2E")
            try phone.click("#token-form button[type=submit]")
            try phone.waitFor(TaskPagesTests.exists("#token-secret a.display-link"))
            widths.append("token shown \(try phone.evaluate("document.documentElement.scrollWidth") ?? "")")
            try phone.evaluate("window.scrollTo(0, 0)")
            try phone.screenshot(to: artifacts + "/admin-narrow.png")
            seen["widths"] = widths.joined(separator: ", ")

            // Someone without the admin role is told so.
            try phone.open("\(base)/admin/?token=\(desk)")
            try phone.waitFor("!document.getElementById('login-view').hidden && document.getElementById('message').textContent")
            seen["notAdmin"] = "\(try phone.evaluate("document.getElementById('message').textContent") ?? "")"
            seen["notAdminApp"] = "\(try phone.evaluate("String(document.getElementById('app-view').hidden)") ?? "")"
            try phone.screenshot(to: artifacts + "/admin-not-admin.png")
            return seen
        }

        // The page took the token out of the address bar.
        #expect(seen["address"]?.contains("token=") == false, "address: \(seen["address"] ?? "")")
        #expect(seen["duplicateError"]?.contains("taken") == true, "a taken call sign is refused in the form: \(seen["duplicateError"] ?? "none")")
        let key = seen["key"] ?? ""
        #expect(key.count == 64 && key.allSatisfy { $0.isHexDigit }, "tracker key shown: \(key)")
        #expect(seen["keyBox"]?.contains("not shown again") == true, "key box: \(seen["keyBox"] ?? "")")
        #expect(seen["renameFocus"] == "true", "the Rename button focuses the name input")
        let renameError = seen["renameError"] ?? "none"
        #expect(renameError.contains("demo-01") && renameError.contains("exists already"), "a taken name is refused under the input: \(renameError)")
        #expect(seen["renameKept"] == "demo-01", "the refused name stays in the input")
        #expect(seen["afterRefusal"] == Self.tracker, "a refused rename changes nothing: \(seen["afterRefusal"] ?? "")")
        #expect(seen["cancelled"] == Self.tracker, "Escape leaves the name as it was: \(seen["cancelled"] ?? "")")
        #expect(seen["renamedOnServer"] == Self.renamed)
        #expect(seen["passwordError"]?.contains("at least 10 characters") == true, "password error: \(seen["passwordError"] ?? "none")")
        #expect(seen["userRoles"] == "patrol")
        #expect(seen["editRoles"] == "patrol", "the edit form starts from the user's roles")
        #expect(seen["tokenUser"] == "\(wallID)")
        #expect(seen["policy"] == "", "Content-Security-Policy violations: \(seen["policy"] ?? "")")
        #expect(seen["tokenStatus"] == "active")
        let widths = seen["widths"] ?? ""
        #expect(!widths.isEmpty && widths.split(separator: ",").allSatisfy { $0.hasSuffix(" 360") }, "scroll widths at 360 px: \(widths)")
        #expect(seen["notAdmin"]?.contains("admin role") == true, "message for a dispatcher: \(seen["notAdmin"] ?? "none")")
        #expect(seen["notAdminApp"] == "true")

        // What the page made, as the HTTP API sees it.
        let unitID = try #require(seen["unit"].flatMap { $0.isEmpty ? nil : $0 }, "no unit row")
        #expect(seen["deviceUnit"] == unitID)
        #expect(seen["userUnit"] == unitID)
        let units = try await http.send("GET", "/api/v1/units", token: admin).json?["items"] as? [[String: Any]] ?? []
        let unit = try #require(units.first { $0["callSign"] as? String == Self.callSign }, "unit not stored: \(units)")
        #expect(unit["id"] as? String == unitID)
        #expect(unit["name"] as? String == Self.unitName)
        #expect(unit["homeStation"] as? String == "Medininkai")
        #expect(units.filter { $0["callSign"] as? String == Self.callSign }.count == 1)

        let devices = try await http.send("GET", "/api/v1/devices", token: admin).json?["items"] as? [[String: Any]] ?? []
        let device = try #require(devices.first { $0["name"] as? String == Self.renamed }, "tracker not stored under its new name: \(devices)")
        #expect(!devices.contains { $0["name"] as? String == Self.tracker })
        #expect(devices.filter { $0["name"] as? String == "demo-01" }.count == 1, "the demo tracker keeps its name")
        #expect("\(device["id"] ?? "")" == seen["device"])
        #expect(device["kind"] as? String == "mtp1")
        #expect(device["unit"] as? String == unitID)
        #expect(device["enabled"] as? Bool == false)
        let suggested = "fmb-" + Self.stranger.suffix(6)
        #expect(seen["prefilled"] == "\(Self.stranger) \(suggested) device-name", "form after Register: \(seen["prefilled"] ?? "")")
        let teltonika = try #require(devices.first { $0["imei"] as? String == Self.stranger }, "Teltonika tracker not stored: \(devices)")
        #expect(teltonika["kind"] as? String == "teltonika")
        #expect(teltonika["name"] as? String == suggested)
        #expect(teltonika["unit"] as? String == unitID)
        #expect(teltonika["enabled"] as? Bool == true)

        let users = try await http.send("GET", "/api/v1/users", token: admin).json?["items"] as? [[String: Any]] ?? []
        let user = try #require(users.first { $0["name"] as? String == Self.officer }, "user not stored")
        #expect(user["roles"] as? [String] == ["patrol"])
        #expect(user["unit"] as? String == unitID)
        let login = try await http.send("POST", "/api/v1/auth/login", json: ["username": Self.officer, "password": Self.password])
        #expect(login.status == 200, "the new user signs in with the password given on the page: \(login.text)")

        let tokens = try await http.send("GET", "/api/v1/tokens?user=\(wallID)", token: admin).json?["items"] as? [[String: Any]] ?? []
        let issued = try #require(tokens.first { $0["label"] as? String == Self.label }, "token not stored: \(tokens)")
        #expect(issued["kind"] as? String == "issued")
        #expect(issued["revoked"] == nil)
        let link = seen["link"] ?? ""
        #expect(link.hasPrefix("\(base)/display/?token="), "display link: \(link)")
        let value = try #require(URLComponents(string: link)?.queryItems?.first { $0.name == "token" }?.value, "no token in \(link)")
        let me = try await http.send("GET", "/api/v1/me", token: value)
        #expect(me.json?["name"] as? String == "wall", "the link's token acts as the display user: \(me.text)")
    }
}
}
