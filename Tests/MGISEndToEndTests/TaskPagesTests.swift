import Foundation
#if canImport(Glibc)
import Glibc
#endif
import MGISTestSupport
import Testing

extension EndToEnd {

/// The dispatcher console and the patrol page in real headless Chromium against `mgisd demo`:
/// the console dispatches a task and creates one from an area drawn with the mouse, a patrol
/// on a 360 px phone screen acknowledges, drives to and completes the task with a report
/// (after the server refused a report without violations, shown next to the field), and the
/// console's board shows the task completed. Then the patrol reports a violation on the spot,
/// without a task, through "Report a violation here" (the server's refusal of an empty goods
/// description and a bad country code shown next to those fields first). Screenshots are kept
/// in `ci-artifacts/` (dispatch*.png, patrol*.png).
@Suite(.serialized) struct TaskPagesTests {
    /// A JavaScript string literal for `text`.
    static func js(_ text: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: [text]), as: UTF8.self).dropFirst().dropLast().description
    }

    static func exists(_ selector: String) -> String { "document.querySelector(\(js(selector)))" }

    static func token(_ user: String, directory: String) throws -> String {
        let run = try ControlToolTests.mgisctl(["user", "token", "--data", directory, user])
        guard run.status == 0, let token = run.stdout.split(separator: "\n").last.map(String.init) else {
            throw HeadlessBrowser.Failure(description: "mgisctl user token \(user): \(run.stderr)")
        }
        return token
    }

    @Test func testDispatcherAndPatrolWorkATaskThroughThePages() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: HeadlessBrowser.chromium), "install chromium (apt-get install chromium)")
        let directory = NSTemporaryDirectory() + "mgis-taskpages-" + UUID().uuidString
        let daemon = try Daemon(command: "demo", dataDirectory: directory, extra: ["--units", "3"], captureOutput: true)
        defer { daemon.terminate() }
        _ = try #require(try await onOwnThread { daemon.waitForLine(containing: "/display/?token=") }, "the demo did not start")
        // The demo made the users (dispatcher, patrol-01 of DEMO-01); tokens spare the test their passwords.
        let desk = try Self.token("dispatcher", directory: directory)
        let patrol = try Self.token("patrol-01", directory: directory)
        let http = HTTPTestClient(port: daemon.httpPort)
        let me = try await http.send("GET", "/api/v1/me", token: patrol)
        let unit = try #require(me.json?["unit"] as? String, "patrol-01 has no unit: \(me.text)")
        try await Task.sleep(for: .seconds(2))  // DEMO-01 reports: the patrol page knows where it is

        // A draft made through the API; dispatching it is the console's job.
        let clock = ISO8601DateFormatter()
        let draft: [String: Any] = [
            "type": "checkpoint", "title": "Checkpoint at the ring road", "priority": "high",
            "instructions": "Stop and check trucks heading east.",
            "area": ["type": "circle", "center": ["lat": 54.687, "lon": 25.28], "radiusMeters": 30_000],
            "window": ["start": clock.string(from: Date().addingTimeInterval(-600)), "end": clock.string(from: Date().addingTimeInterval(7200))],
            "units": [unit], "checklist": ["Check trucks", "Check papers"],
        ]
        let created = try await http.send("POST", "/api/v1/tasks", token: desk, json: draft)
        #expect(created.status == 201, "create: \(created.text)")
        let taskID = try #require(created.json?["id"] as? Int)

        let base = "http://127.0.0.1:\(daemon.httpPort)"
        let artifacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../ci-artifacts").standardized.path
        try FileManager.default.createDirectory(atPath: artifacts, withIntermediateDirectories: true)
        let card = ".task-card[data-task-id=\"\(taskID)\"]"
        let item = ".task-item[data-task-id=\"\(taskID)\"]"

        let report = try await onOwnThread { () -> [String: String] in
            var seen: [String: String] = [:]
            let console = try HeadlessBrowser(width: 1280, height: 800)
            defer { console.quit() }
            try console.watchPolicyViolations()
            try console.open("\(base)/dispatch/?token=\(desk)")
            try console.waitFor(Self.exists("\(card)[data-state=\"draft\"]"))
            try console.click("\(card) button[data-action=\"dispatch\"]")
            try console.waitFor(Self.exists("\(card)[data-state=\"dispatched\"]"))

            // A second task from the form, its area a circle dragged on the map. The map first
            // fits the units once they are drawn; a view set here afterwards counts as the
            // dispatcher's own, so no later fit changes the scale under the drag (under load a
            // fit could land mid-test and make the same 60 px a circle too large to save).
            try console.waitFor("document.querySelectorAll('.unit-marker').length > 0")
            try console.evaluate("(window.mgisDispatch.map.setView([54.65, 25.25], 12, { animate: false }), true)")
            try console.click("#draw-circle")
            let map = try console.evaluate("(() => { const r = document.getElementById('map').getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()") as? [Double] ?? []
            try console.mouse(x: map[0], y: map[1], to: (map[0] + 60, map[1] + 30))
            try console.waitFor("document.getElementById('task-form').dataset.area === 'circle'")
            try console.type("#task-title", "Drawn patrol area")
            try console.click("#task-units-list input[value=\"\(unit)\"]")
            try console.click("#task-save-dispatch")
            try console.waitFor("[...document.querySelectorAll('.task-card[data-state=\"dispatched\"] .card-title')].some(e => e.textContent === 'Drawn patrol area')")
            try console.screenshot(to: artifacts + "/dispatch.png")

            // The patrol's phone.
            let phone = try HeadlessBrowser(width: 360, height: 740, mobile: true)
            defer { phone.quit() }
            try phone.watchPolicyViolations()
            try phone.open("\(base)/patrol/?token=\(patrol)")
            try phone.waitFor(Self.exists("\(item)[data-state=\"dispatched\"]"))
            try phone.screenshot(to: artifacts + "/patrol-tasks.png")
            // Notes which requests carry an Idempotency-Key (a retry after a lost answer must not record twice).
            try phone.evaluate("""
                (() => { const send = window.fetch; window.keyed = [];
                  window.fetch = (url, options) => { const key = options?.headers?.['Idempotency-Key'];
                    if (key) window.keyed.push(`${options.method} ${url} ${key.length}`); return send(url, options); }; })()
                """)
            try phone.click(item)
            try phone.waitFor("document.body.dataset.view === 'task'")
            for (action, state) in [("acknowledge", "acknowledged"), ("en_route", "en_route"), ("on_scene", "on_scene")] {
                try phone.click("#task-actions button[data-action=\"\(action)\"]")
                try phone.waitFor("document.getElementById('task-view').dataset.state === '\(state)'")
            }
            try phone.screenshot(to: artifacts + "/patrol-task.png")
            try phone.click("#task-actions button[data-action=\"complete\"]")
            try phone.waitFor("!document.getElementById('result-form').hidden")
            try phone.type("#r-vehicles", "4")
            try phone.type("#r-persons", "6")
            try phone.type("#r-outcome", "violations_found")
            // Without a violation the server refuses; the page shows why next to the field.
            try phone.click("#result-submit")
            try phone.waitFor(Self.exists("#result-form [data-field=\"violations\"] .field-error"))
            seen["violationsError"] = try phone.evaluate("document.querySelector('#result-form [data-field=\"violations\"] .field-error').textContent") as? String

            try phone.click("#add-violation")
            try phone.waitFor("document.querySelector('.violation-row')?.dataset.lat")
            try phone.type("#v0-type", "cigarettes")
            try phone.type("#v0-goodsDescription", "200 packs")
            try phone.type("#v0-quantity", "200")
            try phone.type("#v0-quantityUnit", "packs")
            try phone.type("#v0-estimatedValueEUR", "1000")
            try phone.type("#v0-vehiclePlate", "abc123")
            try phone.type("#v0-vehicleCountry", "lt")
            try phone.click("#result-form input[name=\"check\"]")
            seen["scrollWidth"] = "\(try phone.evaluate("document.documentElement.scrollWidth") ?? "")"
            try phone.screenshot(to: artifacts + "/patrol-result.png")
            try phone.click("#result-submit")
            try phone.waitFor("document.getElementById('task-view').dataset.state === 'completed'")
            try phone.screenshot(to: artifacts + "/patrol-done.png")

            // The console heard it on the live feed.
            try console.waitFor(Self.exists("\(card)[data-state=\"completed\"]"))
            seen["card"] = try console.evaluate("document.querySelector(\(Self.js(card))).textContent") as? String
            try console.screenshot(to: artifacts + "/dispatch-completed.png")

            // A violation seen on the way back, reported without a task; the unit's position comes from the demo fleet.
            try phone.click("#task-view .back-link")
            try phone.waitFor("document.body.dataset.view === 'list'")
            try phone.click("#report-violation")
            try phone.waitFor("document.body.dataset.view === 'report' && !document.getElementById('violation-form').hidden")
            try phone.waitFor("document.getElementById('violation-where').dataset.lat")
            seen["where"] = try phone.evaluate("document.getElementById('violation-where').textContent") as? String
            // No goods and a country that is no ISO code: the server's messages land next to those fields.
            try phone.type("#vr-vehicleCountry", "l1")
            try phone.click("#violation-submit")
            try phone.waitFor(Self.exists("#violation-form [data-field=\"vehicleCountry\"] .field-error"))
            seen["goodsError"] = try phone.evaluate("document.querySelector('#violation-form [data-field=\"goodsDescription\"] .field-error')?.textContent ?? ''") as? String
            seen["countryError"] = try phone.evaluate("document.querySelector('#violation-form [data-field=\"vehicleCountry\"] .field-error').textContent") as? String

            try phone.type("#vr-type", "alcohol")
            try phone.type("#vr-goodsDescription", "24 bottles of vodka")
            try phone.type("#vr-quantity", "24")
            try phone.type("#vr-quantityUnit", "bottles")
            try phone.type("#vr-estimatedValueEUR", "180,50")
            try phone.type("#vr-vehiclePlate", "kla 552")
            try phone.type("#vr-vehicleCountry", "lv")
            try phone.type("#vr-roadOrCrossing", "A14 near Utena")
            try phone.type("#violation-notes", "Under the back seat.")
            seen["violationScrollWidth"] = "\(try phone.evaluate("document.documentElement.scrollWidth") ?? "")"
            try phone.evaluate("window.scrollTo(0, 0)")
            try phone.screenshot(to: artifacts + "/patrol-violation.png")
            try phone.click("#violation-submit")
            try phone.waitFor("document.body.dataset.view === 'list' && /Violation #\\d+/.test(document.getElementById('message').textContent)")
            seen["violationMessage"] = try phone.evaluate("document.getElementById('message').textContent") as? String
            seen["keyed"] = try phone.evaluate("window.keyed.join('\\n')") as? String
            // Both pages did all of that under the server's Content-Security-Policy.
            seen["policy"] = try console.policyViolations() + phone.policyViolations()
            try phone.screenshot(to: artifacts + "/patrol-violation-sent.png")
            return seen
        }
        #expect(report["policy"] == "", "Content-Security-Policy violations: \(report["policy"] ?? "")")
        #expect(report["violationsError"]?.contains("violation") == true, "error shown: \(report["violationsError"] ?? "none")")
        #expect(report["scrollWidth"] == "360", "the patrol page scrolls sideways: \(report["scrollWidth"] ?? "")")
        #expect(report["card"]?.contains("Completed") == true, "card: \(report["card"] ?? "")")
        let keyed = (report["keyed"] ?? "").split(separator: "\n").map(String.init)
        #expect(keyed.contains("POST /api/v1/tasks/\(taskID)/actions 32"), "task steps sent without Idempotency-Key: \(keyed)")
        #expect(keyed.contains("POST /api/v1/violations 32"), "violation report sent without Idempotency-Key: \(keyed)")

        let stored = try await http.send("GET", "/api/v1/tasks/\(taskID)", token: desk)
        let result = try #require(stored.json?["result"] as? [String: Any], "no result: \(stored.text)")
        #expect(stored.json?["state"] as? String == "completed")
        #expect(result["vehiclesChecked"] as? Int == 4)
        let violations = result["violations"] as? [[String: Any]] ?? []
        #expect(violations.count == 1)
        #expect(violations.first?["vehicleCountry"] as? String == "LT")
        #expect(violations.first?["location"] as? [String: Any] != nil)
        let checklist = result["checklist"] as? [[String: Any]] ?? []
        #expect(checklist.map { $0["done"] as? Bool } == [true, false])

        // The violation reported on the spot: in the register for the patrol's unit, with no task.
        #expect(report["where"]?.contains("ago") == true, "position shown: \(report["where"] ?? "none")")
        #expect(report["goodsError"]?.contains("goods") == true, "goods error: \(report["goodsError"] ?? "none")")
        #expect(report["countryError"]?.contains("country") == true, "country error: \(report["countryError"] ?? "none")")
        #expect(report["violationScrollWidth"] == "360", "the violation form scrolls sideways: \(report["violationScrollWidth"] ?? "")")
        let message = report["violationMessage"] ?? ""
        let reportedID = try #require(
            message.components(separatedBy: "Violation #").dropFirst().first.flatMap { Int64($0.prefix(while: \.isNumber)) },
            "no confirmation with an id: \(message)")
        let listed = try await http.send("GET", "/api/v1/violations?limit=50", token: desk)
        #expect(listed.status == 200, "violations: \(listed.text)")
        let items = listed.json?["items"] as? [[String: Any]] ?? []
        let reported = try #require(items.first { ($0["id"] as? NSNumber)?.int64Value == reportedID }, "violation \(reportedID) not listed")
        #expect(reported["unit"] as? String == unit)
        #expect(reported["task"] == nil || reported["task"] is NSNull, "a violation reported here has no task: \(reported["task"] ?? "")")
        #expect(reported["reportedBy"] as? Int == me.json?["id"] as? Int)
        #expect(reported["type"] as? String == "alcohol")
        #expect(reported["goodsDescription"] as? String == "24 bottles of vodka")
        #expect(reported["quantity"] as? Double == 24)
        #expect(reported["quantityUnit"] as? String == "bottles")
        #expect(reported["estimatedValueEUR"] as? Double == 180.5)
        #expect(reported["vehiclePlate"] as? String == "KLA 552")
        #expect(reported["vehicleCountry"] as? String == "LV")
        #expect(reported["roadOrCrossing"] as? String == "A14 near Utena")
        #expect(reported["notes"] as? String == "Under the back seat.")
        let location = reported["location"] as? [String: Any]
        #expect(location?["lat"] as? Double != nil && location?["lon"] as? Double != nil, "location: \(reported["location"] ?? "none")")
    }
}


/// Headless Chromium driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
/// JSON messages separated by NUL on file descriptors 3 and 4), so a test can click and type
/// like a user without a WebSocket client or a debugging port. One page per browser.
/// `@unchecked Sendable`: used by one test thread at a time.
final class HeadlessBrowser: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static let chromium = "/usr/bin/chromium"
    private let pid: pid_t
    private var toBrowser: Int32
    private let fromBrowser: Int32
    private let profile: String
    private var pending = Data()
    private var nextID = 0
    private var session = ""

    /// Starts Chromium with a page of `width` x `height` CSS pixels (`mobile` for phone layouts).
    init(width: Int, height: Int, mobile: Bool = false) throws {
        profile = NSTemporaryDirectory() + "mgis-chromium-" + UUID().uuidString
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0]
        guard pipe(&input) == 0, pipe(&output) == 0 else { throw Failure(description: "pipe failed") }
        // Move every end above 4 and mark it close-on-exec, so only the dup2'ed copies on 3 and 4 reach
        // the browser and dup2 in the child never meets a descriptor that is already 3 or 4.
        func high(_ fd: Int32) -> Int32 {
            let moved = fcntl(fd, F_DUPFD_CLOEXEC, 10)
            Glibc.close(fd)
            return moved
        }
        let childReads = high(input[0]), parentWrites = high(input[1])
        let parentReads = high(output[0]), childWrites = high(output[1])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, childReads, 3)
        posix_spawn_file_actions_adddup2(&actions, childWrites, 4)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let arguments = [
            Self.chromium, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
            "--user-data-dir=\(profile)", "--window-size=\(width),\(height)", "--no-first-run", "about:blank",
        ]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, Self.chromium, &actions, nil, &argv, environ)
        Glibc.close(childReads)
        Glibc.close(childWrites)
        guard spawned == 0 else {
            Glibc.close(parentWrites)
            Glibc.close(parentReads)
            throw Failure(description: "cannot start \(Self.chromium): \(spawned)")
        }
        pid = child
        toBrowser = parentWrites
        fromBrowser = parentReads
        // Ignore SIGPIPE-free writes: a dead browser shows as a failed write, not a crash.
        signal(SIGPIPE, SIG_IGN)

        let target = try call("Target.createTarget", ["url": "about:blank"], browserLevel: true)
        guard let targetID = target["targetId"] as? String else { throw Failure(description: "no target") }
        let attached = try call("Target.attachToTarget", ["targetId": targetID, "flatten": true], browserLevel: true)
        guard let sessionID = attached["sessionId"] as? String else { throw Failure(description: "no session") }
        session = sessionID
        _ = try call("Page.enable")
        _ = try call("Runtime.enable")
        _ = try call("Emulation.setDeviceMetricsOverride", ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile])
    }

    deinit { quit() }

    func quit() {
        guard toBrowser >= 0 else { return }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        Glibc.close(toBrowser)
        Glibc.close(fromBrowser)
        toBrowser = -1
        try? FileManager.default.removeItem(atPath: profile)
    }

    /// Sends one command and waits for its answer (events in between are skipped).
    @discardableResult
    func call(_ method: String, _ params: [String: Any] = [:], browserLevel: Bool = false, seconds: Double = 30) throws -> [String: Any] {
        nextID += 1
        let id = nextID
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if !browserLevel { message["sessionId"] = session }
        var bytes = try JSONSerialization.data(withJSONObject: message)
        bytes.append(0)
        let written = bytes.withUnsafeBytes { write(toBrowser, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw Failure(description: "\(method): the browser is gone") }
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            while let end = pending.firstIndex(of: 0) {
                let frame = pending[pending.startIndex..<end]
                pending = Data(pending[(end + 1)...])
                guard let object = try JSONSerialization.jsonObject(with: frame) as? [String: Any],
                    object["id"] as? Int == id
                else { continue }
                if let error = object["error"] { throw Failure(description: "\(method): \(error)") }
                return object["result"] as? [String: Any] ?? [:]
            }
            let left = Int32(max(0, deadline.timeIntervalSinceNow * 1000))
            guard left > 0 else { throw Failure(description: "\(method): no answer in \(seconds) s") }
            var poller = pollfd(fd: fromBrowser, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, left) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { read(fromBrowser, $0.baseAddress, $0.count) }
            guard count > 0 else { throw Failure(description: "\(method): the browser closed the pipe") }
            pending.append(contentsOf: chunk.prefix(count))
        }
    }

    func open(_ url: String) throws {
        try call("Page.navigate", ["url": url])
    }

    /// Runs JavaScript in the page (promises are awaited) and returns its JSON value.
    @discardableResult
    func evaluate(_ script: String) throws -> Any? {
        let result = try call("Runtime.evaluate", ["expression": script, "awaitPromise": true, "returnByValue": true])
        if let exception = result["exceptionDetails"] as? [String: Any] {
            let text = (exception["exception"] as? [String: Any])?["description"] ?? exception["text"] ?? exception
            throw Failure(description: "script failed: \(text)\n\(script)")
        }
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Polls `condition` (a JavaScript expression) until it is truthy.
    func waitFor(_ condition: String, seconds: Double = 30) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let value = try? evaluate("!!(\(condition))") as? Bool, value { return }
            usleep(150_000)
        }
        throw Failure(description: "timed out after \(seconds) s waiting for: \(condition)")
    }

    /// Clicks the element `selector` after scrolling it into view (a real mouse click, not el.click()).
    func click(_ selector: String) throws {
        let quoted = String(decoding: try JSONSerialization.data(withJSONObject: [selector]), as: UTF8.self)
        let box = try evaluate("""
            (() => { const el = document.querySelector(\(quoted)[0]); if (!el) return null;
              el.scrollIntoView({block: 'center'}); const r = el.getBoundingClientRect();
              return [r.left + r.width / 2, r.top + r.height / 2]; })()
            """) as? [Double]
        guard let box else { throw Failure(description: "no element \(selector)") }
        try mouse(x: box[0], y: box[1])
    }

    /// A press and release at (x, y); with `to`, a drag from (x, y) to there.
    func mouse(x: Double, y: Double, to: (Double, Double)? = nil) throws {
        try call("Input.dispatchMouseEvent", ["type": "mousePressed", "x": x, "y": y, "button": "left", "buttons": 1, "clickCount": 1])
        var end = (x, y)
        if let to {
            for step in 1...5 {
                let k = Double(step) / 5
                end = (x + (to.0 - x) * k, y + (to.1 - y) * k)
                try call("Input.dispatchMouseEvent", ["type": "mouseMoved", "x": end.0, "y": end.1, "button": "left", "buttons": 1])
            }
        }
        try call("Input.dispatchMouseEvent", ["type": "mouseReleased", "x": end.0, "y": end.1, "button": "left", "buttons": 0, "clickCount": 1])
    }

    /// Types into an input as keyboard input would (so input events fire).
    func type(_ selector: String, _ text: String) throws {
        let quoted = String(decoding: try JSONSerialization.data(withJSONObject: [selector, text]), as: UTF8.self)
        try evaluate("""
            (() => { const [s, t] = \(quoted); const el = document.querySelector(s); if (!el) throw new Error('no ' + s);
              el.focus(); el.value = t; el.dispatchEvent(new Event('input', {bubbles: true}));
              el.dispatchEvent(new Event('change', {bubbles: true})); })()
            """)
    }

    func screenshot(to path: String) throws {
        let result = try call("Page.captureScreenshot", ["format": "png"])
        guard let base64 = result["data"] as? String, let data = Data(base64Encoded: base64) else {
            throw Failure(description: "no screenshot data")
        }
        try data.write(to: URL(fileURLWithPath: path))
    }
}
}
