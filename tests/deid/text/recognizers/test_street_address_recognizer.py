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
    ("PO Box 123", ["PO Box 123"]),
    ("5 N Main St", ["5 N Main St"]),
    ("45 W 3rd Ave Suite 200", ["45 W 3rd Ave Suite 200"]),
    ("on Villacher Strasse 89 now", ["Villacher Strasse 89"]),
    ("send to ul. Jesionowa 127, please", ["ul. Jesionowa 127"]),
    ("at the corner of Oak Lane and King Forges", ["the corner of Oak Lane and King Forges"]),
    ("Apt. 656\n Springfield\n\n Denmark 35018", ["Apt. 656\n Springfield\n\n Denmark 35018"]),
    ("mail to PSC 1234, Box 5678, APO AA 34001 please", ["PSC 1234, Box 5678, APO AA 34001"]),
    ("Unit 8100 Box 4410\nDPO AE 09498", ["Unit 8100 Box 4410\nDPO AE 09498"]),
    ("USNS Quarrow, FPO AP 96601", ["USNS Quarrow, FPO AP 96601"]),
    ("f/u in 2 weeks with Dr Smith", []),
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
    found = [text[result.start : result.end] for result in results if result.score >= REPORTED]
    assert found == expected
    assert all(result.entity_type == "STREET_ADDRESS" for result in results)
