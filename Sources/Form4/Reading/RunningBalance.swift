import Foundation

/// Table I's transactions carry a running balance: the amount owned after a transaction is the
/// amount owned after the one before plus the shares acquired (A) or less those disposed of (D).
/// On a scan, a decimal point OCR lost ("3112963198" for "311296.3198"), one misread digit or
/// one lost digit breaks that sum; where exactly one such edit of one of the three amounts mends it, that edit
/// is what was printed. The mended amount stays in review: the sum is strong evidence, but it is
/// the only evidence for that reading.
enum RunningBalance {
    /// Confidence of an amount the balance mended.
    static let mendedConfidence = 0.85
    /// Amounts read at least this surely are not edited.
    static let sureConfidence = 0.9
    /// Fewest digits an amount needs to be edited: in short amounts an edit that makes the sum
    /// come out right is too likely to be chance.
    static let minDigits = 3

    /// Mends the amounts of consecutive transaction rows whose balance does not add up.
    static func mend(_ rows: inout [TableRow]) {
        guard rows.count >= 2 else { return }
        for index in rows.indices.dropFirst() {
            let before = rows[index - 1], row = rows[index]
            guard let (owned, sign, shares, after) = sum(rows, at: index), owned + sign * shares != after else { continue }
            var fixes: [(field: Int, value: Decimal)] = []
            // An amount owned that adds up with its other neighbour as read is borne out by that
            // sum: it is not what OCR got wrong here (mending it would break that sum, and a
            // wrong neighbour would carry its error down the rows mended after it).
            if before.sharesOwnedFollowingTransaction.confidence < sureConfidence, !addsUp(rows, at: index - 1) {
                fixes += alternatives(of: owned).filter { $0 + sign * shares == after }.map { (0, $0) }
            }
            if row.transactionShares.confidence < sureConfidence {
                let candidates = alternatives(of: shares).union(withADigitDropped(from: shares))
                fixes += candidates.filter { owned + sign * $0 == after }.map { (1, $0) }
            }
            if row.sharesOwnedFollowingTransaction.confidence < sureConfidence, !addsUp(rows, at: index + 1) {
                fixes += alternatives(of: after).filter { owned + sign * shares == $0 }.map { (2, $0) }
            }
            guard fixes.count == 1, let fix = fixes.first else { continue }
            switch fix.field {
            case 0: rows[index - 1].sharesOwnedFollowingTransaction.mend(to: fix.value)
            case 1: rows[index].transactionShares.mend(to: fix.value)
            default: rows[index].sharesOwnedFollowingTransaction.mend(to: fix.value)
            }
        }
    }

    /// The sum the transaction row at `index` makes with the row before it, as read: owned
    /// before, +1 for (A) or -1 for (D), the shares, owned after. Nil where either row is missing,
    /// is no transaction, or lacks one of the amounts.
    static func sum(_ rows: [TableRow], at index: Int) -> (owned: Decimal, sign: Decimal, shares: Decimal, after: Decimal)? {
        guard index >= 1, index < rows.count else { return nil }
        let before = rows[index - 1], row = rows[index]
        guard before.kind == .transaction, row.kind == .transaction,
              case .string(let direction) = row.transactionAcquiredDisposedCode.value, direction == "A" || direction == "D",
              case .number(let owned) = before.sharesOwnedFollowingTransaction.value,
              case .number(let shares) = row.transactionShares.value,
              case .number(let after) = row.sharesOwnedFollowingTransaction.value else { return nil }
        return (owned, direction == "A" ? 1 : -1, shares, after)
    }

    /// Whether the transaction row at `index` adds up, as read, with the row before it.
    static func addsUp(_ rows: [TableRow], at index: Int) -> Bool {
        sum(rows, at: index).map { $0.owned + $0.sign * $0.shares == $0.after } ?? false
    }

    /// `value` without one of its digits: a speck OCR read as a digit ("17499.59" for "17499.9").
    /// Tried for the shares only: the amounts owned stand in two sums each, and a digit taken
    /// from one of them would mend a sum whose shares lost a digit, the other way round.
    static func withADigitDropped(from value: Decimal) -> Set<Decimal> {
        let printed = Array(value.plainString)
        guard printed.filter(\.isNumber).count > minDigits, !printed.contains("-") else { return [] }
        var found = Set<Decimal>()
        for position in printed.indices where printed[position].isNumber {
            var changed = printed
            changed.remove(at: position)
            // No amount is printed with a leading zero before its units ("0749").
            if changed.first == "0", changed.count > 1, changed[1] != "." { continue }
            if changed.first == "." || changed.last == "." { continue }
            if let number = Decimal(string: String(changed)) { found.insert(number) }
        }
        found.remove(value)
        return found
    }

    /// What OCR may have made `value` from: the same digits with a decimal point it lost put
    /// back (or one it added taken out), one digit read for another, one digit lost, or a
    /// first digit read in from a mark left of it.
    static func alternatives(of value: Decimal) -> Set<Decimal> {
        let text = value.plainString
        let digits = text.filter(\.isNumber)
        guard digits.count >= minDigits, !text.hasPrefix("-") else { return [] }
        var found = Set<Decimal>()
        let characters = Array(digits)
        // Every place for one decimal point (none: a point OCR added).
        for point in 1...characters.count {
            let candidate = String(characters[..<point]) + (point < characters.count ? "." + String(characters[point...]) : "")
            if let number = Decimal(string: candidate) { found.insert(number) }
        }
        // One digit read for another, the point where it was. Not a last decimal made 0: that
        // is the digit dropped, which would mend a sum by cutting a right amount short to fit a
        // neighbour that lost its last digit.
        let printed = Array(text)
        let pointAt = printed.firstIndex(of: ".")
        for position in printed.indices where printed[position].isNumber {
            for digit in "0123456789" where digit != printed[position] {
                if position == 0 && digit == "0" && printed.count > 1 && printed[1] != "." { continue }
                if digit == "0", pointAt != nil, position == printed.count - 1 { continue }
                var changed = printed
                changed[position] = digit
                if let number = Decimal(string: String(changed)) { found.insert(number) }
            }
        }
        // One digit OCR lost ("26" for "236", "12087.889" for "12087.8897").
        for position in 0...printed.count {
            for digit in "0123456789" {
                if position == 0 && digit == "0" { continue }
                var changed = printed
                changed.insert(digit, at: position)
                if let number = Decimal(string: String(changed)) { found.insert(number) }
            }
        }
        // A first digit OCR read in from what stands left of the amount (a "$", a speck, the
        // edge of the next column's letter): "6452,887.3463" for "452,887.3463". Not a digit
        // elsewhere: that is the lost digit the other way round, and would make every sum
        // where a digit was lost ambiguous.
        if digits.count > minDigits, printed.count > 1, printed[1] != "." {
            if let number = Decimal(string: String(printed.dropFirst())) { found.insert(number) }
        }
        found.remove(value)
        return found
    }
}

extension Field {
    /// The amount as other amounts of the form say it was printed (the running balance by default).
    mutating func mend(to value: Decimal, confidence: Double = RunningBalance.mendedConfidence, method: String = "balance") {
        if raw == nil { raw = self.value.xmlText }
        self.value = .number(value)
        self.confidence = confidence
        self.method = method
    }
}
