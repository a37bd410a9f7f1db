import Foundation

/// Names of the files a rotated recording is split into.
///
/// The first file keeps the name it was given; when it is full the writer continues in
/// `NAME.1`, then `NAME.2` and so on, up to `NAME.65535`. A numeric suffix after the whole
/// name (rather than before an extension) keeps `ls NAME*` in order for the first ten and makes
/// the set of one recording easy to glob.
public enum TraceSegments {
    /// The file of segment `segment` of the recording `base`.
    public static func path(base: String, segment: UInt16) -> String {
        segment == 0 ? base : "\(base).\(segment)"
    }

    /// The existing files of the recording `base`, in order: `base`, then `base.1`, `base.2`
    /// ... until the first number that does not exist.
    public static func existing(base: String) -> [String] {
        var paths: [String] = []
        var segment: UInt16 = 0
        while FileManager.default.fileExists(atPath: path(base: base, segment: segment)) {
            paths.append(path(base: base, segment: segment))
            guard segment < .max else { break }
            segment += 1
        }
        return paths
    }
}
