import Foundation
import Form4
let encoder = JSONEncoder()
encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
for path in CommandLine.arguments.dropFirst() {
    let result = Form4Extractor().extract(path: path)
    print(String(data: try encoder.encode(result), encoding: .utf8)!)
}
