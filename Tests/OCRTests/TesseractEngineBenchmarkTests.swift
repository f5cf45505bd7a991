import Foundation
import XCTest
import PDFText
@testable import OCR

/// Timing and memory of a full-page recognition. Skipped unless `OCR_BENCHMARK=1`:
///
///     OCR_BENCHMARK=1 swift test --skip-build --filter TesseractEngineBenchmarkTests
///
/// `OCR_BENCHMARK_PGM` may name a grey PGM (e.g. from `pdftoppm -r 300 -gray`) to recognise as well,
/// so the engine and the `tesseract` command line can be compared on the very same pixels.
final class TesseractEngineBenchmarkTests: XCTestCase {
    static let scan = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Samples/image-only/f0081-x0306-letter-s100-300dpi.pdf").path

    override func setUpWithError() throws {
        try XCTSkipUnless(ProcessInfo.processInfo.environment["OCR_BENCHMARK"] == "1", "set OCR_BENCHMARK=1 to run")
    }

    func testFullPageTimeThreadsAndMemory() throws {
        let environment = ProcessInfo.processInfo.environment
        let path = environment["OCR_BENCHMARK_PDF"] ?? Self.scan
        let page = try PDFDocument(path: path).page(0)
        let image = try page.renderGray(dpi: 300)
        let engine = try TesseractEngine()
        let threadsBefore = Self.threadCount()

        var words: [OCRWord] = []
        let seconds = try Self.time { words = try engine.recognizeWords(in: image) }
        print(String(format: "bench: engine, PDFText render %dx%d: %.3f s, %d words, mean confidence %.2f, threads %d -> %d, OMP_THREAD_LIMIT=%@ (%@)",
                     image.width, image.height, seconds, words.count,
                     words.map(\.confidence).reduce(0, +) / Double(max(1, words.count)),
                     threadsBefore, Self.threadCount(), getenv("OMP_THREAD_LIMIT").map { String(cString: $0) } ?? "unset", TesseractThreading.singleThreaded ? "engine limits OpenMP" : "left to OpenMP"))

        if let pgm = environment["OCR_BENCHMARK_PGM"] {
            let same = try Self.readPGM(pgm, scale: 300.0 / 72)
            let pgmSeconds = try Self.time { words = try engine.recognizeWords(in: same) }
            print(String(format: "bench: engine, pdftoppm PGM %dx%d: %.3f s, %d words", same.width, same.height, pgmSeconds, words.count))
        }

        guard environment["OCR_BENCHMARK_MEMORY"] == "1" else { return }
        var samples: [String] = []
        let total = try Self.time {
            for run in 1...30 {
                _ = try engine.recognizeWords(in: image)
                if [1, 2, 5, 10, 20, 30].contains(run) {
                    samples.append("after \(run): RSS \(Self.status("VmRSS")) peak \(Self.status("VmHWM"))")
                }
            }
        }
        print("bench: 30 recognitions in \(String(format: "%.1f", total)) s; " + samples.joined(separator: "; "))
    }

    private static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    private static func threadCount() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").count) ?? -1
    }

    private static func status(_ key: String) -> String {
        let text = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = text.split(separator: "\n").first { $0.hasPrefix(key + ":") } ?? ""
        return line.dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
    }

    /// A binary (P5) 8-bit PGM.
    private static func readPGM(_ path: String, scale: Double) throws -> GrayImage {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var fields: [Int] = [], index = 2, current = ""
        while fields.count < 3 {
            let byte = data[index]; index += 1
            if byte == UInt8(ascii: "#") { while data[index] != 10 { index += 1 }; continue }
            if (48...57).contains(byte) { current.append(Character(UnicodeScalar(byte))) }
            else if !current.isEmpty { fields.append(Int(current)!); current = "" }
        }
        let (width, height) = (fields[0], fields[1])
        let pixels = [UInt8](data[index..<(index + width * height)])
        return GrayImage(width: width, height: height, pixels: pixels, scale: scale,
                         region: Rect(x0: 0, y0: 0, x1: Double(width) / scale, y1: Double(height) / scale))
    }
}
