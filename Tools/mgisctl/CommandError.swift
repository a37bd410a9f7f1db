/// A failure while carrying out a well-formed command: printed as "Error: <message>", exit 1,
/// without the usage text that `ValidationError` adds for malformed arguments.
struct CommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
