import ArgumentParser
import Foundation
import MGISStore

extension DataOptions {
    var directory: String {
        data ?? ProcessInfo.processInfo.environment["MGIS_DATA"] ?? "./mgis-data"
    }

    /// Opens the store, creating the directory and schema if needed.
    func openStore() throws -> Store {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return try Store(configuration: StoreConfiguration(path: directory + "/mgis.sqlite"))
    }
}

/// Prints a clean one-line error for store refusals instead of a stack of types.
@discardableResult
func reportingStoreErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        throw CommandError(error.message)
    }
}
