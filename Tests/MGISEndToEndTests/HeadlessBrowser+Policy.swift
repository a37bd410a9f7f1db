import Foundation

extension EndToEnd.HeadlessBrowser {
    /// Records every Content-Security-Policy violation of the pages opened from now on (the
    /// listener is installed before any page script runs), for `policyViolations()`.
    func watchPolicyViolations() throws {
        try call("Page.addScriptToEvaluateOnNewDocument", ["source": """
            window.__csp = []; document.addEventListener('securitypolicyviolation',
              (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
            """])
    }

    /// What the policy blocked on the current page, one line each; "no listener" when
    /// `watchPolicyViolations()` was not called before the page opened.
    func policyViolations() throws -> String {
        "\(try evaluate("(window.__csp ?? ['no listener']).join('\\n')") ?? "")"
    }
}
