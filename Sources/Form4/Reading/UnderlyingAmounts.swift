import Foundation

/// In Table II a row's derivative securities acquired or disposed of (column 5) and the amount
/// of underlying securities (column 7) are nearly always the same number: an option or a unit
/// is one share. On a scan, where the two differ by what OCR does to a number, the other tells
/// which reading is right:
/// - the same digits, one with a point and one without: a point before exactly three digits is
///   a thousands comma OCR read as a point ("24.983" for "24,983"), any other point one OCR
///   lost in the other reading ("51093794" for "5109.3794");
/// - one digit read for another, or lost (`RunningBalance.alternatives`): the amount two
///   readings agreed on (confidence `sureConfidence`) over the doubtful one;
/// - column 5 left empty (every derivative transaction has its amount): column 7's.
/// Amounts a power of ten apart are left alone: a conversion at 1:10 is printed so. The mended
/// amount stays in review.
enum UnderlyingAmounts {
    /// Confidence an amount needs to vouch for the other: read twice alike.
    static let sureConfidence = 0.9
    /// Confidence of an amount mended from the other.
    static let mendedConfidence = 0.85

    /// Confidence of column 5's amount taken from column 7 where OCR read none.
    static let filledConfidence = 0.6

    static func mend(_ rows: inout [TableRow]) {
        for index in rows.indices where rows[index].kind == .transaction {
            if rows[index].transactionShares.value.isNull, let underlying = rows[index].underlyingSecurityShares,
               case .number(let amount) = underlying.value {
                rows[index].transactionShares.mend(to: amount, confidence: filledConfidence, method: "cross-check")
                continue
            }
            guard let underlying = rows[index].underlyingSecurityShares,
                  case .number(let shares) = rows[index].transactionShares.value,
                  case .number(let amount) = underlying.value, shares != amount else { continue }
            if let printed = pointReading(shares, amount) {
                if printed != shares { rows[index].transactionShares.mend(to: printed, confidence: mendedConfidence, method: "cross-check") }
                if printed != amount { rows[index].underlyingSecurityShares?.mend(to: printed, confidence: mendedConfidence, method: "cross-check") }
                continue
            }
            guard !arePowerOfTenApart(shares, amount) else { continue }
            let sharesSure = rows[index].transactionShares.confidence >= sureConfidence
            let amountSure = underlying.confidence >= sureConfidence
            if amountSure, !sharesSure, RunningBalance.alternatives(of: shares).contains(amount) {
                rows[index].transactionShares.mend(to: amount, confidence: mendedConfidence, method: "cross-check")
            } else if sharesSure, !amountSure, RunningBalance.alternatives(of: amount).contains(shares) {
                rows[index].underlyingSecurityShares?.mend(to: shares, confidence: mendedConfidence, method: "cross-check")
            }
        }
    }

    /// Of two readings with the same digits, one with a decimal point and one without, the one
    /// printed (see the type's documentation); nil for any other pair.
    static func pointReading(_ a: Decimal, _ b: Decimal) -> Decimal? {
        let (x, y) = (a.plainString, b.plainString)
        guard x.filter(\.isNumber) == y.filter(\.isNumber), x.contains(".") != y.contains(".") else { return nil }
        let (pointed, plain) = x.contains(".") ? (a, b) : (b, a)
        let decimals = pointed.plainString.split(separator: ".").last?.count ?? 0
        return decimals == 3 ? plain : pointed
    }

    static func arePowerOfTenApart(_ a: Decimal, _ b: Decimal) -> Bool {
        guard a != 0, b != 0 else { return false }
        var ratio = max(a, b) / min(a, b)
        while ratio >= 10 { ratio /= 10 }
        return ratio == 1
    }
}
