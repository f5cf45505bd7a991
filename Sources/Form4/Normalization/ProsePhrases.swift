/// Repairs of scanned prose by the fixed phrases of Form 4 footnotes: after "pecuniary" comes
/// "interest", after "reporting" a "person", after "brokerage" an "account". A token OCR damaged
/// so badly that no word lies within the respelling's reach ("reporting penkots", "pecuniary
/// iorurest") is still near the one word its phrase leaves room for.
///
/// A common word after the head of a phrase is left alone: it may be the writer's own ("reporting
/// period", "tax liabilities"). A rare word is OCR's misreading only where it is as near as a
/// typical confusion or two ("equal anneal installments").
struct ProsePhrases {
    /// The words that follow each head word in the language of Form 4 footnotes (the securities
    /// law's own phrases; lower case).
    static let followers: [String: [String]] = [
        "pecuniary": ["interest", "interests"],
        "reporting": ["person", "persons", "person's", "persons'", "owner", "owners", "period"],
        "beneficial": ["ownership", "owner", "owners", "interest"],
        "beneficially": ["owned", "own", "owns"],
        "disclaims": ["beneficial"],
        "weighted": ["average"],
        "brokerage": ["account", "accounts"],
        "converts": ["into"],
        "convertible": ["into"],
        "withholding": ["obligations", "obligation", "taxes", "tax"],
        "tax": ["withholding", "obligations", "liability"],
        "satisfy": ["tax"],
        "grant": ["date"],
        "continued": ["service", "employment"],
        "upon": ["vesting", "exercise", "conversion", "settlement", "request"],
        "purchase": ["plan", "price"],
        "trading": ["plan", "day", "days"],
        "multiple": ["transactions"],
        "equal": ["annual", "quarterly", "monthly", "installments"],
        "annual": ["installments"],
        "monthly": ["installments"],
        "quarterly": ["installments"],
        "exercise": ["price"],
        "performance": ["units", "unit", "goals", "period", "shares"],
        "dividend": ["reinvestment", "equivalents", "equivalent"],
        "open": ["market"],
        "family": ["trust"],
        "revocable": ["trust"],
        "living": ["trust"],
        "limited": ["partnership", "liability"],
        "general": ["partner", "partnership"],
        "managing": ["member", "director", "partner"],
        "closing": ["price"],
        "full": ["information"],
        "undertakes": ["to"],
        // The form's own defined term, which names no one else: "the Hasuer's".
        "the": ["issuer", "issuer's", "issuers"],
    ]
    /// The words that come before each tail word in the same phrases, for a head OCR damaged
    /// ("to watiafy tax withholding", "his pecunlory interest").
    static let leaders: [String: [String]] = [
        "tax": ["satisfy", "pay", "cover"],
        "interest": ["pecuniary"],
        "ownership": ["beneficial"],
        "average": ["weighted"],
        "account": ["brokerage", "retirement", "investment"],
        "installments": ["annual", "quarterly", "monthly", "equal"],
        "person": ["reporting"],
        "persons": ["reporting"],
        "withholding": ["tax"],
        "transactions": ["multiple"],
        "reinvestment": ["dividend"],
        "therein": ["interest"],
        "disclaims": ["person", "persons"],
    ]
    /// How far (in `OCRConfusionDistance` units) a token may be from the word its phrase
    /// expects, per letter of that word: OCR damage to a third or more of a word's letters
    /// leaves it recognisable where the phrase says what it must be ("penkots": 3 of 7).
    static let limitPerLetter = 0.45
    /// The same for a token that is a rare word: much nearer ("anneal" for "annual": 1 of 6).
    static let rareWordLimitPerLetter = 0.25
    /// Tokens shorter than this are left alone: too little is left of them to tell.
    static let minimumLength = 3
    /// How much nearer the best follower must be than the next to be taken.
    static let margin = 0.3

    /// Whether a lower-case token is a word, and a common one (nil: no word).
    let tier: (String) -> ProseRespelling.Tier?

    /// `tokens` (split at spaces) with every no-word after a head word taken for the follower
    /// it is nearest, and every one before a tail word for the leader it is nearest; `repairs`
    /// counts them.
    func repaired(_ tokens: [String], repairs: inout Int) -> [String] {
        var out = tokens
        for index in tokens.indices.dropFirst() {
            // The head as repaired: "reporting" may itself follow a head.
            guard let expected = Self.followers[ProseContext.core(out[index - 1]).lowercased()],
                  let follower = nearest(to: tokens[index], among: expected) else { continue }
            out[index] = follower
            repairs += 1
        }
        for index in tokens.indices.dropLast().reversed() {
            // A leader ends no sentence: "...the tax. Tax withholding" has no phrase across the point.
            guard !".:;".contains(out[index].last ?? " "),
                  let expected = Self.leaders[ProseContext.core(out[index + 1]).lowercased()],
                  let leader = nearest(to: out[index], among: expected) else { continue }
            out[index] = leader
            repairs += 1
        }
        return out
    }

    /// `token` with its letters replaced by the one of `expected` they are a misreading of (in
    /// the token's case, punctuation kept); nil where the token is a common word, or none of
    /// `expected` or more than one is near.
    func nearest(to token: String, among expected: [String]) -> String? {
        guard let start = token.firstIndex(where: \.isLetter), let end = token.lastIndex(where: \.isLetter) else { return nil }
        let core = token[start...end]
        let lower = core.lowercased()
        guard lower.count >= Self.minimumLength, lower.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || $0 == 39 }),
              !expected.contains(lower) else { return nil }
        let perLetter: Double
        switch tier(lower) {
        case .common?: return nil
        case .rare?: perLetter = Self.rareWordLimitPerLetter
        case nil: perLetter = Self.limitPerLetter
        }
        let read = Array(lower.utf8)
        let costs = expected.compactMap { word -> (word: String, cost: Double)? in
            OCRConfusionDistance.distance(read: read, printed: Array(word.utf8), limit: perLetter * Double(word.count))
                .map { (word, $0) }
        }.sorted { $0.cost < $1.cost }
        guard let best = costs.first, costs.count < 2 || costs[1].cost - best.cost >= Self.margin else { return nil }
        let word = core == core.uppercased() && core.count > 1 ? best.word.uppercased()
            : core.first!.isUppercase ? best.word.prefix(1).uppercased() + best.word.dropFirst() : best.word
        return String(token[..<start]) + word + String(token[token.index(after: end)...])
    }
}
