import Foundation
import PDFText

/// The fields a person should check against the page: one row per field whose confidence is below
/// the result's review threshold, with where to look (page and box) and what was printed there.
///
/// Columns:
/// - `file`: the path as given; `form`: the form's one-based position in the file (as in the key
///   `SECTables.accessionKey`); `path`: the field's path (`derivativeTable[0].expirationDate`, see
///   `Form4Record.allFields`);
/// - `value`: the value as the ownership XML writes it (`true`, `1234.5`, `2025-04-30`), empty
///   when null; `confidence`: three decimals;
/// - `page`: one-based; `bbox`: `x0,y0,x1,y1` in PDF points, origin top-left, empty when unknown;
/// - `raw`: the text as printed when it differs from the value.
///
/// Tabs and newlines inside values become spaces, so the rows can be written tab-separated.
/// Results with status other than `ok` have no fields and add no rows.
public enum ReviewQueue {
    public static let header: [String] = ["file", "form", "path", "value", "confidence", "page", "bbox", "raw"]

    public static func rows(for result: FileResult) -> [[String]] {
        guard result.status == .ok else { return [] }
        var rows: [[String]] = []
        for (formIndex, form) in result.forms.enumerated() {
            form.forEachField { path, field in
                guard field.confidence < result.reviewThreshold else { return }
                rows.append([
                    SECTables.clean(result.file),
                    String(formIndex + 1),
                    SECTables.clean(path()),
                    SECTables.clean(field.value.xmlText ?? ""),
                    String(format: "%.3f", field.confidence),
                    field.page.map(String.init) ?? "",
                    field.bbox.map(box) ?? "",
                    SECTables.clean(field.raw ?? ""),
                ])
            }
        }
        return rows
    }

    private static func box(_ rect: Rect) -> String {
        [rect.x0, rect.y0, rect.x1, rect.y1].map { String(format: "%.2f", $0) }.joined(separator: ",")
    }
}
