/// A cell's place in a `GeoGrid`: row 0 is the southernmost, column 0 the westernmost.
public struct GridCellID: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var row: Int
    public var column: Int

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Row-major order: south to north, then west to east.
    public static func < (a: GridCellID, b: GridCellID) -> Bool {
        (a.row, a.column) < (b.row, b.column)
    }

    public var description: String { "r\(row)c\(column)" }
}
