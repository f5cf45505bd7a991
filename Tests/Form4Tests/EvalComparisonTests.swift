import Foundation
import XCTest
@testable import Form4

final class EvalComparisonTests: XCTestCase {
    private func truth() throws -> Form4Record {
        try XCTUnwrap(OwnershipXML.read(contentsOf: OwnershipXMLTests.fixture).first)
    }

    /// The truth as an extractor would report it: same values, lower confidences, pages set.
    private func perfectExtraction() throws -> Form4Record {
        var record = try truth()
        record.pages = [1, 2]
        record.textSource = .ocr
        record.confidence = 0.5
        record.needsReview = true
        record.issuer.issuerName.confidence = 0.9
        record.issuer.issuerName.page = 1
        return record
    }

    private func outcome(_ path: String, in outcomes: [FieldOutcome], file: StaticString = #filePath,
                         line: UInt = #line) throws -> FieldOutcome {
        try XCTUnwrap(outcomes.first { $0.path == path }, "no outcome for \(path)", file: file, line: line)
    }

    private func wrongPaths(_ outcomes: [FieldOutcome]) -> [String] {
        outcomes.filter { !$0.valueCorrect }.map(\.path)
    }

    func testIdenticalRecordIsExactAndIgnoresPagesSourceAndConfidence() throws {
        let truth = try truth()
        let outcomes = EvalComparison.compare(extracted: try perfectExtraction(), truth: truth)
        XCTAssertEqual(outcomes.map(\.path), EvalComparison.alignedByFootnoteId(truth.allFields).map(\.path))
        XCTAssertTrue(outcomes.map(\.path).contains("footnotes(F1).text"), "footnotes are named by their id")
        XCTAssertEqual(wrongPaths(outcomes), [])
        XCTAssertTrue(outcomes.allSatisfy(\.footnotesCorrect))
        XCTAssertEqual(try outcome("issuer.issuerName", in: outcomes).confidence, 0.9)

        let summary = EvalSummary(outcomes: outcomes)
        XCTAssertEqual(summary.fields, truth.allFields.count)
        XCTAssertEqual(summary.correct, summary.fields)
        XCTAssertEqual(summary.footnoteRefs, 3, "two transactionShares and one exerciseDate refer to F1")
        XCTAssertEqual(summary.footnoteRefsCorrect, 3)
        XCTAssertTrue(summary.exact)
    }

    func testNumbersCompareNumerically() throws {
        let truth = try truth()
        var extracted = truth
        // "757,756" on the page, normalised by the extractor to a number written with trailing zeros.
        extracted.nonDerivativeTable[0].transactionShares.value = .number(Decimal(string: "757756.00")!)
        extracted.derivativeTable[0].conversionOrExercisePrice?.value = .number(Decimal(string: "0.330")!)
        var outcomes = EvalComparison.compare(extracted: extracted, truth: truth)
        XCTAssertEqual(wrongPaths(outcomes), [])

        extracted.nonDerivativeTable[0].transactionShares.value = .number(757765)
        outcomes = EvalComparison.compare(extracted: extracted, truth: truth)
        XCTAssertEqual(wrongPaths(outcomes), ["nonDerivativeTable[0].transactionShares"])
        let shares = try outcome("nonDerivativeTable[0].transactionShares", in: outcomes)
        XCTAssertEqual(shares.truth, .number(757756))
        XCTAssertEqual(shares.extracted, .number(757765))
    }

    func testUnnormalisedNumberStringIsWrong() {
        XCTAssertTrue(EvalComparison.valuesEqual(.number(757756), .number(Decimal(string: "757756.0")!)))
        XCTAssertFalse(EvalComparison.valuesEqual(.number(757756), .string("757,756")))
        XCTAssertFalse(EvalComparison.valuesEqual(.number(0), .null))
    }

    func testStringsCompareWithWhitespaceFoldedButCaseSensitive() throws {
        let truth = try truth()
        var extracted = truth
        extracted.issuer.issuerName.value = .string(" 374Water\n  Inc. ")
        extracted.reportingOwners[0].officerTitle.value = .string("Chief  Technology\tOfficer")
        var outcomes = EvalComparison.compare(extracted: extracted, truth: truth)
        XCTAssertEqual(wrongPaths(outcomes), [])

        extracted.issuer.issuerName.value = .string("374WATER INC.")
        extracted.reportingOwners[0].officerTitle.value = .string("ChiefTechnology Officer")
        outcomes = EvalComparison.compare(extracted: extracted, truth: truth)
        XCTAssertEqual(wrongPaths(outcomes), ["issuer.issuerName", "reportingOwners[0].officerTitle"])
    }

    func testNullEqualsEmptyStringButNotFalse() throws {
        let truth = try truth()
        var extracted = truth
        extracted.remarks.value = .string("  ")                       // truth: no remarks
        extracted.nonDerivativeTable[0].natureOfOwnership.value = .string("")
        var outcomes = EvalComparison.compare(extracted: extracted, truth: truth)
        XCTAssertEqual(wrongPaths(outcomes), [])

        extracted.reportingOwners[0].otherText.value = .bool(false)   // truth: null
        extracted.reportingOwners[0].isDirector.value = .null          // truth: false
        outcomes = EvalComparison.compare(extracted: extracted, truth: truth)
        XCTAssertEqual(wrongPaths(outcomes), ["reportingOwners[0].isDirector", "reportingOwners[0].otherText"])
    }

    func testWrongBooleanIsWrong() throws {
        let truth = try truth()
        var extracted = truth
        extracted.aff10b5One.value = .bool(true)
        let outcomes = EvalComparison.compare(extracted: extracted, truth: truth)
        XCTAssertEqual(wrongPaths(outcomes), ["aff10b5One"])
        XCTAssertFalse(EvalSummary(outcomes: outcomes).exact)
    }

    func testMissingRowCountsEveryTruthFieldWrong() throws {
        let truth = try truth()
        var extracted = truth
        extracted.derivativeTable = []
        let outcomes = EvalComparison.compare(extracted: extracted, truth: truth)
        let wrong = wrongPaths(outcomes)
        XCTAssertEqual(wrong.count, truth.derivativeTable[0].namedFields.count)
        XCTAssertTrue(wrong.allSatisfy { $0.hasPrefix("derivativeTable[0].") })
        // Even fields whose truth is null are wrong when the row is missing.
        let deemed = try outcome("derivativeTable[0].deemedExecutionDate", in: outcomes)
        XCTAssertEqual(deemed.truth, .null)
        XCTAssertEqual(deemed.extracted, .null)
        XCTAssertEqual(deemed.confidence, 0)
        XCTAssertFalse(deemed.valueCorrect)
        // The footnote on the missing exercise date is not found either.
        let exercise = try outcome("derivativeTable[0].exerciseDate", in: outcomes)
        XCTAssertEqual(exercise.truthFootnotes, ["F1"])
        XCTAssertEqual(exercise.extractedFootnotes, [])
        XCTAssertFalse(exercise.footnotesCorrect)

        let summary = EvalSummary(outcomes: outcomes)
        XCTAssertEqual(summary.fields, truth.allFields.count)
        XCTAssertEqual(summary.correct, truth.allFields.count - wrong.count)
        XCTAssertEqual(summary.footnoteRefs, 3)
        XCTAssertEqual(summary.footnoteRefsCorrect, 1)
        XCTAssertFalse(summary.exact)
    }

    func testExtraRowIsWrong() throws {
        let truth = try truth()
        var extracted = truth
        extracted.nonDerivativeTable.append(truth.nonDerivativeTable[0])
        let outcomes = EvalComparison.compare(extracted: extracted, truth: truth)
        XCTAssertEqual(outcomes.count, extracted.allFields.count)
        let wrong = wrongPaths(outcomes)
        XCTAssertEqual(wrong.count, extracted.nonDerivativeTable[1].namedFields.count)
        XCTAssertTrue(wrong.allSatisfy { $0.hasPrefix("nonDerivativeTable[1].") })
        let extra = try outcome("nonDerivativeTable[1].transactionShares", in: outcomes)
        XCTAssertEqual(extra.truth, .null)
        XCTAssertEqual(extra.extracted, .number(757756))
        XCTAssertFalse(extra.footnotesCorrect, "the extra row's F1 is not in the truth")
    }

    func testFootnoteReferenceMismatchIsDetected() throws {
        let truth = try truth()
        var extracted = truth
        extracted.derivativeTable[0].exerciseDate?.footnoteIds = []                 // missed
        extracted.derivativeTable[0].expirationDate?.footnoteIds = ["F2"]           // invented
        extracted.nonDerivativeTable[0].transactionShares.footnoteIds = ["F1", "F1"] // duplicate read
        let outcomes = EvalComparison.compare(extracted: extracted, truth: truth)
        XCTAssertEqual(wrongPaths(outcomes), [], "values are still right")
        let badRefs = outcomes.filter { !$0.footnotesCorrect }.map(\.path)
        XCTAssertEqual(badRefs, ["derivativeTable[0].exerciseDate", "derivativeTable[0].expirationDate"])

        let summary = EvalSummary(outcomes: outcomes)
        XCTAssertEqual(summary.correct, summary.fields)
        XCTAssertEqual(summary.footnoteRefs, 4)
        XCTAssertEqual(summary.footnoteRefsCorrect, 2)
        XCTAssertFalse(summary.exact, "a wrong footnote reference makes the document inexact")
    }

    func testFootnoteTextsCompareById() throws {
        let truth = try truth()
        var extracted = truth
        extracted.footnotes[0].text.value = .string("Vesting commencement date is March 31, 2025.")
        var outcomes = EvalComparison.compare(extracted: extracted, truth: truth)
        XCTAssertEqual(wrongPaths(outcomes), ["footnotes(F1).text"])

        // The right text under the wrong id: the truth's F1 is missing and the extra F2 is wrong.
        extracted = truth
        extracted.footnotes[0] = Footnote(id: "F2", text: truth.footnotes[0].text)
        outcomes = EvalComparison.compare(extracted: extracted, truth: truth)
        XCTAssertEqual(wrongPaths(outcomes), ["footnotes(F1).text", "footnotes(F2).text"])
        let missing = try outcome("footnotes(F1).text", in: outcomes)
        XCTAssertEqual(missing.extracted, .null)
    }

    func testALostFootnoteCostsOnlyItsOwnText() throws {
        var truth = try truth()
        truth.footnotes = (1...3).map { Footnote(id: "F\($0)", text: Field(value: .string("Footnote number \($0)."), confidence: 1)) }
        var extracted = truth
        extracted.footnotes.removeFirst()
        let outcomes = EvalComparison.compare(extracted: extracted, truth: truth)
        XCTAssertEqual(wrongPaths(outcomes), ["footnotes(F1).text"], "F2 and F3 are still read right")
        extracted.footnotes.append(extracted.footnotes[0])
        XCTAssertEqual(wrongPaths(EvalComparison.compare(extracted: extracted, truth: truth)),
                       ["footnotes(F1).text", "footnotes(F2)#2.text"], "a footnote read twice is one too many")
    }

    func testSummariesAddAcrossDocuments() throws {
        let truth = try truth()
        var wrong = truth
        wrong.issuer.issuerTradingSymbol.value = .string("SCW0")
        let exact = EvalSummary(outcomes: EvalComparison.compare(extracted: truth, truth: truth))
        let inexact = EvalSummary(outcomes: EvalComparison.compare(extracted: wrong, truth: truth))
        let total = exact + inexact
        XCTAssertEqual(total.documents, 2)
        XCTAssertEqual(total.exactDocuments, 1)
        XCTAssertFalse(total.exact)
        XCTAssertEqual(total.fields, 2 * truth.allFields.count)
        XCTAssertEqual(total.correct, total.fields - 1)
        XCTAssertEqual(EvalSummary().accuracy, 1)
        XCTAssertEqual(inexact.accuracy, Double(inexact.fields - 1) / Double(inexact.fields), accuracy: 1e-12)
    }
}
