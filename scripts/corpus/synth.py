"""Synthesise EDGAR ownership XML (Form 4 and 4/A) from a seed.

Every document is built from its own ``random.Random(f"{seed}:{index}")`` so a
document does not change when the corpus grows.  The XML is written directly in
the element order of the EDGAR Ownership XML Technical Specification, with
values stored the way EDGAR stores them (no thousands separators, ISO dates,
booleans as true/false and sometimes 1/0).  The XML is the single source of
truth: the HTML rendering is made by reading this XML back (see render.py).
"""

from __future__ import annotations

import datetime as dt
import random
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

from . import names

# Schema generations.  X0306 filings predate the April 2023 10b5-1 amendments
# and therefore carry no <aff10b5One>; X0609 (Forms 3/4/5 changes effective
# 2026-03-18) adds issuerForeignTradingSymbol and the non-US address flag.
SCHEMAS = {
    "X0306": (dt.date(2019, 1, 2), dt.date(2023, 3, 31)),
    "X0508": (dt.date(2023, 4, 3), dt.date(2026, 3, 17)),
    "X0609": (dt.date(2026, 3, 18), dt.date(2026, 9, 30)),
}


class Footnotes:
    """Hands out footnote ids; a new id only when a new text is needed."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.texts: dict[str, str] = {}

    def new(self, text: str) -> str:
        for fid, known in self.texts.items():  # one footnote per text, referenced as often as needed
            if known == text:
                return fid
        fid = f"F{len(self.texts) + 1}"
        self.texts[fid] = text
        return fid

    def maybe(self, probability: float, text_choices: list[str]) -> list[str]:
        """Sometimes reuse an existing footnote, sometimes add one, usually none."""
        if self.rng.random() >= probability:
            return []
        if self.texts and self.rng.random() < 0.35:
            return [self.rng.choice(sorted(self.texts))]
        return [self.new(self.rng.choice(text_choices))]


# ---------------------------------------------------------------- values

def decimal_text(value: Decimal) -> str:
    """EDGAR style decimal: no exponent, no trailing zeros, no separators."""
    text = format(value.normalize(), "f")
    return text


def random_shares(rng: random.Random, low: int = 1, high: int = 250_000) -> str:
    magnitude = rng.choice([10, 100, 1_000, 10_000, 100_000, high])
    whole = rng.randint(low, max(low, min(magnitude, high)))
    if rng.random() < 0.12:  # fractional shares (DRIP, ESPP) with 1-4 decimals
        places = rng.randint(1, 4)
        fraction = rng.randint(1, 10**places - 1)
        return decimal_text(Decimal(whole) + Decimal(fraction) / Decimal(10**places))
    return str(whole)


def random_price(rng: random.Random) -> str:
    dollars = rng.choice([rng.randint(0, 9), rng.randint(10, 99), rng.randint(100, 999), rng.randint(1000, 4200)])
    # sub-cent precision (3-4 decimals) is seen on low-priced stock only
    places = rng.choice([0, 1, 2, 2, 2, 2, 3, 4] if dollars < 10 else [0, 1, 2, 2, 2])
    cents = rng.randint(0, 10**places - 1) if places else 0
    value = Decimal(dollars) + (Decimal(cents) / Decimal(10**places) if places else 0)
    if value == 0:
        value = Decimal("0.5")
    return decimal_text(value)


def iso(day: dt.date) -> str:
    return day.isoformat()


def random_day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    day = start + dt.timedelta(days=rng.randint(0, (end - start).days))
    while day.weekday() >= 5:  # trades happen on business days
        day -= dt.timedelta(days=1)
    return max(day, start)


def boolean(rng: random.Random, value: bool, numeric: bool) -> str:
    if numeric:
        return "1" if value else "0"
    return "true" if value else "false"


# ---------------------------------------------------------------- XML helpers

def add(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    child = ET.SubElement(parent, tag)
    if text is not None:
        child.text = text
    return child


def add_value(parent: ET.Element, tag: str, value: str | None, footnote_ids=()) -> ET.Element:
    """<tag><value>v</value><footnoteId id=".."/></tag>; value may be absent
    (then the form shows only the footnote mark, e.g. a footnote-only date)."""
    element = add(parent, tag)
    if value is not None:
        add(element, "value", value)
    for fid in footnote_ids:
        ET.SubElement(element, "footnoteId", id=fid)
    return element


# ---------------------------------------------------------------- document

def make_document(seed: int, index: int) -> ET.ElementTree:
    rng = random.Random(f"{seed}:{index}")
    schema = rng.choices(list(SCHEMAS), weights=[3, 4, 3])[0]
    numeric_booleans = rng.random() < 0.15
    notes = Footnotes(rng)

    start, end = SCHEMAS[schema]
    period = random_day(rng, start, end)
    amendment = rng.random() < 0.18

    root = ET.Element("ownershipDocument")
    add(root, "schemaVersion", schema)
    add(root, "documentType", "4/A" if amendment else "4")
    add(root, "periodOfReport", iso(period))
    if amendment:
        add(root, "dateOfOriginalSubmission", iso(period + dt.timedelta(days=rng.randint(1, 4))))
    if rng.random() < 0.45:
        add(root, "notSubjectToSection16", boolean(rng, rng.random() < 0.08, numeric_booleans))

    issuer = names.issuer(rng)
    element = add(root, "issuer")
    add(element, "issuerCik", issuer["cik"])
    add(element, "issuerName", issuer["name"])
    add(element, "issuerTradingSymbol", issuer["ticker"])
    if schema == "X0609":
        add(element, "issuerForeignTradingSymbol", issuer["foreign_ticker"])

    owner_count = rng.choices([1, 2, 3], weights=[74, 16, 10])[0]
    owners = [names.owner(rng, issuer, entity=(position > 0 and rng.random() < 0.6)) for position in range(owner_count)]
    for owner in owners:
        add_reporting_owner(root, owner, schema, rng, numeric_booleans)

    if schema != "X0306":
        add(root, "aff10b5One", boolean(rng, rng.random() < 0.3, numeric_booleans))

    # Row counts: mostly short forms, some long ones that run over pages.
    size = rng.choices(["tiny", "small", "medium", "long"], weights=[30, 40, 20, 10])[0]
    nd_rows = {"tiny": (0, 2), "small": (1, 5), "medium": (5, 14), "long": (22, 36)}[size]
    d_rows = {"tiny": (0, 2), "small": (0, 3), "medium": (1, 6), "long": (2, 10)}[size]
    nd_transactions = rng.randint(*nd_rows)
    d_transactions = rng.randint(*d_rows)
    if nd_transactions + d_transactions == 0:
        nd_transactions = 1

    dates = sorted(random_day(rng, period - dt.timedelta(days=rng.choice([0, 2, 5, 20])), period)
                   for _ in range(max(nd_transactions, 1) + d_transactions))
    dates[0] = period if rng.random() < 0.2 else dates[0]

    nd_holdings = rng.choices([0, 1, 2, 3], weights=[55, 25, 12, 8])[0]
    d_holdings = rng.choices([0, 1, 2], weights=[75, 18, 7])[0]
    if nd_transactions or nd_holdings:
        table = add(root, "nonDerivativeTable")
        balance = int(Decimal(random_shares(rng, 1000, 2_000_000)))
        for row in range(nd_transactions):
            balance = add_non_derivative_transaction(table, rng, notes, dates[row], balance, numeric_booleans)
        for _ in range(nd_holdings):
            add_non_derivative_holding(table, rng, notes)
    if d_transactions or d_holdings:
        table = add(root, "derivativeTable")
        for row in range(d_transactions):
            add_derivative_transaction(table, rng, notes, dates[nd_transactions + row], numeric_booleans)
        for _ in range(d_holdings):
            add_derivative_holding(table, rng, notes, period)

    # Footnotes on the owner relationship / general remarks sometimes exist
    # without being referenced in a table row (e.g. joint-filer explanations).
    if owner_count > 1 and rng.random() < 0.5:
        notes.new(rng.choice(names.JOINT_FILER_NOTES))
    if notes.texts:
        element = add(root, "footnotes")
        for fid, text in notes.texts.items():
            add(element, "footnote", text).set("id", fid)
    if rng.random() < 0.25:
        add(root, "remarks", rng.choice(names.REMARKS))

    signers = owners if rng.random() < 0.8 else owners[:1]
    for owner in signers:
        signature = add(root, "ownerSignature")
        add(signature, "signatureName", names.signature(rng, owner))
        add(signature, "signatureDate", iso(period + dt.timedelta(days=rng.randint(0, 3) + (5 if amendment else 0))))

    ET.indent(root, space="    ")
    return ET.ElementTree(root)


def add_reporting_owner(root, owner, schema, rng, numeric_booleans):
    element = add(root, "reportingOwner")
    identity = add(element, "reportingOwnerId")
    add(identity, "rptOwnerCik", owner["cik"])
    add(identity, "rptOwnerName", owner["name"])
    address = add(element, "reportingOwnerAddress")
    if schema == "X0609":
        add(address, "rptOwnerNonUSAddressFlag", boolean(rng, False, numeric_booleans))
    add(address, "rptOwnerStreet1", owner["street1"])
    add(address, "rptOwnerStreet2", owner["street2"])
    add(address, "rptOwnerCity", owner["city"])
    add(address, "rptOwnerState", owner["state"])
    add(address, "rptOwnerZipCode", owner["zip"])
    add(address, "rptOwnerStateDescription", "")
    relation = add(element, "reportingOwnerRelationship")
    # Real filings either list all four flags or only the true ones.
    list_all = rng.random() < 0.5
    for tag in ("isDirector", "isOfficer", "isTenPercentOwner", "isOther"):
        if owner[tag] or list_all:
            add(relation, tag, boolean(rng, owner[tag], numeric_booleans))
    if owner["isOfficer"]:
        add(relation, "officerTitle", owner["officerTitle"])
    if owner["isOther"]:
        add(relation, "otherText", owner["otherText"])


def add_coding(row, rng, code, numeric_booleans):
    coding = add(row, "transactionCoding")
    add(coding, "transactionFormType", "4")
    add(coding, "transactionCode", code)
    add(coding, "equitySwapInvolved", boolean(rng, False, numeric_booleans))
    return coding


def add_ownership(row, rng, notes):
    nature = add(row, "ownershipNature")
    if rng.random() < 0.7:
        add_value(nature, "directOrIndirectOwnership", "D")
        return
    add_value(nature, "directOrIndirectOwnership", "I", notes.maybe(0.15, names.INDIRECT_NOTES))
    text = rng.choice(names.NATURES)
    footnote_ids = [notes.new(rng.choice(names.INDIRECT_NOTES))] if text == "See footnote" else notes.maybe(0.25, names.INDIRECT_NOTES)
    add_value(nature, "natureOfOwnership", text, footnote_ids)


def add_non_derivative_transaction(table, rng, notes, day, balance, numeric_booleans) -> int:
    code, direction = rng.choice(names.ND_CODES)
    row = add(table, "nonDerivativeTransaction")
    add_value(row, "securityTitle", names.nd_title(rng), notes.maybe(0.12, names.TITLE_NOTES))
    add_value(row, "transactionDate", iso(day), notes.maybe(0.05, names.DATE_NOTES))
    if rng.random() < 0.06:
        add_value(row, "deemedExecutionDate", iso(day + dt.timedelta(days=rng.randint(0, 2))))
    coding = add_coding(row, rng, code, numeric_booleans)
    for fid in notes.maybe(0.15, names.CODE_NOTES):
        ET.SubElement(coding, "footnoteId", id=fid)
    if rng.random() < 0.03:  # an equity swap: EDGAR's rendering prints "V" in the form's V column
        coding.find("equitySwapInvolved").text = boolean(rng, True, numeric_booleans)

    shares = random_shares(rng)
    amounts = add(row, "transactionAmounts")
    add_value(amounts, "transactionShares", shares, notes.maybe(0.15, names.SHARES_NOTES))
    if code in ("A", "G", "F", "J", "W") and rng.random() < 0.5:
        price = "0" if code != "F" else random_price(rng)
    else:
        price = random_price(rng)
    if code == "S" and rng.random() < 0.3:  # weighted average price with a footnote
        add_value(amounts, "transactionPricePerShare", price, [notes.new(rng.choice(names.PRICE_NOTES))])
    elif rng.random() < 0.07:  # price given only in a footnote
        add_value(amounts, "transactionPricePerShare", None, [notes.new(rng.choice(names.PRICE_NOTES))])
    else:
        add_value(amounts, "transactionPricePerShare", price)
    add_value(amounts, "transactionAcquiredDisposedCode", direction)

    delta = Decimal(shares) if direction == "A" else -Decimal(shares)
    balance = max(Decimal(balance) + delta, Decimal(0))
    post = add(row, "postTransactionAmounts")
    add_value(post, "sharesOwnedFollowingTransaction", decimal_text(balance), notes.maybe(0.08, names.SHARES_NOTES))
    add_ownership(row, rng, notes)
    return balance


def add_non_derivative_holding(table, rng, notes):
    row = add(table, "nonDerivativeHolding")
    add_value(row, "securityTitle", names.nd_title(rng), notes.maybe(0.12, names.TITLE_NOTES))
    post = add(row, "postTransactionAmounts")
    add_value(post, "sharesOwnedFollowingTransaction", random_shares(rng, 100, 5_000_000), notes.maybe(0.1, names.SHARES_NOTES))
    add_ownership(row, rng, notes)


def add_derivative_terms(row, rng, notes, kind, day):
    """Exercise/expiration dates: real filings often give these ONLY in a
    footnote (vesting schedules), which the XML shows as a footnoteId with no
    value and the form shows as a bare "(n)" mark."""
    exercisable = day + dt.timedelta(days=rng.choice([0, 365, 730]))
    if kind in ("rsu", "psu") or rng.random() < 0.25:
        add_value(row, "exerciseDate", None, [notes.new(rng.choice(names.VESTING_NOTES))])
    else:
        add_value(row, "exerciseDate", iso(exercisable))
    if kind in ("rsu", "psu") or rng.random() < 0.1:
        add_value(row, "expirationDate", None, [notes.new(rng.choice(names.EXPIRY_NOTES))])
    else:
        add_value(row, "expirationDate", iso(day + dt.timedelta(days=365 * rng.choice([5, 7, 10]) - 1)))


def add_derivative_transaction(table, rng, notes, day, numeric_booleans):
    kind, title, codes = rng.choice(names.DERIVATIVES)
    code, direction = rng.choice(codes)
    row = add(table, "derivativeTransaction")
    add_value(row, "securityTitle", title, notes.maybe(0.1, names.TITLE_NOTES))
    if kind in ("rsu", "psu"):
        add_value(row, "conversionOrExercisePrice", None, [notes.new(rng.choice(names.CONVERSION_NOTES))])
    else:
        add_value(row, "conversionOrExercisePrice", random_price(rng))
    add_value(row, "transactionDate", iso(day))
    if rng.random() < 0.05:
        add_value(row, "deemedExecutionDate", iso(day))
    add_coding(row, rng, code, numeric_booleans)
    amount = random_shares(rng, 1, 500_000)
    amounts = add(row, "transactionAmounts")
    add_value(amounts, "transactionShares", amount, notes.maybe(0.15, names.SHARES_NOTES))
    if rng.random() < 0.15:
        add_value(amounts, "transactionPricePerShare", None, notes.maybe(1.0, names.PRICE_NOTES))
    else:
        add_value(amounts, "transactionPricePerShare", "0" if rng.random() < 0.6 else random_price(rng))
    add_value(amounts, "transactionAcquiredDisposedCode", direction)
    add_derivative_terms(row, rng, notes, kind, day)
    underlying = add(row, "underlyingSecurity")
    add_value(underlying, "underlyingSecurityTitle", rng.choice(names.UNDERLYING))
    add_value(underlying, "underlyingSecurityShares", amount)
    post = add(row, "postTransactionAmounts")
    add_value(post, "sharesOwnedFollowingTransaction", random_shares(rng, 0, 900_000))
    add_ownership(row, rng, notes)


def add_derivative_holding(table, rng, notes, period):
    kind, title, _ = rng.choice(names.DERIVATIVES)
    row = add(table, "derivativeHolding")
    add_value(row, "securityTitle", title)
    if kind in ("rsu", "psu"):
        add_value(row, "conversionOrExercisePrice", None, [notes.new(rng.choice(names.CONVERSION_NOTES))])
    else:
        add_value(row, "conversionOrExercisePrice", random_price(rng))
    add_derivative_terms(row, rng, notes, kind, period - dt.timedelta(days=rng.randint(100, 1500)))
    amount = random_shares(rng, 1, 300_000)
    underlying = add(row, "underlyingSecurity")
    add_value(underlying, "underlyingSecurityTitle", rng.choice(names.UNDERLYING))
    add_value(underlying, "underlyingSecurityShares", amount)
    post = add(row, "postTransactionAmounts")
    add_value(post, "sharesOwnedFollowingTransaction", amount)
    add_ownership(row, rng, notes)


def to_xml_bytes(tree: ET.ElementTree) -> bytes:
    """Serialise like EDGAR: plain XML declaration, 4-space indent, `<x/>`."""
    body = ET.tostring(tree.getroot(), encoding="unicode", short_empty_elements=False)
    body = re.sub(r'<footnoteId id="(F\d+)"></footnoteId>', r'<footnoteId id="\1"/>', body)
    return ('<?xml version="1.0"?>\n' + body + "\n").encode("utf-8")
