"""Word lists and small builders for plausible (fictional) filers and texts."""

from __future__ import annotations

import random

FIRST = ["Jane", "Robert", "Maria", "David", "Susan", "Ahmed", "Li", "Carlos", "Priya", "Thomas",
         "Elena", "Michael", "Grace", "Kenji", "Olivia", "Samuel", "Fatima", "Daniel", "Ingrid", "Victor"]
MIDDLE = ["", "", "A", "B.", "J", "M.", "Lee", "R", "Ann", "K."]
LAST = ["Doe", "Okafor", "Lindqvist", "Ramirez", "Chen", "Whitfield", "Nakamura", "O'Brien", "Patel",
        "Kowalski", "Delacroix-Martin", "Abernathy", "Haddad", "Sorensen", "Van der Berg", "Melkote",
        "Fitzgerald", "Castellanos", "Yamamoto", "Brennan-Hughes"]

COMPANY_WORDS = ["Blue Harbor", "Northwind", "Cobalt", "Meridian", "Halvorsen", "Granite Peak", "Solace",
                 "Vireo", "Ardent", "Pinecrest", "Lumen", "Tidewater", "Quantic", "Evergreen", "Aurora"]
COMPANY_KINDS = ["Therapeutics, Inc.", "Holdings Corp", "Bancorp, Inc.", "Energy Partners LP",
                 "Technologies Inc.", "Water Inc.", "Semiconductor Corp /DE/", "Realty Trust",
                 "Biosciences, Inc.", "Financial Group, Inc.", "Networks Inc", "Industries, Inc."]
FUNDS = ["Capital Partners LP", "Growth Fund III, L.P.", "Investment Management LLC", "Family Trust",
         "Holdings LLC", "Ventures II, L.P.", "Opportunity Master Fund Ltd."]

STREETS = ["100 SOUTHCENTER COURT", "1 MARKET STREET", "2200 PENNSYLVANIA AVE NW", "4 TECHNOLOGY PARK DRIVE",
           "750 LEXINGTON AVENUE", "1600 AMPHITHEATRE PKWY", "500 BOYLSTON STREET", "ONE INTERNATIONAL PLACE"]
SUITES = ["", "", "SUITE 200", "FLOOR 12", "C/O LEGAL DEPARTMENT", "UNIT 5B"]
CITIES = [("MORRISVILLE", "NC", "27560"), ("SAN DIEGO", "CA", "92121"), ("BOSTON", "MA", "02116"),
          ("NEW YORK", "NY", "10022"), ("AUSTIN", "TX", "78701"), ("SEATTLE", "WA", "98104"),
          ("WILMINGTON", "DE", "19801"), ("CHICAGO", "IL", "60606"), ("DENVER", "CO", "80202"),
          ("MIAMI", "FL", "33131"), ("WESTFORD", "MA", "01886"), ("PALO ALTO", "CA", "94301")]

OFFICER_TITLES = ["Chief Executive Officer", "Chief Financial Officer", "Chief Technology Officer",
                  "President and COO", "EVP, General Counsel", "SVP, Global Support Services",
                  "Chief Accounting Officer", "Chairman and CEO", "VP, Human Resources", "Corporate Secretary"]
OTHER_TEXTS = ["Member of 13(d) group", "Former Director", "See Remarks", "Director by deputization",
               "Trustee of 10% Owner"]

ND_TITLES = ["Common Stock", "Common Stock", "Common Stock", "Class A Common Stock", "Class B Common Stock",
             "Ordinary Shares", "Common Stock, par value $0.001 per share", "Common Units",
             "Common Stock (restricted stock units)", "Series A Preferred Stock",
             "American Depositary Shares, each representing two Ordinary Shares"[:60].strip()]
# Transaction codes with their usual acquired/disposed direction.
ND_CODES = [("P", "A"), ("S", "D"), ("S", "D"), ("A", "A"), ("A", "A"), ("M", "A"), ("F", "D"), ("G", "D"),
            ("J", "A"), ("J", "D"), ("C", "A"), ("W", "A"), ("D", "D"), ("X", "A"), ("I", "D"), ("L", "A")]
DERIVATIVES = [
    ("option", "Stock Option (Right to Buy)", [("A", "A"), ("M", "D"), ("M", "D")]),
    ("option", "Stock options (right to buy)", [("A", "A"), ("M", "D")]),
    ("option", "Non-Qualified Stock Option (right to buy) granted under the 2021 Equity Incentive Plan"[:60].strip(),
     [("A", "A"), ("D", "D")]),
    ("rsu", "Restricted Stock Units", [("A", "A"), ("M", "D"), ("F", "D")]),
    ("psu", "Performance Stock Units", [("A", "A"), ("M", "D")]),
    ("warrant", "Warrants (right to buy)", [("P", "A"), ("X", "D"), ("J", "D")]),
    ("warrant", "Series B-1 Convertible Participating Preferred Stock", [("C", "D"), ("P", "A")]),
    ("option", "Call Option (obligation to sell)", [("S", "D"), ("H", "D")]),
]
UNDERLYING = ["Common Stock", "Common Stock", "Class A Common Stock", "Ordinary Shares"]
NATURES = ["By Trust", "By Spouse", "See footnote", "By LLC", "By The Doe Family Trust", "By 401(k) Plan",
           "By Limited Partnership", "By Children"]

SHARES_NOTES = [
    "Represents shares acquired under the Issuer's Employee Stock Purchase Plan.",
    "Includes 1,250 shares acquired through dividend reinvestment since the last report.",
    "Each restricted stock unit represents a contingent right to receive one share of the Issuer's common stock.",
]
PRICE_NOTES = [
    "The price reported is a weighted average price. These shares were sold in multiple transactions at prices ranging "
    "from $12.01 to $12.45, inclusive. The reporting person undertakes to provide full information upon request.",
    "The shares were withheld by the Issuer to satisfy tax withholding obligations upon vesting.",
    "Not applicable; the securities were received as a gift.",
]
TITLE_NOTES = ["The reported securities are held in a brokerage account.",
               "Represents Class A shares issued upon conversion of Class B shares on a one-for-one basis."]
DATE_NOTES = ["The transaction was executed pursuant to a Rule 10b5-1 trading plan adopted on March 3, 2025."]
CODE_NOTES = ["Transaction effected pursuant to a Rule 10b5-1 trading plan.",
              "Bona fide gift to a charitable organization for no consideration."]
INDIRECT_NOTES = ["The shares are held by a trust of which the reporting person is trustee.",
                  "The reporting person disclaims beneficial ownership of these securities except to the extent "
                  "of his or her pecuniary interest therein."]
VESTING_NOTES = [
    "25% of the shares vest on the first anniversary of the grant date and the balance vests in 36 equal monthly "
    "installments thereafter, subject to continued service.",
    "The restricted stock units vest in four equal annual installments beginning on the first anniversary of the grant date.",
    "The performance units vest upon certification of the performance goals for the three-year performance period.",
]
EXPIRY_NOTES = ["Restricted stock units do not expire.", "Not applicable."]
CONVERSION_NOTES = ["Each restricted stock unit converts into one share of common stock.",
                    "Each performance unit represents the right to receive one share of common stock upon vesting."]
JOINT_FILER_NOTES = ["This report is filed jointly by the reporting persons. Each reporting person disclaims beneficial "
                     "ownership of the securities except to the extent of its pecuniary interest therein."]
REMARKS = ["Exhibit 24 - Power of Attorney.",
           "The reporting person is a member of a group for purposes of Section 13(d); see Exhibit 99.1.",
           "This amendment is filed to correct the number of shares reported in Table I."]


def cik(rng: random.Random) -> str:
    return f"{rng.randint(1_000_000, 2_100_000):010d}"


def issuer(rng: random.Random) -> dict:
    name = f"{rng.choice(COMPANY_WORDS)} {rng.choice(COMPANY_KINDS)}"
    ticker = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(rng.randint(2, 4)))
    foreign = rng.choice(["", "", "", "", f"{rng.randint(1000, 9999)}.T", f"{ticker}.L"])
    return {"cik": cik(rng), "name": name, "ticker": ticker, "foreign_ticker": foreign}


def owner(rng: random.Random, issuer_info: dict, entity: bool = False) -> dict:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    if entity:
        name = f"{rng.choice(COMPANY_WORDS)} {rng.choice(FUNDS)}"
    else:  # EDGAR lists people as "Last First Middle"
        name = " ".join(part for part in (last, first, rng.choice(MIDDLE)) if part)
    city, state, zip_code = rng.choice(CITIES)
    street2 = rng.choice(SUITES)
    street1 = rng.choice(STREETS)
    if rng.random() < 0.3:  # "C/O ISSUER" addresses are common
        street1, street2 = f"C/O {issuer_info['name'].upper()}"[:40], street1
    relation = {"isDirector": False, "isOfficer": False, "isTenPercentOwner": False, "isOther": False}
    if entity:
        relation[rng.choice(["isTenPercentOwner", "isTenPercentOwner", "isOther"])] = True
    else:
        relation[rng.choice(["isDirector", "isOfficer", "isOfficer", "isTenPercentOwner", "isOther"])] = True
        if rng.random() < 0.3:
            relation[rng.choice(["isDirector", "isOfficer"])] = True
    return {"cik": cik(rng), "name": name, "street1": street1, "street2": street2, "city": city,
            "state": state, "zip": zip_code, "entity": entity, "first": first, "last": last, **relation,
            "officerTitle": rng.choice(OFFICER_TITLES), "otherText": rng.choice(OTHER_TEXTS)}


def signature(rng: random.Random, owner_info: dict) -> str:
    if owner_info["entity"]:
        return f"{owner_info['name']}, By: /s/ {rng.choice(FIRST)} {rng.choice(LAST)}, Managing Member"
    if rng.random() < 0.3:
        return f"/s/ {rng.choice(FIRST)} {rng.choice(LAST)}, Attorney-in-Fact"
    return f"/s/ {owner_info['first']} {owner_info['last']}"


def nd_title(rng: random.Random) -> str:
    return rng.choice(ND_TITLES)
