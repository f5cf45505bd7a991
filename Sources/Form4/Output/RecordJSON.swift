import Foundation

/// JSON and JSON Lines output of `FileResult`s, in the record contract of docs/record-format.md.
public enum RecordJSON {
    /// Keys are sorted so that the same input always gives the same bytes.
    public static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// One JSON document: a single result as an object, several as an array. Keys stand in the
    /// order of the record contract (docs/record-format.md).
    public static func document(_ results: [FileResult]) throws -> Data {
        var json = JSONWriter(pretty: true)
        if results.count == 1 { json.fileResult(results[0]) } else { json.array(results) { $0.fileResult($1) } }
        return Data(json.bytes + [0x0A])
    }

    /// One line per result.
    public static func line(_ result: FileResult) throws -> Data {
        var json = JSONWriter(pretty: false)
        json.fileResult(result)
        return Data(json.bytes + [0x0A])
    }
}
