"""Guards for the committed sample set (Samples/) and the generator.

Run with `make corpus-test` (or `python3 -m pytest scripts/corpus/tests`).
The expected texts are derived here from the truth XML with a small
formatter of its own, so a rendering bug cannot hide behind shared code.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest

from scripts.corpus.states import STATE_NAMES

REPO = Path(__file__).resolve().parents[3]
# FORM4_SAMPLES points the checks at another generated corpus (same layout).
SAMPLES = Path(os.environ.get("FORM4_SAMPLES", REPO / "Samples"))
GENERATED_GROUPS = ["rendered", "scan300", "scan200-noisy", "image-only", "bound"]

NUMBER_FIELDS = {"transactionShares", "sharesOwnedFollowingTransaction", "underlyingSecurityShares"}
PRICE_FIELDS = {"transactionPricePerShare", "conversionOrExercisePrice"}
DATE_FIELDS = {"transactionDate", "deemedExecutionDate", "exerciseDate", "expirationDate"}

# Section labels and column headings of the EDGAR view; each must be in the
# real EDGAR print (checked below) and in every rendered sample.
HEADINGS = [
    "UNITED STATES SECURITIES AND EXCHANGE COMMISSION", "STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP",
    "OMB APPROVAL", "Check this box if no longer subject to Section 16",
    "1. Name and Address of Reporting Person", "(Last)", "(First)", "(Middle)", "(Street)", "(City)", "(State)",
    "(Zip)", "2. Issuer Name and Ticker or Trading Symbol", "3. Date of Earliest Transaction (Month/Day/Year)",
    "4. If Amendment, Date of Original Filed (Month/Day/Year)", "5. Relationship of Reporting Person(s) to Issuer",
    "Director", "10% Owner", "Officer (give title below)", "Other (specify below)",
    "6. Individual or Joint/Group Filing", "Form filed by One Reporting Person",
    "Form filed by More than One Reporting Person",
    "Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned",
    "1. Title of Security (Instr. 3)", "2. Transaction Date (Month/Day/Year)",
    "2A. Deemed Execution Date, if any (Month/Day/Year)", "3. Transaction Code (Instr. 8)",
    "4. Securities Acquired (A) or Disposed Of (D) (Instr. 3, 4 and 5)",
    "5. Amount of Securities Beneficially Owned Following Reported Transaction(s) (Instr. 3 and 4)",
    "6. Ownership Form: Direct (D) or Indirect (I) (Instr. 4)", "7. Nature of Indirect Beneficial Ownership (Instr. 4)",
    "Code", "Amount", "(A) or (D)", "Price",
    "Table II - Derivative Securities Acquired, Disposed of, or Beneficially Owned",
    "(e.g., puts, calls, warrants, options, convertible securities)",
    "1. Title of Derivative Security (Instr. 3)", "2. Conversion or Exercise Price of Derivative Security",
    "3. Transaction Date (Month/Day/Year)", "3A. Deemed Execution Date, if any (Month/Day/Year)",
    "5. Number of Derivative Securities Acquired (A) or Disposed of (D) (Instr. 3, 4 and 5)",
    "6. Date Exercisable and Expiration Date (Month/Day/Year)",
    "7. Title and Amount of Securities Underlying Derivative Security (Instr. 3 and 4)",
    "8. Price of Derivative Security (Instr. 5)", "Date Exercisable", "Expiration Date", "Amount or Number of Shares",
    "10. Ownership Form: Direct (D) or Indirect (I) (Instr. 4)", "11. Nature of Indirect Beneficial Ownership (Instr. 4)",
    "Explanation of Responses:", "** Signature of Reporting Person",
    "Reminder: Report on a separate line for each class of securities beneficially owned directly or indirectly.",
]
RULE_10B5_1_ROW = "affirmative defense conditions of Rule 10b5-1(c)"


# ---------------------------------------------------------------- helpers

def folded(text: str) -> str:
    """Whitespace removed: wrapped cells and layout spacing do not matter."""
    return re.sub(r"\s+", "", text)


def shows(value: str, text: str) -> bool:
    """Is value in the folded PDF text?  A value that wraps in its cell may come
    out in pieces with a neighbouring cell's text between them (pdftotext reads
    line by line), so pieces split at spaces and hyphens may be a little apart;
    pdftotext drops a hyphen that ends a line ("Non-" + "Qualified")."""
    if folded(value) in text:
        return True
    pieces = [re.escape(p[:-1]) + "-?" if p.endswith("-") else re.escape(p)
              for p in re.split(r"\s+|(?<=-)", value.strip()) if p]
    return re.search(".{0,80}?".join(pieces), text, re.DOTALL) is not None


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-raw", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def truth_files(groups=GENERATED_GROUPS + ["edgar-real", "edgar-real-scan"]) -> list[Path]:
    return sorted(p for g in groups for p in (SAMPLES / g).glob("*.xml"))


def pdf_for(truth: Path) -> Path:
    base = re.sub(r"\.\d+$", "", truth.stem)  # bound/NAME.2.xml belongs to bound/NAME.pdf
    return truth.with_name(base + ".pdf")


def number(text: str) -> str:
    return format(Decimal(text), ",f")


def mmddyyyy(text: str) -> str:
    year, month, day = text.strip().split("-")
    return f"{month}/{day}/{year}"


def true(text: str | None) -> bool:
    return (text or "").strip().lower() in ("1", "true")


def displayed_values(root: ET.Element) -> list[str]:
    """Every truth value the form shows, formatted the way the form shows it."""
    current_layout = root.findtext("schemaVersion", "") >= "X0609"
    shown = [root.findtext("issuer/issuerName"), root.findtext("issuer/issuerTradingSymbol"),
             root.findtext("issuer/issuerForeignTradingSymbol"), mmddyyyy(root.findtext("periodOfReport"))]
    if root.find("dateOfOriginalSubmission") is not None:
        shown.append(mmddyyyy(root.findtext("dateOfOriginalSubmission")))
    for owner in root.findall("reportingOwner"):
        state = owner.findtext("reportingOwnerAddress/rptOwnerState", "")
        shown += [owner.findtext("reportingOwnerId/rptOwnerName")]
        shown += [owner.findtext(f"reportingOwnerAddress/{tag}")
                  for tag in ("rptOwnerStreet1", "rptOwnerStreet2", "rptOwnerCity", "rptOwnerZipCode")]
        shown.append(STATE_NAMES.get(state, state) if current_layout else state)
        relation = owner.find("reportingOwnerRelationship")
        if true(relation.findtext("isOfficer")):
            shown.append(relation.findtext("officerTitle"))
        if true(relation.findtext("isOther")):
            shown.append(relation.findtext("otherText"))
    for table in ("nonDerivativeTable", "derivativeTable"):
        for field in root.iterfind(f"{table}//value/.."):
            value = field.findtext("value").strip()
            if field.tag in NUMBER_FIELDS:
                shown.append(number(value))
            elif field.tag in PRICE_FIELDS:
                shown.append("$" + number(value))
            elif field.tag in DATE_FIELDS:
                shown.append(mmddyyyy(value))
            else:
                shown.append(value)
            for note in field.findall("footnoteId"):
                shown.append(value_with_mark(field, note))
    for note in root.findall("footnotes/footnote"):
        shown.append(f"{note.get('id')[1:]}. {note.text.strip()}")
    shown.append(root.findtext("remarks"))
    for signature in root.findall("ownerSignature"):
        shown += [signature.findtext("signatureName"), mmddyyyy(signature.findtext("signatureDate"))]
    return [s for s in shown if s and s.strip()]


def value_with_mark(field: ET.Element, note: ET.Element) -> str:
    """A footnote mark "(n)" shows right after the value; for a value given
    only by a footnote (e.g. a footnote-only exercise date) the bare mark."""
    return f"({note.get('id')[1:]})"


# ---------------------------------------------------------------- truth XML

@pytest.mark.parametrize("truth", truth_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_truth_xml_is_well_formed_and_complete(truth: Path):
    root = ET.parse(truth).getroot()
    assert root.tag == "ownershipDocument"
    schema = root.findtext("schemaVersion")
    assert schema in ("X0306", "X0508", "X0609")
    assert root.findtext("documentType") in ("4", "4/A")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", root.findtext("periodOfReport"))
    if root.findtext("documentType") == "4/A":
        assert root.find("dateOfOriginalSubmission") is not None
    for tag in ("issuer/issuerCik", "issuer/issuerName", "issuer/issuerTradingSymbol"):
        assert (root.findtext(tag) or "").strip(), tag
    owners = root.findall("reportingOwner")
    assert 1 <= len(owners) <= 10
    for owner in owners:
        assert owner.findtext("reportingOwnerId/rptOwnerName").strip()
        assert owner.find("reportingOwnerRelationship") is not None
    # X0306 predates the 10b5-1 checkbox; later schemas always carry it.
    assert (root.find("aff10b5One") is None) == (schema == "X0306")
    assert root.find("nonDerivativeTable") is not None or root.find("derivativeTable") is not None
    assert root.findall("ownerSignature")
    defined = {n.get("id") for n in root.findall("footnotes/footnote")}
    used = {n.get("id") for n in root.iter("footnoteId")}
    assert used <= defined, f"undefined footnotes {used - defined}"
    assert pdf_for(truth).exists(), "every truth sits next to its PDF"


# ---------------------------------------------------------------- rendered text

@pytest.mark.parametrize("truth", truth_files(["rendered", "bound", "edgar-real"])[:200],
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_rendered_pdf_text_shows_every_truth_value(truth: Path):
    if "scan" in truth.name:
        pytest.skip("OCR text is not expected to be exact")
    text = folded(pdf_text(pdf_for(truth)))
    missing = [value for value in displayed_values(ET.parse(truth).getroot()) if not shows(value, text)]
    assert not missing, f"values not in the PDF text: {missing[:10]}"


def real_heading_text() -> str:
    return folded(pdf_text(SAMPLES / "edgar-real" / "form4-chromium-letter.pdf"))


def test_headings_come_from_the_real_rendering():
    real = real_heading_text()
    assert [h for h in HEADINGS + [RULE_10B5_1_ROW] if folded(h) not in real] == []


@pytest.mark.parametrize("pdf", sorted((SAMPLES / "rendered").glob("*.pdf")), ids=lambda p: p.name)
def test_rendered_sample_has_the_real_headings(pdf: Path):
    text = folded(pdf_text(pdf))
    assert [h for h in HEADINGS if not shows(h, text)] == []
    x0306 = "-x0306" in pdf.name
    assert (folded(RULE_10B5_1_ROW) in text) != x0306, "X0306 forms have no 10b5-1 row, later ones do"


def test_bound_pdfs_hold_one_form_per_truth():
    bound = sorted((SAMPLES / "bound").glob("*.pdf"))
    assert len(bound) >= 2
    for pdf in bound:
        truths = sorted(pdf.parent.glob(pdf.stem + ".*.xml"))
        assert len(truths) in (2, 3)
        forms = pdf_text(pdf).count("STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP")
        assert forms == len(truths)


def test_image_only_pdfs_have_no_text_and_scans_do():
    for pdf in sorted((SAMPLES / "image-only").glob("*.pdf")):
        assert pdf_text(pdf).strip() == "", pdf.name
    for group in ("scan300", "scan200-noisy"):
        for pdf in sorted((SAMPLES / group).glob("*.pdf")):
            assert len(pdf_text(pdf).split()) > 50, pdf.name


def test_sample_set_covers_the_variants():
    names = [p.name for p in (SAMPLES / "rendered").glob("*.pdf")]
    for needed in ("-x0306-", "-x0508-", "-x0609-", "-4a-", "-letter-", "-a4-", "-s100", "-ckimg", "-poa"):
        assert any(needed in n for n in names), needed
    assert any(n.startswith("f") and "-s8" in n for n in names)
    xmls = [ET.parse(p).getroot() for p in (SAMPLES / "rendered").glob("*.xml")]
    assert any(len(r.findall("reportingOwner")) > 1 for r in xmls)
    assert any(len(r.findall("nonDerivativeTable/*")) >= 20 for r in xmls)
    assert any(r.find("derivativeTable//exerciseDate") is not None
               and r.find("derivativeTable//exerciseDate/value") is None for r in xmls)


# ---------------------------------------------------------------- determinism

def test_generation_is_deterministic(tmp_path: Path):
    outputs = []
    for run in ("a", "b"):
        out = tmp_path / run
        # HTML only: the printers' PDFs carry creation dates, and CI machines need no Chromium.
        subprocess.run([sys.executable, "-m", "scripts.corpus.generate", "--n", "2", "--seed", "11",
                        "--groups", "rendered", "--html-only", "--out", str(out)], check=True, cwd=REPO,
                       capture_output=True)
        outputs.append({p.name: p.read_bytes() for p in sorted((out / "rendered").glob("*")) if p.suffix in (".xml", ".html")})
    assert len(outputs[0]) == 4
    assert outputs[0] == outputs[1]


# ---------------------------------------------------------------- group plan

def test_scans_of_other_printers_are_made_only_when_counted():
    from scripts.corpus.generate import parse_groups, GROUP_WEIGHTS
    default_groups = ",".join(g for g, weight in GROUP_WEIGHTS.items() if weight)
    assert "printers-scan" not in default_groups
    assert parse_groups("rendered,printers-scan=3", 10) == {"rendered": 7, "printers-scan": 3}
    with pytest.raises(SystemExit, match="printers-scan"):
        parse_groups("printers-scan", 10)
