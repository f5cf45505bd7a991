import Layout

/// The printed labels of the EDGAR rendering of Form 4 that the reader anchors on. Only a
/// distinctive start of each label is matched, so that wrapping and damage at its end matter less.
enum FormLabels {
    // Title block and the two boxes at the top.
    static let form4 = Label("FORM 4")
    static let form3 = Label("FORM 3")
    static let form5 = Label("FORM 5")
    static let statementOfChanges = Label("STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP")
    static let initialStatement = Label("INITIAL STATEMENT OF BENEFICIAL OWNERSHIP")
    static let annualStatement = Label("ANNUAL STATEMENT OF CHANGES")
    static let section16Box = Label("Check this box if no longer subject to Section 16")
    /// The second line of the Section 16 box's paragraph, for when OCR wrecked its first.
    static let section16BoxRest = Label("Section 16. Form 4 or Form 5")
    static let rule10b5Box = Label("Check this box to indicate that a transaction was made pursuant")
    /// The first line of the 10b5-1 box's paragraph in EDGAR's narrow column, and the line that
    /// names the rule: together they stand for the label where OCR lost the lines between.
    static let rule10b5BoxFirstLine = Label("Check this box to indicate that a")
    static let rule10b5BoxRuleLine = Label("conditions of Rule 10b5-1(c).")

    // Box 1 (and every additional reporting person).
    static let nameAndAddress = Label("1. Name and Address of Reporting Person")
    static let last = Label("(Last)")
    static let first = Label("(First)")
    static let middle = Label("(Middle)")
    static let street = Label("(Street)")
    static let city = Label("(City)")
    static let state = Label("(State)")
    static let zip = Label("(Zip)")

    // Boxes 2 to 6.
    static let issuerName = Label("2. Issuer Name and Ticker or Trading Symbol")
    /// Box 2's label without its end, for when OCR wrecked that ("Ticker or CTH] Ti Symbol!":
    /// the ticker below read into the label's line).
    static let issuerNameHead = Label("2. Issuer Name and Ticker")
    static let foreignTradingSymbol = Label("2a. Foreign Trading Symbol")
    static let earliestTransaction = Label("3. Date of Earliest Transaction")
    static let amendment = Label("4. If Amendment, Date of Original Filed")
    /// Box 3's label without its start, for when OCR wrecked that ("ndioas reine Transaction
    /// (Month/Day/Year)": the "3. Date of Earliest" read into the box beside), and its one word
    /// that no other label of the middle column holds, for when OCR wrecked the rest too.
    static let earliestTransactionTail = Label("Transaction (Month/Day/Year)")
    static let earliestTransactionWord = Label("Transaction")
    /// Box 4's label by its words that no other label holds, for when OCR split its number off
    /// and read words twice in it ("4 . If Amendment, nd Date of Original inal Filed Filed(").
    static let amendmentHead = Label("If Amendment")
    /// The same two labels with the format note that ends them: where a narrow print wraps the
    /// note onto a line of its own, its words are the label's, not the date's.
    static let earliestTransactionWithFormat = Label("3. Date of Earliest Transaction (Month/Day/Year)")
    static let amendmentWithFormat = Label("4. If Amendment, Date of Original Filed (Month/Day/Year)")
    static let relationship = Label("5. Relationship of Reporting Person(s) to Issuer")
    static let checkAllApplicable = Label("(Check all applicable)")
    /// Additional reporting persons' relationship cells are numbered 1 like box 1.
    static let additionalRelationship = Label("1. Relationship of Reporting Person(s) to Issuer")
    static let jointFiling = Label("6. Individual or Joint/Group Filing")
    /// Box 6's label without its start, which OCR wrecks most ("rp ‘gata of Joint/Group Filing").
    static let jointFilingTail = Label("Joint/Group Filing")
    /// Box 6's first choice, printed under its label: where OCR wrecked the whole label, its top
    /// still closes box 5.
    static let jointFilingFirstChoice = Label("Form filed by One Reporting Person")
    static let director = Label("Director")
    static let tenPercentOwner = Label("10% Owner")
    static let officer = Label("Officer (give title below)")
    static let other = Label("Other (specify below)")
    /// The first lines of the two labels the form wraps ("below)" stands on a line of its own,
    /// which OCR of a small print often loses or garbles).
    static let officerFirstLine = Label("Officer (give title")
    static let otherFirstLine = Label("Other (specify")

    // Tables.
    static let tableI = Label("Table I - Non-Derivative Securities")
    static let tableII = Label("Table II - Derivative Securities")

    // After the tables.
    static let explanation = Label("Explanation of Responses:")
    static let remarks = Label("Remarks:")
    static let signature = Label("Signature of Reporting Person")
    static let date = Label("Date")
    static let reminder = Label("Reminder: Report on a separate line")
    static let misstatements = Label("Intentional misstatements or omissions of facts")
    static let ombNotice = Label("Persons who respond to the collection of information")
}

extension FormLabels {
    /// Labels printed once per reporting person: a joint filing repeats them below the tables.
    static let repeated: Set<Label> = [nameAndAddress, additionalRelationship]

    /// Labels that damaged text can make look alike: a fuzzy match of one is dropped where the
    /// same words spell a rival better.
    static let rivalGroups: [[Label]] = [
        [tableI, tableII],
        [form4, form3, form5],
        [statementOfChanges, initialStatement, annualStatement],
        [nameAndAddress, additionalRelationship, relationship],
        [earliestTransaction, amendment],
        TableAnatomy.nonDerivative.map(\.label) + TableAnatomy.derivative.map(\.label),
    ]

    static func rivals(of label: Label) -> [Label] {
        rivalGroups.filter { $0.contains(label) }.flatMap { $0 }.filter { $0 != label }
    }
}

/// A column heading of a table: the label that names it, and the sub-headings that split it.
struct ColumnHeading {
    let name: String
    let label: Label
    let subheadings: [(name: String, label: Label)]
    /// How the sub-columns share the column's width on the form, about: where OCR lost every
    /// sub-heading they are placed by these shares ("V" and "(A) or (D)" are narrow).
    let subcolumnShares: [Double]
    /// Where the heading starts in EDGAR's rendering of the form (points, Letter paper at
    /// 100 %): only the proportions between headings count, for placing a heading OCR lost
    /// between two that were found (`TableAnatomy.shareOfGap`). Other converters keep them
    /// within a few hundredths.
    let typicalLeft: Double

    init(_ name: String, _ text: String, at typicalLeft: Double, subheadings: [(String, String)] = [], shares: [Double]? = nil) {
        self.name = name
        self.label = Label(text)
        self.typicalLeft = typicalLeft
        self.subcolumnShares = shares ?? subheadings.map { _ in 1 }
        self.subheadings = subheadings.map { ($0.0, Label($0.1)) }
    }
}

/// Column names used by the table reader (one per printed column or sub-column).
enum ColumnName {
    static let title = "title", conversion = "conversion", date = "date", deemed = "deemed"
    static let code = "code", voluntary = "v", amount = "amount", acquiredDisposed = "ad", price = "price"
    static let acquired = "acquired", disposed = "disposed", exercisable = "exercisable", expiration = "expiration"
    static let underlyingTitle = "underlyingTitle", underlyingShares = "underlyingShares"
    static let owned = "owned", directIndirect = "di", nature = "nature"
    static let codeGroup = "codeGroup", amountGroup = "amountGroup", datesGroup = "datesGroup", underlyingGroup = "underlyingGroup"
}

/// The anatomy of the two tables: column headings in print order.
enum TableAnatomy {
    static let nonDerivative: [ColumnHeading] = [
        ColumnHeading(ColumnName.title, "1. Title of Security", at: 37.3),
        ColumnHeading(ColumnName.date, "2. Transaction Date", at: 188.7),
        ColumnHeading(ColumnName.deemed, "2A. Deemed Execution Date", at: 241.2),
        ColumnHeading(ColumnName.codeGroup, "3. Transaction Code", at: 293.7,
                      subheadings: [(ColumnName.code, "Code"), (ColumnName.voluntary, "V")], shares: [2, 1]),
        ColumnHeading(ColumnName.amountGroup, "4. Securities Acquired", at: 333.5,
                      subheadings: [(ColumnName.amount, "Amount"), (ColumnName.acquiredDisposed, "(A) or (D)"),
                                    (ColumnName.price, "Price")], shares: [2, 1, 2]),
        ColumnHeading(ColumnName.owned, "5. Amount of Securities", at: 428.8),
        ColumnHeading(ColumnName.directIndirect, "6. Ownership Form", at: 483.3),
        ColumnHeading(ColumnName.nature, "7. Nature of Indirect", at: 527.5),
    ]

    static let derivative: [ColumnHeading] = [
        ColumnHeading(ColumnName.title, "1. Title of Derivative", at: 37.3),
        ColumnHeading(ColumnName.conversion, "2. Conversion or Exercise", at: 75.7),
        ColumnHeading(ColumnName.date, "3. Transaction Date", at: 113.1),
        ColumnHeading(ColumnName.deemed, "3A. Deemed Execution Date", at: 165.6),
        ColumnHeading(ColumnName.codeGroup, "4. Transaction Code", at: 218.1,
                      subheadings: [(ColumnName.code, "Code"), (ColumnName.voluntary, "V")], shares: [2, 1]),
        ColumnHeading(ColumnName.amountGroup, "5. Number of Derivative", at: 256.1,
                      subheadings: [(ColumnName.acquired, "(A)"), (ColumnName.disposed, "(D)")]),
        ColumnHeading(ColumnName.datesGroup, "6. Date Exercisable and", at: 289.5,
                      subheadings: [(ColumnName.exercisable, "Date Exercisable"), (ColumnName.expiration, "Expiration Date")]),
        ColumnHeading(ColumnName.underlyingGroup, "7. Title and Amount", at: 362.1,
                      subheadings: [(ColumnName.underlyingTitle, "Title"), (ColumnName.underlyingShares, "Amount or Number")]),
        ColumnHeading(ColumnName.price, "8. Price of Derivative", at: 419.5),
        ColumnHeading(ColumnName.owned, "9. Number of derivative", at: 452.8),
        ColumnHeading(ColumnName.directIndirect, "10. Ownership Form", at: 497.7),
        ColumnHeading(ColumnName.nature, "11. Nature of Indirect", at: 533.3),
    ]
}

extension TableAnatomy {
    /// How far across the gap between the headings `left` and `right` `heading` starts on the
    /// form (0 at `left`, 1 at `right`; `ColumnHeading.typicalLeft`).
    static func shareOfGap(_ heading: ColumnHeading, between left: ColumnHeading, and right: ColumnHeading) -> Double {
        guard right.typicalLeft > left.typicalLeft else { return 0.5 }
        return (heading.typicalLeft - left.typicalLeft) / (right.typicalLeft - left.typicalLeft)
    }

    /// Every word the tables' headers print (headings in full, sub-headings), lower-cased
    /// letters only: what a header line is told from a row by when its labels are damaged.
    static let nonDerivativeHeaderWords = words(of: """
        Title of Security Instr Transaction Date Month Day Year Deemed Execution Date if any Code
        Securities Acquired or Disposed Of and Amount of Beneficially Owned Following Reported
        Transactions Ownership Form Direct Indirect Nature Beneficial Price
        """)
    static let derivativeHeaderWords = words(of: """
        Title of Derivative Security Instr Conversion or Exercise Price Transaction Date Month Day Year
        Deemed Execution if any Code Number Securities Acquired Disposed and Exercisable Expiration
        Amount Underlying Shares Beneficially Owned Following Reported Transactions Ownership Form
        Direct Indirect Nature Beneficial
        """)

    private static func words(of text: String) -> Set<String> {
        Set(text.split(whereSeparator: { $0.isWhitespace }).map { $0.lowercased() })
    }
}

/// Code lists of the ownership XML.
enum Codes {
    static let transaction: Set<Character> = Set("PSVADFIMCEHOXGLWZJKU")
    static let acquiredDisposed: Set<Character> = ["A", "D"]
    static let directIndirect: Set<Character> = ["D", "I"]

    /// Transaction codes that only ever go one way (SEC Form 4 instructions, General
    /// Instruction 8): a purchase or a grant acquires; a sale, a disposition to the issuer or a
    /// payment in securities disposes.
    static let direction: [String: String] = ["P": "A", "A": "A", "S": "D", "D": "D", "F": "D"]

    /// Code letters a scan's OCR takes for one another (the bowl of a P closed into a D, its
    /// foot read as an F's bar).
    static let lookAlikes: [String: [String]] = ["D": ["P"], "F": ["P"], "P": ["D", "F"]]

    /// The code a scan meant where the one read cannot go the way the row went ("D" on an
    /// acquisition): its one look-alike that can. Nil where the reading stands or the fix is not
    /// clear.
    static func transactionCode(_ read: String, goingWith acquiredDisposed: String) -> String? {
        guard let way = direction[read], way != acquiredDisposed else { return nil }
        let fitting = (lookAlikes[read] ?? []).filter { direction[$0] == acquiredDisposed }
        return fitting.count == 1 ? fitting[0] : nil
    }
}
