"""Table-driven tests of the recognizer: exact spans reported (score >= 0.5), look-alikes ignored."""

from __future__ import annotations

import pytest

from deid.text.recognizers.street_address_recognizer import StreetAddressRecognizer

REPORTED = 0.5
RECOGNIZER = StreetAddressRecognizer()

CASES = [
    ("Pt lives at 1234 Oak Ridge Rd Apt 4B, Omaha NE 68102", ["1234 Oak Ridge Rd Apt 4B"]),
    ("12 elm st, omaha 68102", ["12 elm st"]),
    ("88 Smith Zorbs, Omaha 68102", ["88 Smith Zorbs"]),
    (
        "12 Oak St\n Suite 4\n Springfield\n United Kingdom SW1A 1AA",
        ["12 Oak St\n Suite 4", "Suite 4\n Springfield"],
    ),
    ("at 5 Main St The patient left", ["5 Main St"]),
    ("5 Main St\nPhone: 555-0100", ["5 Main St"]),
    ("5 Main St, Hypertension", ["5 Main St"]),  # a clinical term is not a town
    ("PO Box 123", ["PO Box 123"]),
    ("5 N Main St", ["5 N Main St"]),
    ("45 W 3rd Ave Suite 200", ["45 W 3rd Ave Suite 200"]),
    ("at the corner of Oak Lane and King Forges", ["the corner of Oak Lane and King Forges"]),
    ("Apt. 656\n Springfield\n\n Denmark 35018", ["Apt. 656\n Springfield\n\n Denmark 35018"]),
    ("mail to PSC 1234, Box 5678, APO AA 34001 please", ["PSC 1234, Box 5678, APO AA 34001"]),
    ("Unit 8100 Box 4410\nDPO AE 09498", ["Unit 8100 Box 4410\nDPO AE 09498"]),
    ("USNS Quarrow, FPO AP 96601", ["USNS Quarrow, FPO AP 96601"]),
    ("f/u in 2 weeks with Dr Smith", []),
    ("garcia-smith\nunit 1009 box 0219\ndpo ap 51065", ["unit 1009 box 0219\ndpo ap 51065"]),
    ("sent to uscgc aslakhanov\nfpo ae 44941?", ["uscgc aslakhanov\nfpo ae 44941"]),
    ("served on the uss nimitz for years", []),
    ("psc 3 box 4 on the form", []),  # lower case: no military address
    ("took 2 Tylenol 500 mg", []),
    ("Give 325 Tylenol 2 tabs", []),
    ("Apt. 4\nPlan: continue meds", ["Apt. 4"]),
    ("F/U IN 2 WEEKS WITH DR SMITH", []),
    ("Give 2 Tabs Po Daily", []),
    ("took 2 tabs, Omaha 68102", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_street_address_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    streets = [result for result in results if result.entity_type == "STREET_ADDRESS"]
    assert [text[result.start : result.end] for result in streets if result.score >= REPORTED] == expected


TAILS = [
    (
        "Pt lives at 1234 Oak Ridge Rd Apt 4B, Omaha NE 68102",
        [("Omaha", "CITY"), ("NE", "CITY"), ("68102", "ZIP")],
    ),
    (
        "12 Oak St\n Suite 4\n Springfield\n, IL\n United Kingdom SW1A 1AA? Thanks",
        [("Springfield", "CITY"), ("IL", "CITY"), ("United Kingdom", "CITY"), ("SW1A 1AA", "ZIP")],
    ),
    ("9 Elm Rd\n> Apt. 3\n> Port O'Brien\n> K1A 0B1", [("Port O'Brien", "CITY"), ("K1A 0B1", "ZIP")]),
    ("5 Main St, 2 weeks ago", []),
    ("5 Main St and then Omaha", []),
    ("5 Main St. It was late", []),
]


@pytest.mark.parametrize(("text", "expected"), TAILS)
def test_parts_after_the_street_line_are_typed(text: str, expected: list[tuple[str, str]]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    parts = [(text[r.start : r.end], r.entity_type) for r in results if r.entity_type != "STREET_ADDRESS"]
    assert parts == expected
