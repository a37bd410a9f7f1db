/// A result as a table: what both the CSV and the GeoJSON writers print. CSV gets the
/// columns as they are; GeoJSON gets one Feature per row with the columns as properties.
public struct ExportTable: Hashable, Sendable {
    public var columns: [String]
    public var rows: [Row]

    public struct Row: Hashable, Sendable {
        /// `nil` for rows that are not places (trend buckets, matrix cells): a Feature with a null geometry.
        public var geometry: ExportGeometry?
        /// One value per column.
        public var values: [ExportValue]

        public init(geometry: ExportGeometry?, values: [ExportValue]) {
            self.geometry = geometry
            self.values = values
        }
    }

    public init(columns: [String], rows: [Row]) {
        self.columns = columns
        self.rows = rows
    }
}
