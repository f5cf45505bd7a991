import Foundation

/// Scores extraction against truth files: every PDF under a folder that has its EDGAR ownership
/// XML beside it (`NAME.xml`; a PDF binding several forms has `NAME.1.xml`, `NAME.2.xml`, ...).
public struct Evaluator {
    public struct WrongField: Codable, Sendable {
        public var file: String
        public var path: String
        public var truth: String
        public var extracted: String
        public var confidence: Double
    }

    public struct FolderReport: Codable, Sendable {
        public var folder: String
        public var summary = EvalSummary()
        public var pages = 0
        public var milliseconds = 0.0
        public var failedFiles = 0
        public var msPerPage: Double { pages == 0 ? 0 : milliseconds / Double(pages) }
        public init(folder: String) { self.folder = folder }
    }

    public struct Report: Codable, Sendable {
        public var folders: [FolderReport] = []
        public var wrong: [WrongField] = []
        public init() {}
        public var total: FolderReport {
            var total = FolderReport(folder: "all")
            for folder in folders {
                total.summary = total.summary + folder.summary
                total.pages += folder.pages
                total.milliseconds += folder.milliseconds
                total.failedFiles += folder.failedFiles
            }
            return total
        }
    }

    public let extractor: Form4Extractor

    public init(extractor: Form4Extractor = Form4Extractor()) { self.extractor = extractor }

    /// PDFs under `root` (recursively; `root` may also be one PDF) that have truth, with their
    /// truth files in form order.
    public static func cases(under root: String) -> [(pdf: String, truths: [String])] {
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        guard manager.fileExists(atPath: root, isDirectory: &isFolder) else { return [] }
        if !isFolder.boolValue {
            return root.lowercased().hasSuffix(".pdf") ? truths(of: root).map { [(root, $0)] } ?? [] : []
        }
        guard let enumerator = manager.enumerator(atPath: root) else { return [] }
        var cases: [(String, [String])] = []
        for case let relative as String in enumerator where relative.lowercased().hasSuffix(".pdf") {
            let pdf = (root as NSString).appendingPathComponent(relative)
            if let truths = truths(of: pdf) { cases.append((pdf, truths)) }
        }
        return cases.sorted { $0.0 < $1.0 }
    }

    /// The truth files beside `pdf`: NAME.xml, or NAME.1.xml, NAME.2.xml, ... (nil: none).
    static func truths(of pdf: String) -> [String]? {
        let manager = FileManager.default
        let base = String(pdf.dropLast(4))
        if manager.fileExists(atPath: base + ".xml") { return [base + ".xml"] }
        var truths: [String] = []
        while manager.fileExists(atPath: "\(base).\(truths.count + 1).xml") { truths.append("\(base).\(truths.count + 1).xml") }
        return truths.isEmpty ? nil : truths
    }

    /// Runs extraction on every case under `root` and scores it, grouped by folder.
    public func run(root: String, progress: ((Int, Int) -> Void)? = nil) -> Report {
        var report = Report()
        var folders: [String: FolderReport] = [:]
        let all = Self.cases(under: root)
        for (index, item) in all.enumerated() {
            progress?(index + 1, all.count)
            let folder = (item.pdf as NSString).deletingLastPathComponent
            var folderReport = folders[folder] ?? FolderReport(folder: folder)
            let started = DispatchTime.now().uptimeNanoseconds
            let result = extractor.extract(path: item.pdf)
            folderReport.milliseconds += Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
            folderReport.pages += result.pageCount ?? 0
            if result.status == .error { folderReport.failedFiles += 1 }
            for (formIndex, truthPath) in item.truths.enumerated() {
                guard let truth = try? OwnershipXML.read(contentsOf: URL(fileURLWithPath: truthPath)).first else { continue }
                let extracted = formIndex < result.forms.count ? result.forms[formIndex] : Form4Record()
                let outcomes = EvalComparison.compare(extracted: extracted, truth: truth)
                folderReport.summary.add(EvalSummary(outcomes: outcomes))
                for outcome in outcomes where !outcome.valueCorrect || !outcome.footnotesCorrect {
                    report.wrong.append(WrongField(
                        file: item.pdf + (item.truths.count > 1 ? "#\(formIndex + 1)" : ""), path: outcome.path,
                        truth: Self.describe(outcome.truth, outcome.truthFootnotes),
                        extracted: Self.describe(outcome.extracted, outcome.extractedFootnotes),
                        confidence: outcome.confidence))
                }
            }
            folders[folder] = folderReport
        }
        report.folders = folders.values.sorted { $0.folder < $1.folder }
        return report
    }

    static func describe(_ value: FieldValue, _ footnotes: [String]) -> String {
        let text = value.xmlText ?? "null"
        return footnotes.isEmpty ? text : "\(text) [\(footnotes.joined(separator: ","))]"
    }
}
