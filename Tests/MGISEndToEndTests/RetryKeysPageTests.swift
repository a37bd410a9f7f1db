import Foundation
import MGISTestSupport
import Testing

extension EndToEnd {

/// The pages' retry-key rules (`/common/retry-keys.js`, served by a real server) run in real
/// Chromium: a request keeps its `Idempotency-Key` for the next press exactly while it may have
/// taken effect (no answer, a 5xx, the first attempt still running, an answer whose body did not
/// arrive whole), and a success, a refusal or a changed form starts a new one.
@Suite struct RetryKeysPageTests {
    static let script = """
        (async () => {
          const { RetryKeys, withRetryKey, newKey } = await import('/common/retry-keys.js');
          const keys = new RetryKeys();
          const sent = [];
          const answer = (status, code) => async (key) => {
            sent.push(key);
            if (status >= 200 && status < 300 && !code) return 'ok';
            throw Object.assign(new Error(code), { status, code });
          };
          const press = async (body, send) => {
            try { return await withRetryKey(keys, 'report', body, send); } catch (err) { return err.code; }
          };
          const again = async (body, status, code) => {
            await press(body, answer(status, code));
            await press(body, answer(201));
            return sent.at(-2) === sent.at(-1);
          };
          const result = {
            afterNoAnswer: await again({ n: 1 }, 0, 'timeout'),
            afterServerError: await again({ n: 2 }, 503, 'audit_unavailable'),
            whileRunning: await again({ n: 3 }, 409, 'idempotency_in_progress'),
            afterBrokenBody: await again({ n: 4 }, 201, 'bad_response'),
            afterSuccess: await again({ n: 5 }, 201),
            afterRefusal: await again({ n: 6 }, 400, 'invalid_field'),
            afterConflict: await again({ n: 7 }, 409, 'conflict'),
          };
          await press({ n: 8 }, answer(0, 'network'));
          await press({ n: 9 }, answer(201));
          result.changedForm = sent.at(-2) === sent.at(-1);
          result.keyShape = /^[0-9a-f]{32}$/.test(newKey()) && newKey() !== newKey();
          return result;
        })()
        """

    @Test func testKeyIsKeptExactlyWhileARequestMayHaveTakenEffect() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: HeadlessBrowser.chromium), "install chromium (apt-get install chromium)")
        try await TestServer.with(directory: TestServer.temporaryDirectory()) { server in
            let port = server.httpPort
            let result = try await onOwnThread { () -> [String: Bool] in
                let browser = try HeadlessBrowser(width: 800, height: 600)
                defer { browser.quit() }
                try browser.open("http://127.0.0.1:\(port)/")
                try browser.waitFor("document.readyState === 'complete'")
                return try browser.evaluate(Self.script) as? [String: Bool] ?? [:]
            }
            // Same key on the next press: the first may have been stored.
            #expect(result["afterNoAnswer"] == true, "\(result)")
            #expect(result["afterServerError"] == true, "\(result)")
            #expect(result["whileRunning"] == true, "\(result)")
            #expect(result["afterBrokenBody"] == true, "\(result)")
            // A new key: the first was answered, or changed nothing, or the form changed.
            #expect(result["afterSuccess"] == false, "\(result)")
            #expect(result["afterRefusal"] == false, "\(result)")
            #expect(result["afterConflict"] == false, "\(result)")
            #expect(result["changedForm"] == false, "\(result)")
            #expect(result["keyShape"] == true, "\(result)")
        }
    }
}
}
