/// A failure the operator can act on: bad input file, bad address, unwritable output.
///
/// The message is printed as is by ArgumentParser ("Error: ..."), so it names the file,
/// line or option at fault.
struct LoadError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
