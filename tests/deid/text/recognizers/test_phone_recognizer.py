"""Table-driven tests of the recognizer: exact spans reported (score >= 0.5), look-alikes ignored."""

from __future__ import annotations

import pytest

from deid.text.recognizers.phone_recognizer import PhoneNumberRecognizer

REPORTED = 0.5
RECOGNIZER = PhoneNumberRecognizer()

CASES = [
    ("Tel +46 (0)8 928 571 38 today", ["+46 (0)8 928 571 38"]),  # one-digit area code after (0)
    ("+447700 208 815-Mobile", ["+447700 208 815"]),
    ("456.555.0100 fax\n+447700900123 mobile", ["456.555.0100", "+447700900123"]),  # each its own label
    ("texts to 0688 872 49 99 please", ["0688 872 49 99"]),  # national number with its trunk zero
    ("my number 0961-7596216.", ["0961-7596216"]),
    ("Phone:\n0393 1144137\n", ["0393 1144137"]),
    ("seen 05-12-2020 at noon", []),
    ("scores 01 02 03", []),
    ("dose 0.5 12 18", []),
    ("(402) 555-0199", ["(402) 555-0199"]),
    ("call 402.555.0199", ["402.555.0199"]),
    ("402-555-0199 x12 today", ["402-555-0199 x12"]),
    ("+1 402 555 0199", ["+1 402 555 0199"]),
    ("Desk: +41 (0)96 471 07 95", ["+41 (0)96 471 07 95"]),  # trunk zero in brackets
    ("call me on 01.84.17.61.18?", ["01.84.17.61.18"]),  # pairs of digits next to a label
    ("not answering at 71-33-52-22", ["71-33-52-22"]),
    ("Mobile: 723 813 266", ["723 813 266"]),
    ("Phone: (99) 645-791", ["(99) 645-791"]),
    ("can someone call me on 9472 7916?", ["9472 7916"]),
    ("781 1704 office", ["781 1704"]),
    ("07700 063 966-Fax", ["07700 063 966"]),
    ("001-518-640-0854 mobile", ["001-518-640-0854"]),
    ("home 2 days, office 2 3 visits", []),
    ("phone: 12 34", []),
    ("call 4025550199.", ["4025550199"]),
    ("phone 555-0199", ["555-0199"]),
    ("1-800-555-0199", ["1-800-555-0199"]),
    ("fax 402-555-0100", []),
    ("BP 120/80 HR 72", []),
    ("2021-03-14", []),
    ("123-45-6789", []),
    ("SNOMED 195967001", []),
    ("E11.9", []),
    # North American shapes whatever the digits: fake and test numbers go too
    ("555-123-4567", ["555-123-4567"]),
    ("123-456-7890", ["123-456-7890"]),
    ("(555) 555-5555", ["(555) 555-5555"]),
    ("000-000-0000", ["000-000-0000"]),
    ("201/324/1423", ["201/324/1423"]),
    ("301 944-5032", ["301 944-5032"]),
    ("call (240444-1243) today", ["(240444-1243)"]),  # a mistyped bracket
    ("240)444-1243", ["240)444-1243"]),
    ("(240)-444-1243", ["(240)-444-1243"]),
    ("sister (555-123-4567)", ["555-123-4567"]),
    ("240-444-1243", ["240-444-1243"]),
    ("240.444.1243", ["240.444.1243"]),
    ("1 (800) 555 1234", ["1 (800) 555 1234"]),
    # ten bare digits: a valid NANP number alone, any digits with a phone word or #
    ("2404441243", ["2404441243"]),
    ("1234567890", []),
    ("call 1234567890", ["1234567890"]),
    ("cb 1234567890", ["1234567890"]),
    ("ph: 1234567890", ["1234567890"]),
    ("tel 1234567890", ["1234567890"]),
    ("cell 1234567890", ["1234567890"]),
    ("mobile 1234567890", ["1234567890"]),
    ("pager 1234567890", ["1234567890"]),
    ("beeper 1234567890", ["1234567890"]),
    ("contact 1234567890", ["1234567890"]),
    ("# 1234567890", ["1234567890"]),
    # seven-digit local numbers, dashed or spaced
    ("444-1243", ["444-1243"]),
    ("444 1243", ["444 1243"]),
    ("call 123-4567 after 5", ["123-4567"]),
    ("wife at 444 1243.", ["444 1243"]),
    ("call 444-1243 in the morning", ["444-1243"]),
    ("120-1243 mL", []),
    ("given 100-1000 units", []),
    ("EBL 150-2000", []),
    ("Platelets 150-4000", []),
    ("clinic hours 930-1100", []),
    ("from 830-1230 daily", []),
    ("weight 180 2019", []),
    ("seen 312 2019", []),  # a number, then a year
    ("5 444 1243", []),
    ("12 345 6789", []),
    # extensions are part of the number
    ("240-444-1243 x204", ["240-444-1243 x204"]),
    ("240-444-1243 ext 12", ["240-444-1243 ext 12"]),
    ("240-444-1243 ext. 3", ["240-444-1243 ext. 3"]),
    ("240-444-1243, extension 4471", ["240-444-1243, extension 4471"]),
    ("call 444-1243 ext 12", ["444-1243 ext 12"]),
    # pagers: four or five digits after pager, pgr, beeper
    ("pager 4471", ["4471"]),
    ("pgr 1234", ["1234"]),
    ("beeper #5532", ["5532"]),
    ("Pager: 12345", ["12345"]),
    ("page 4471 of the chart", []),
    ("pager 12", []),
    # international
    ("+44 20 7946 0958", ["+44 20 7946 0958"]),
    # fax labels keep fax numbers for the fax recognizer
    ("fax 444-1243", []),
    ("fax 201/324/1423", []),
    ("P: 444-1111 F: 444-2222", ["444-1111"]),
    # clinical numbers
    ("I/O 1200/850", []),
    ("BP 128/74, HR 88", []),
    ("ABG 7.32/45/88", []),
    ("vent 600/14/5/50%", []),
    ("Gleason 3+4=7", []),
    ("10/03/10/04", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_phone_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    found = [text[result.start : result.end] for result in results if result.score >= REPORTED]
    assert found == expected
    assert all(result.entity_type == "PHONE" for result in results)
