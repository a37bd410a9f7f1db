import FuzzDriver
import Foundation

/// Hands the process over to libFuzzer, which calls `target` with each input, and exits with
/// libFuzzer's status. A target's main.swift is this one call.
public func runFuzzer(_ target: @escaping @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    exit(MGISFuzzMain(CommandLine.argc, CommandLine.unsafeArgv, target))
}

/// Stops the run when an invariant does not hold, with the message.
///
/// Not `precondition`: fuzz targets build with -O, which drops a precondition's message, and a
/// crash report must say what went wrong.
public func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #file, line: UInt = #line) {
    if !condition { fuzzFail(message(), file: file, line: line) }
}

/// Stops the run: an input reached a state the target says cannot happen.
public func fuzzFail(_ message: String, file: StaticString = #file, line: UInt = #line) -> Never {
    fatalError(message, file: file, line: line)
}
