"""Render ownership XML to HTML the way EDGAR's Form 4 view does.

The view model is read back from the XML (never from the generator's own
state), so whatever the HTML shows is by construction in the truth file.
Formatting follows EDGAR: thousands separators, "$" before prices, dates as
MM/DD/YYYY, footnote marks "(n)" after the value they qualify.
"""

from __future__ import annotations

import base64
import dataclasses
import xml.etree.ElementTree as ET
from decimal import Decimal, InvalidOperation
from pathlib import Path

import jinja2

from .states import STATE_NAMES

TEMPLATES = Path(__file__).parent / "templates"


@dataclasses.dataclass(frozen=True)
class PrintVariant:
    paper: str = "letter"      # "letter" or "a4" (CSS @page size)
    scale: int = 100           # page scale in percent (CSS zoom)
    checkbox: str = "x"        # "x": the letter X; "img": check-mark images, nothing in the text layer
    extra_page: bool = False   # a power-of-attorney page printed after the form
    printer: str = "chromium"  # what prints the HTML: see printing.PRINTERS

    @property
    def tag(self) -> str:
        """The part of the file name that tells the variant."""
        parts = [self.paper, f"s{self.scale}"]
        if self.checkbox == "img":
            parts.append("ckimg")
        if self.extra_page:
            parts.append("poa")
        if self.printer != "chromium":
            parts.append(self.printer)
        return "-".join(parts)


# ---------------------------------------------------------------- formatting

def format_number(text: str | None) -> str:
    """"1234.5678" -> "1,234.5678"; values keep the decimals they were filed with."""
    if text is None or text.strip() == "":
        return ""
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        return text.strip()
    digits = format(number, ",f")
    return digits


def format_date(text: str | None) -> str:
    if not text:
        return ""
    year, month, day = text.strip()[:10].split("-")
    return f"{month}/{day}/{year}"


def is_true(text: str | None) -> bool:
    return (text or "").strip().lower() in ("1", "true")


def footnote_number(fid: str) -> str:
    return fid.lstrip("Ff")


@dataclasses.dataclass
class Cell:
    """One displayed value: its text as the form prints it plus footnote marks."""
    text: str = ""
    notes: tuple = ()
    money: bool = False    # printed with a "$" in front


def cell(element: ET.Element | None, kind: str = "text") -> Cell | None:
    """Read a <x><value/><footnoteId/></x> element; None if the element is absent."""
    if element is None:
        return None
    value = element.findtext("value")
    notes = tuple(footnote_number(f.get("id")) for f in element.findall("footnoteId"))
    if kind == "number":
        text = format_number(value)
    elif kind == "money":
        return Cell(format_number(value), notes, money=value is not None and value.strip() != "")
    elif kind == "date":
        text = format_date(value)
    else:
        text = (value or "").strip()
    return Cell(text, notes)


# ---------------------------------------------------------------- view model

def read_owner(element: ET.Element, current_generation: bool) -> dict:
    address = element.find("reportingOwnerAddress")
    relation = element.find("reportingOwnerRelationship")
    text = lambda parent, tag: ((parent.findtext(tag) if parent is not None else None) or "").strip()
    state = text(address, "rptOwnerState")
    return {
        "cik": text(element.find("reportingOwnerId"), "rptOwnerCik"),
        "name": text(element.find("reportingOwnerId"), "rptOwnerName"),
        "street1": text(address, "rptOwnerStreet1"),
        "street2": text(address, "rptOwnerStreet2"),
        "city": text(address, "rptOwnerCity"),
        # the current EDGAR view prints the state's name (CALIFORNIA), the older one the code (CA)
        "state": STATE_NAMES.get(state, state) if current_generation else state,
        "zip": text(address, "rptOwnerZipCode"),
        "country": text(address, "rptOwnerCountry"),
        "director": is_true(text(relation, "isDirector")),
        "officer": is_true(text(relation, "isOfficer")),
        "ten_percent": is_true(text(relation, "isTenPercentOwner")),
        "other": is_true(text(relation, "isOther")),
        "officer_title": text(relation, "officerTitle"),
        "other_text": text(relation, "otherText"),
    }


def code_cell(row: ET.Element) -> Cell:
    coding = row.find("transactionCoding")
    if coding is None:
        return Cell()
    notes = tuple(footnote_number(f.get("id")) for f in coding.findall("footnoteId"))
    return Cell((coding.findtext("transactionCode") or "").strip(), notes)


def voluntary_mark(row: ET.Element) -> str:
    # EDGAR's stylesheet fills the "V" column from transactionCoding/equitySwapInvolved.
    flag = (row.findtext("transactionCoding/equitySwapInvolved") or "").strip().lower()
    return "V" if flag in ("true", "1") else ""


def ownership_cells(row: ET.Element) -> tuple:
    nature = row.find("ownershipNature")
    if nature is None:
        return None, None
    return cell(nature.find("directOrIndirectOwnership")), cell(nature.find("natureOfOwnership"))


def read_non_derivative(row: ET.Element) -> dict:
    direct, nature = ownership_cells(row)
    amounts = row.find("transactionAmounts")
    find = lambda tag: amounts.find(tag) if amounts is not None else None
    return {
        "holding": row.tag.endswith("Holding"),
        "title": cell(row.find("securityTitle")),
        "date": cell(row.find("transactionDate"), "date"),
        "deemed": cell(row.find("deemedExecutionDate"), "date"),
        "code": code_cell(row) if not row.tag.endswith("Holding") else None,
        "voluntary": voluntary_mark(row),
        "shares": cell(find("transactionShares"), "number"),
        "acquired_disposed": cell(find("transactionAcquiredDisposedCode")),
        "price": cell(find("transactionPricePerShare"), "money"),
        "following": cell(row.find("postTransactionAmounts/sharesOwnedFollowingTransaction"), "number"),
        "direct": direct,
        "nature": nature,
    }


def read_derivative(row: ET.Element) -> dict:
    values = read_non_derivative(row)
    direction = values["acquired_disposed"].text if values["acquired_disposed"] else ""
    values.update({
        "conversion": cell(row.find("conversionOrExercisePrice"), "money"),
        "exercisable": cell(row.find("exerciseDate"), "date"),
        "expiration": cell(row.find("expirationDate"), "date"),
        "underlying_title": cell(row.find("underlyingSecurity/underlyingSecurityTitle")),
        "underlying_shares": cell(row.find("underlyingSecurity/underlyingSecurityShares"), "number"),
        # Table II prints the amount in column (A) or column (D)
        "acquired": values["shares"] if direction == "A" else None,
        "disposed": values["shares"] if direction == "D" else None,
    })
    return values


def read_document(xml_bytes: bytes) -> dict:
    root = ET.fromstring(xml_bytes)
    schema = (root.findtext("schemaVersion") or "").strip()
    current = schema >= "X0609"
    aff = root.find("aff10b5One")
    return {
        "schema": schema,
        "current_generation": current,
        "document_type": (root.findtext("documentType") or "4").strip(),
        "period": format_date(root.findtext("periodOfReport")),
        "original_date": format_date(root.findtext("dateOfOriginalSubmission")),
        "not_subject": is_true(root.findtext("notSubjectToSection16")),
        "aff10b5_present": aff is not None,  # X0306 filings have no 10b5-1 row at all
        "aff10b5": is_true(aff.text if aff is not None else None),
        "issuer": {
            "cik": (root.findtext("issuer/issuerCik") or "").strip(),
            "name": (root.findtext("issuer/issuerName") or "").strip(),
            "ticker": (root.findtext("issuer/issuerTradingSymbol") or "").strip(),
            "foreign_ticker": (root.findtext("issuer/issuerForeignTradingSymbol") or "").strip(),
        },
        "owners": [read_owner(o, current) for o in root.findall("reportingOwner")],
        "non_derivative": [read_non_derivative(r) for r in root.findall("nonDerivativeTable/*")],
        "derivative": [read_derivative(r) for r in root.findall("derivativeTable/*")],
        "footnotes": [(footnote_number(f.get("id")), (f.text or "").strip()) for f in root.findall("footnotes/footnote")],
        "remarks": (root.findtext("remarks") or "").strip(),
        "signatures": [((s.findtext("signatureName") or "").strip(), format_date(s.findtext("signatureDate")))
                       for s in root.findall("ownerSignature")],
    }


# ---------------------------------------------------------------- HTML

def _svg_data_uri(checked: bool) -> str:
    """A small box, with a check mark when checked; an image so that the
    checkbox state is not in the PDF's text layer."""
    tick = '<path d="M3 8.5 L6.5 12 L13 4" stroke="black" stroke-width="2" fill="none"/>' if checked else ""
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16">'
           '<rect x="1" y="1" width="14" height="14" fill="white" stroke="black" stroke-width="1.2"/>'
           f"{tick}</svg>")
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


CHECKBOX_IMAGES = {True: _svg_data_uri(True), False: _svg_data_uri(False)}

_environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(TEMPLATES)),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)


def page_css(variant: PrintVariant) -> str:
    size = "letter" if variant.paper == "letter" else "A4"
    css = f"@page {{ size: {size}; margin: 0.4in; }}\n"
    # Keep a table row on one page: a row cut in two by a page break would put
    # the repeated table header between the halves of one value.
    css += "tr { break-inside: avoid; }\n"
    if variant.scale != 100:
        # zoom on the root element shrinks the text while tables still fill
        # the page width, like the print dialog's "Scale" setting
        css += f"html {{ zoom: {variant.scale / 100:.2f}; }}\n"
    return css


def render_html(xml_bytes: bytes, variant: PrintVariant = PrintVariant(), extra_page_text: str = "") -> str:
    document = read_document(xml_bytes)
    template = _environment.get_template("form4.html.j2")
    return template.render(
        doc=document,
        variant=variant,
        page_css=page_css(variant),
        checkbox_images=CHECKBOX_IMAGES,
        extra_page_text=extra_page_text,
    )
