import Layout

/// A Form 4 prints the same dates again and again: a Table II transaction is dated like the
/// Table I rows and the period of report (box 3), and rows of one grant share their exercise and
/// expiration dates. On a scan, a date OCR garbled past parsing ("99302026", "owos2024": blurred
/// 200 dpi print loses its slashes and reads 0 as 9 or o) is matched against the dates the same
/// form reads clearly; the one it could be with at most `maximumDifferences` characters misread,
/// where no other date comes as close, is taken, marked `cross-check`, and stays in review.
/// Only readings that are no date are touched: a reading that parsed is never replaced.
enum DateCrossCheck {
    /// Characters of the reading (slashes and spaces dropped) that may differ from a candidate
    /// printed as MMDDYYYY.
    static let maximumDifferences = 1
    /// Confidence a date needs to vouch for another.
    static let sureConfidence = 0.8
    /// Confidence of a date taken from another.
    static let matchedConfidence = 0.6

    static func mend(_ record: inout Form4Record) {
        let transactionRows = record.nonDerivativeTable + record.derivativeTable
        // Transaction dates and the period of report vouch for each other; exercise and
        // expiration dates (years after the grant) only for their own kind.
        let dealt = sureDates(transactionRows.flatMap { [$0.transactionDate, $0.deemedExecutionDate] } + [record.periodOfReport])
        let exercisable = sureDates(record.derivativeTable.compactMap(\.exerciseDate))
        let expiring = sureDates(record.derivativeTable.compactMap(\.expirationDate))
        mend(&record.periodOfReport, from: dealt)
        for index in record.nonDerivativeTable.indices {
            mend(&record.nonDerivativeTable[index].transactionDate, from: dealt)
            mend(&record.nonDerivativeTable[index].deemedExecutionDate, from: dealt)
            mendDeemedYear(&record.nonDerivativeTable[index])
        }
        for index in record.derivativeTable.indices {
            mend(&record.derivativeTable[index].transactionDate, from: dealt)
            mend(&record.derivativeTable[index].deemedExecutionDate, from: dealt)
            mendDeemedYear(&record.derivativeTable[index])
            if record.derivativeTable[index].exerciseDate != nil { mend(&record.derivativeTable[index].exerciseDate!, from: exercisable) }
            if record.derivativeTable[index].expirationDate != nil { mend(&record.derivativeTable[index].expirationDate!, from: expiring) }
        }
        // A form is signed after the transactions it reports.
        if let latest = sureDates((record.nonDerivativeTable + record.derivativeTable).map(\.transactionDate) + [record.periodOfReport]).max() {
            for index in record.ownerSignatures.indices {
                mendSignatureDate(&record.ownerSignatures[index].signatureDate, signedAfter: latest)
            }
        }
    }

    /// A form is signed on or after the dates of the transactions it reports (`signedAfter`: the
    /// latest of them read surely, or box 3). A signature date read before that has a digit
    /// misread: the one date a single digit away that falls within `signatureSpanDays` after it
    /// is taken ("2015-08-23" for "2019-08-23", a transaction of 2019-08-22), marked
    /// `cross-check`; with none or several, the date stays as read and goes to review.
    static func mendSignatureDate(_ field: inout Field, signedAfter dealt: String) {
        guard case .string(let signed) = field.value, let signedDay = day(signed), let start = day(dealt), signedDay < start else { return }
        let digits = Array(signed)
        var found: [String] = []
        for index in digits.indices where digits[index].isNumber {
            for digit in "0123456789" where digit != digits[index] {
                var changed = digits
                changed[index] = digit
                let text = String(changed)
                if let changedDay = day(text), (0...signatureSpanDays).contains(changedDay - start) { found.append(text) }
            }
        }
        field.confidence = min(field.confidence, matchedConfidence)
        guard found.count == 1 else { return }
        field.raw = field.raw ?? signed
        field.value = .string(found[0])
        field.method = "cross-check"
    }

    /// How many days after box 3's date a misread signature date may be taken to lie: a Form 4
    /// is due two business days after the transaction; later ones come weeks late, not months.
    static let signatureSpanDays = 45

    /// A deemed execution date belongs to its row's transaction: on or after it, within days.
    /// One read with one digit of its year misread ("2035-11-05" beside a transaction of
    /// "2025-11-03") takes the transaction's year where that puts it within `deemedSpanDays`
    /// after the transaction; it is marked `cross-check` and stays in review.
    static func mendDeemedYear(_ row: inout TableRow) {
        guard case .string(let deemed) = row.deemedExecutionDate.value, case .string(let dealt) = row.transactionDate.value,
              isISODate(deemed), isISODate(dealt), deemed.prefix(4) != dealt.prefix(4),
              zip(deemed.prefix(4), dealt.prefix(4)).count(where: { $0 != $1 }) == 1 else { return }
        let mended = dealt.prefix(4) + deemed.dropFirst(4)
        guard let start = day(dealt), let end = day(String(mended)), let read = day(deemed),
              !(0...deemedSpanDays).contains(read - start), (0...deemedSpanDays).contains(end - start) else { return }
        row.deemedExecutionDate.raw = row.deemedExecutionDate.raw ?? deemed
        row.deemedExecutionDate.value = .string(String(mended))
        row.deemedExecutionDate.confidence = min(row.deemedExecutionDate.confidence, matchedConfidence)
        row.deemedExecutionDate.method = "cross-check"
    }

    /// How many days after its transaction a deemed execution date may fall.
    static let deemedSpanDays = 366

    /// Days since 1 March of year 0 of an ISO date (a day count for differences only); nil
    /// where the text is no date ("2019-09-31").
    static func day(_ iso: String) -> Int? {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]) else { return nil }
        let leap = parts[0] % 4 == 0 && (parts[0] % 100 != 0 || parts[0] % 400 == 0)
        let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][parts[1] - 1]
        guard (1...monthDays).contains(parts[2]) else { return nil }
        // Months counted from March, so that a leap day ends the year.
        let year = parts[1] <= 2 ? parts[0] - 1 : parts[0], month = (parts[1] + 9) % 12
        return 365 * year + year / 4 - year / 100 + year / 400 + (153 * month + 2) / 5 + parts[2] - 1
    }

    /// The ISO dates among `fields` read surely enough to vouch for another.
    static func sureDates(_ fields: [Field]) -> Set<String> {
        Set(fields.compactMap { field in
            guard field.confidence >= sureConfidence, case .string(let text) = field.value, isISODate(text) else { return nil }
            return text
        })
    }

    static func mend(_ field: inout Field, from candidates: Set<String>) {
        guard case .string(let reading) = field.value, !isISODate(reading),
              let date = match(reading, among: candidates) else { return }
        field.raw = field.raw ?? reading
        field.value = .string(date)
        field.confidence = matchedConfidence
        field.method = "cross-check"
    }

    /// The one candidate (ISO) that `reading` could be, printed MMDDYYYY with its slashes lost
    /// or kept, counting look-alike letters (o for 0, l for 1, s for 5) as the digits they
    /// stand for, and a character misread, lost or read in as one difference; nil when none or
    /// more than one comes as close.
    static func match(_ reading: String, among candidates: Set<String>) -> String? {
        let characters = Array(String(reading.filter { $0 != "/" && $0 != " " && $0 != "-" }.map { lookAlikeDigits[$0] ?? $0 }).utf8)
        // Eight characters, or one lost ("1232021": a "1" of "11" and both slashes) or one too
        // many (a slash read as a digit).
        guard (8 - maximumDifferences...8 + maximumDifferences).contains(characters.count) else { return nil }
        var best: (date: String, differences: Int)? = nil
        var tied = false
        for date in candidates {
            let parts = date.split(separator: "-")
            guard parts.count == 3 else { continue }
            let printed = Array((parts[1] + parts[2] + parts[0]).utf8)
            let differences = LabelText.editDistance(characters, printed, limit: maximumDifferences)
            guard differences <= maximumDifferences else { continue }
            if let current = best, differences == current.differences { tied = true }
            if best == nil || differences < best!.differences { best = (date, differences); tied = false }
        }
        return tied ? nil : best?.date
    }

    /// Letters OCR reads for digits in small print.
    static let lookAlikeDigits: [Character: Character] = [
        "o": "0", "O": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "i": "1", "|": "1", "!": "1",
        "z": "2", "Z": "2", "s": "5", "S": "5", "b": "6", "G": "6", "B": "8", "g": "9", "q": "9",
    ]

    static func isISODate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        return bytes.enumerated().allSatisfy { index, byte in index == 4 || index == 7 || (byte >= 48 && byte <= 57) }
    }
}
