import Foundation
import PDFText

public struct Issuer: Codable, Equatable, Sendable {
    public var issuerName: Field = .missing
    public var issuerTradingSymbol: Field = .missing
    public init() {}
}

public struct ReportingOwner: Codable, Equatable, Sendable {
    public var rptOwnerName: Field = .missing
    public var rptOwnerStreet1: Field = .missing
    public var rptOwnerStreet2: Field = .missing
    public var rptOwnerCity: Field = .missing
    public var rptOwnerState: Field = .missing
    public var rptOwnerZipCode: Field = .missing
    public var isDirector: Field = .missing
    public var isOfficer: Field = .missing
    public var isTenPercentOwner: Field = .missing
    public var isOther: Field = .missing
    public var officerTitle: Field = .missing
    public var otherText: Field = .missing
    public init() {}
}

/// Whether a table row reports a transaction or only a holding.
public enum RowKind: String, Codable, Sendable {
    case transaction
    case holding
}

/// One row of Table I (non-derivative) or Table II (derivative). The derivative-only fields
/// are nil in Table I rows and then left out of the JSON.
public struct TableRow: Codable, Equatable, Sendable {
    public var kind: RowKind = .transaction
    public var securityTitle: Field = .missing
    public var transactionDate: Field = .missing
    public var deemedExecutionDate: Field = .missing
    public var transactionCode: Field = .missing
    public var equitySwapInvolved: Field = .missing
    public var transactionShares: Field = .missing
    public var transactionPricePerShare: Field = .missing
    public var transactionAcquiredDisposedCode: Field = .missing
    public var sharesOwnedFollowingTransaction: Field = .missing
    public var directOrIndirectOwnership: Field = .missing
    public var natureOfOwnership: Field = .missing
    // Table II only.
    public var conversionOrExercisePrice: Field?
    public var exerciseDate: Field?
    public var expirationDate: Field?
    public var underlyingSecurityTitle: Field?
    public var underlyingSecurityShares: Field?

    public init(kind: RowKind = .transaction, derivative: Bool = false) {
        self.kind = kind
        if derivative {
            conversionOrExercisePrice = .missing; exerciseDate = .missing; expirationDate = .missing
            underlyingSecurityTitle = .missing; underlyingSecurityShares = .missing
        }
    }

    public var isDerivative: Bool { conversionOrExercisePrice != nil }
}

public struct Footnote: Codable, Equatable, Sendable {
    /// `F1`, `F2`, ... as the ownership XML names them.
    public var id: String
    public var text: Field
    public init(id: String, text: Field) { self.id = id; self.text = text }
}

public struct OwnerSignature: Codable, Equatable, Sendable {
    public var signatureName: Field = .missing
    public var signatureDate: Field = .missing
    public init() {}
}

/// One Form 4 found in a PDF, normalised into the vocabulary of the EDGAR ownership XML.
public struct Form4Record: Codable, Equatable, Sendable {
    /// One-based pages of the PDF that carry this form.
    public var pages: [Int] = []
    public var textSource: TextSource = .native
    /// The record's overall confidence: the lowest of its fields'.
    public var confidence: Double = 0
    /// True when any field's confidence is below the review threshold.
    public var needsReview: Bool = false
    public var documentType: Field = .missing
    public var periodOfReport: Field = .missing
    public var dateOfOriginalSubmission: Field = .missing
    public var notSubjectToSection16: Field = .missing
    public var aff10b5One: Field = .missing
    public var issuer = Issuer()
    public var reportingOwners: [ReportingOwner] = []
    public var nonDerivativeTable: [TableRow] = []
    public var derivativeTable: [TableRow] = []
    public var footnotes: [Footnote] = []
    public var remarks: Field = .missing
    public var ownerSignatures: [OwnerSignature] = []

    public init() {}
}

/// What `form4 extract` reports for one input file.
public struct FileResult: Codable, Sendable {
    public enum Status: String, Codable, Sendable {
        case ok
        case notForm4 = "not-form4"
        case error
    }

    public struct Failure: Codable, Equatable, Sendable {
        /// Stable, machine-readable cause (`not-pdf`, `encrypted`, `damaged-pdf`, ...).
        public var code: String
        /// Names the file and the cause, for people.
        public var message: String
        public init(code: String, message: String) { self.code = code; self.message = message }
    }

    public var file: String
    public var sha256: String?
    public var pageCount: Int?
    public var status: Status
    public var error: Failure?
    public var reviewThreshold: Double
    public var forms: [Form4Record]

    public init(file: String, sha256: String? = nil, pageCount: Int? = nil, status: Status,
                error: Failure? = nil, reviewThreshold: Double, forms: [Form4Record] = []) {
        self.file = file; self.sha256 = sha256; self.pageCount = pageCount; self.status = status
        self.error = error; self.reviewThreshold = reviewThreshold; self.forms = forms
    }
}
