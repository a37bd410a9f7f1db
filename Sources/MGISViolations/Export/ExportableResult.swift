/// A result that can be exported as CSV and GeoJSON.
public protocol ExportableResult {
    /// The rows and columns of the export.
    var exportTable: ExportTable { get }
}

extension ExportableResult {
    /// The result as RFC 4180 CSV (header row, CRLF line ends).
    public func csv() -> String { CSVWriter.write(exportTable) }

    /// The result as a GeoJSON FeatureCollection (RFC 7946).
    public func geoJSON() -> String { GeoJSONWriter.write(exportTable) }
}
