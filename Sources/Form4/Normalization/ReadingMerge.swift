import Foundation
import Layout

/// Two OCR readings of the same printed text, combined word by word: each reading misreads
/// some words, seldom the same ones, and where one read a word the dictionary knows and the
/// other did not, the known one is likelier what was printed.
enum ReadingMerge {
    /// A misread word is replaced by the other reading's word in its place only when the two
    /// differ in at most this share of their letters (a misreading, not another word).
    static let maxWordDistance = 0.5
    /// What leaving a word of one reading unmatched costs in lining the two up (matching two
    /// words costs the share of their letters that differ).
    static let unmatchedWordCost = 0.7

    /// Two readings of one text, word by word: `base`, with each word that is no dictionary
    /// word replaced by the word `other` has in its place where that one is ("The repared
    /// securities ... account." and "The reported securities ... accom." make "The reported
    /// securities ... account."). The words are lined up by their spelling (an alignment
    /// that lets either reading have words the other lacks); where the two differ in any
    /// other way, `base` stands.
    /// `vocabulary`: words of the field's own that the word lists may lack ("depositary"), lower case.
    static func wordMerged(_ base: String, _ other: String, respelling: ProseRespelling, vocabulary: Set<String> = []) -> String {
        var words = base.split(separator: " ").map(String.init)
        let others = other.split(separator: " ").map(String.init)
        for (index, otherIndex) in alignedPairs(words, others) {
            let word = words[index], replacement = others[otherIndex]
            guard word != replacement, !isPlainWord(word, respelling: respelling, vocabulary: vocabulary),
                  isPlainWord(replacement, respelling: respelling, vocabulary: vocabulary),
                  spellingDistance(word, replacement) <= maxWordDistance else { continue }
            words[index] = replacement
        }
        return words.joined(separator: " ")
    }

    /// A token that is a dictionary word (or words joined by hyphens), with any punctuation
    /// around it. Single letters are not judged: the word lists hold every letter ("B-L").
    static func isPlainWord(_ token: String, respelling: ProseRespelling, vocabulary: Set<String> = []) -> Bool {
        let core = token.trimmingCharacters(in: .punctuationCharacters.union(.symbols))
        guard core.count >= 2 else { return false }
        return core.split(separator: "-", omittingEmptySubsequences: false).allSatisfy { part in
            let word = part.lowercased()
            return part.count >= 2 && part.allSatisfy { $0.isLetter || $0 == "'" } && (vocabulary.contains(word) || respelling.isKnown(word))
        }
    }

    /// The pairs of word indices a least-cost alignment of `first` and `second` matches up;
    /// a word of either left unmatched costs `unmatchedWordCost`.
    static func alignedPairs(_ first: [String], _ second: [String]) -> [(Int, Int)] {
        guard !first.isEmpty, !second.isEmpty else { return [] }
        let gap = unmatchedWordCost
        let columns = second.count + 1
        var cost = [Double](repeating: 0, count: (first.count + 1) * columns)
        for i in 0...first.count { cost[i * columns] = Double(i) * gap }
        for j in 0...second.count { cost[j] = Double(j) * gap }
        for i in 1...first.count {
            for j in 1...second.count {
                cost[i * columns + j] = min(cost[(i - 1) * columns + j - 1] + spellingDistance(first[i - 1], second[j - 1]),
                                            cost[(i - 1) * columns + j] + gap, cost[i * columns + j - 1] + gap)
            }
        }
        var pairs: [(Int, Int)] = []
        var i = first.count, j = second.count
        while i > 0, j > 0 {
            if cost[i * columns + j] == cost[(i - 1) * columns + j - 1] + spellingDistance(first[i - 1], second[j - 1]) {
                pairs.append((i - 1, j - 1)); i -= 1; j -= 1
            } else if cost[i * columns + j] == cost[(i - 1) * columns + j] + gap {
                i -= 1
            } else {
                j -= 1
            }
        }
        return pairs.reversed()
    }

    /// Edits between two words (case aside) over the longer one's length: 0 alike, 1 nothing alike.
    static func spellingDistance(_ a: String, _ b: String) -> Double {
        let x = Array(a.lowercased().utf8), y = Array(b.lowercased().utf8)
        guard !x.isEmpty, !y.isEmpty else { return 1 }
        return Double(LabelText.editDistance(x, y, limit: max(x.count, y.count))) / Double(max(x.count, y.count))
    }
}
