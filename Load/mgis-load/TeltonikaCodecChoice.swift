import ArgumentParser
import MGISProtocol

/// `--codec 8` or `--codec 8E`: which AVL encoding the simulated trackers use.
///
/// Its own type rather than a conformance of `TeltonikaCodecID`, so the protocol module does not
/// learn about command lines; "8e" is accepted too, as operators type it.
enum TeltonikaCodecChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    case codec8 = "8"
    case codec8Extended = "8E"

    init?(argument: String) {
        self.init(rawValue: argument.uppercased())
    }

    var codecID: TeltonikaCodecID {
        switch self {
        case .codec8: .codec8
        case .codec8Extended: .codec8Extended
        }
    }
}
