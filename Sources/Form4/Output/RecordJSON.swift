import Foundation

/// JSON and JSON Lines output of `FileResult`s, in the record contract of docs/record-format.md.
public enum RecordJSON {
    /// Keys are sorted so that the same input always gives the same bytes.
    public static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// One JSON document: a single result as an object, several as an array.
    public static func document(_ results: [FileResult]) throws -> Data {
        let encoder = encoder(pretty: true)
        var data = results.count == 1 ? try encoder.encode(results[0]) : try encoder.encode(results)
        data.append(0x0A)
        return data
    }

    /// One line per result.
    public static func line(_ result: FileResult) throws -> Data {
        var data = try encoder(pretty: false).encode(result)
        data.append(0x0A)
        return data
    }
}
