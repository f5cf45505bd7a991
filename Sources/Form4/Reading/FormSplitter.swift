import Layout
import PDFText

/// What a page is, as far as finding forms in a PDF goes.
enum PageRole: Equatable {
    /// The first page of a Form 4: title block and boxes 1 and 2.
    case form4Start
    /// The first page of a form that looks like Form 4 but is not one (Form 3 or 5).
    case otherFormStart(String)
    /// A page that carries on a form: its tables, footnotes or signatures.
    case continuation
    /// Anything else: an attached power of attorney, a cover letter, a blank page.
    case unrelated
}

/// Splits a PDF's pages into forms: archives bind many filings into one file, and a filing may
/// carry attached pages.
enum FormSplitter {
    static func role(of page: FormPage) -> PageRole {
        if isFirstPage(page) {
            let top = Rect(x0: page.bounds.x0, y0: page.bounds.y0, x1: page.bounds.x1, y1: page.bounds.height * 0.3)
            // Exact matches only: "ANNUAL STATEMENT OF CHANGES" is a few edits from Form 4's own title.
            if page.first(FormLabels.initialStatement, in: top, exactOnly: true) != nil { return .otherFormStart("3") }
            if page.first(FormLabels.annualStatement, in: top, exactOnly: true) != nil { return .otherFormStart("5") }
            let form4 = page.first(FormLabels.form4, in: top, exactOnly: true)
            if form4 == nil {
                if page.first(FormLabels.form3, in: top, exactOnly: true) != nil { return .otherFormStart("3") }
                if page.first(FormLabels.form5, in: top, exactOnly: true) != nil { return .otherFormStart("5") }
            }
            return .form4Start
        }
        let continues = [FormLabels.tableI, FormLabels.tableII, FormLabels.explanation, FormLabels.signature,
                         FormLabels.reminder, FormLabels.misstatements, FormLabels.ombNotice]
            .contains { page.first($0) != nil }
        return continues ? .continuation : .unrelated
    }

    /// Boxes of the first page, found in its upper half. Three of them make a first page: a
    /// continuation page has none, and damaged text may lose any one or two (OCR that split a
    /// label over two lines, a smudge).
    static let firstPageBoxes = [FormLabels.nameAndAddress, FormLabels.issuerName, FormLabels.earliestTransaction,
                                 FormLabels.amendment, FormLabels.relationship, FormLabels.jointFiling]
    static let firstPageBoxesNeeded = 3

    static func isFirstPage(_ page: FormPage) -> Bool {
        let upperHalf = Rect(x0: page.bounds.x0, y0: page.bounds.y0, x1: page.bounds.x1, y1: page.bounds.midY)
        var found = 0
        for box in firstPageBoxes where page.first(box, in: upperHalf) != nil {
            found += 1
            if found == firstPageBoxesNeeded { return true }
        }
        return false
    }

    /// Groups pages into Form 4s. Continuation pages join the form before them; pages of other
    /// forms and unrelated pages belong to none.
    static func split(_ pages: [FormPage]) -> (forms: [[FormPage]], otherForms: [String]) {
        var forms: [[FormPage]] = []
        var otherForms: [String] = []
        var current: [FormPage]? = nil
        for page in pages {
            switch role(of: page) {
            case .form4Start:
                if let open = current { forms.append(open) }
                current = [page]
            case .otherFormStart(let type):
                if let open = current { forms.append(open) }
                current = nil
                otherForms.append(type)
            case .continuation:
                current?.append(page)
            case .unrelated:
                break
            }
        }
        if let open = current { forms.append(open) }
        return (forms, otherForms)
    }
}
