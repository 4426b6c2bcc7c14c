"""Table-driven tests of the recognizer: exact spans reported (score >= 0.5), look-alikes ignored."""

from __future__ import annotations

import pytest

from deid.text.recognizers.date_recognizer import ClinicalDateRecognizer

REPORTED = 0.5
RECOGNIZER = ClinicalDateRecognizer()

CASES = [
    ("RTC 7/22", ["7/22"]),
    ("on 7/22/21", ["7/22/21"]),
    ("03-14-21", ["03-14-21"]),
    ("2021-03-14", ["2021-03-14"]),
    ("2021-03-14T10:00", ["2021-03-14T10:00"]),
    ("Date: 2003-08-28 12:13:52 seen", ["2003-08-28 12:13:52"]),
    ("Jan 5th", ["Jan 5th"]),
    ("January 5, 2021", ["January 5, 2021"]),
    ("5th of January", ["5th of January"]),
    ("Jan-05-2021", ["Jan-05-2021"]),
    ("14MAR2021", ["14MAR2021"]),
    ("22-Jul-2021", ["22-Jul-2021"]),
    ("discharge on the 3rd", ["3rd"]),
    ("Monday 3/4", ["3/4"]),
    ("Date 7/22/21: seen", ["7/22/21"]),
    ("on may 5", ["may 5"]),
    ("7/10 pain", []),
    ("pain 7/10", []),
    ("BP 120/80", []),
    ("5/5 strength", []),
    ("take 1/2 tab", []),
    ("Apgar score 8/9 at 1", []),
    ("since 2019", []),
    ("at 10:30", []),
    ("E11.9", []),
    ("SNOMED 44054006", []),
    ("you may 2 tabs", []),
    ("the 5th percentile", []),
    # short numeric shapes
    ("10/6", ["10/6"]),
    ("SEEN 10/6 IN CLINIC", ["10/6"]),
    ("8/87", ["8/87"]),
    ("born 8/87", ["8/87"]),
    ("s/p CABG x3 10/2019", ["10/2019"]),
    ("9/2/92", ["9/2/92"]),
    ("3/14/2022", ["3/14/2022"]),
    ("10/03/10/04", ["10/03", "10/04"]),  # two dates run together
    ("visits 10/03/10/04 and", ["10/03", "10/04"]),
    ("admitted 3/4-3/8", ["3/4", "3/8"]),  # a range
    ("3/4/21-3/8/21", ["3/4/21", "3/8/21"]),
    ("10.6.22", ["10.6.22"]),
    ("since 10-6", ["10-6"]),
    ("on 12-3 at clinic", ["12-3"]),
    ("10-6", ["10-6"]),  # falling, so not a range
    ("10-6.", ["10-6"]),
    ("Pt called on 10-6 re: refill.", ["10-6"]),
    ("JAN 20TH", ["JAN 20TH"]),
    ("pain since 10/6", ["10/6"]),
    ("as of 10/6", ["10/6"]),
    ("seen in clinic 1/3", ["1/3"]),
    ("on 1/2", ["1/2"]),
    ("DOB: 2/3", ["2/3"]),
    # month names, ordinals, abbreviated years, holidays
    ("Aug 10, '23", ["Aug 10, '23"]),
    ("Jan 20th '23", ["Jan 20th '23"]),
    ("jan 20th", ["jan 20th"]),
    ("AUG 10", ["AUG 10"]),
    ("March 3rd", ["March 3rd"]),
    ("March the 14th", ["March the 14th"]),
    ("came in on the 14th", ["14th"]),
    ("March 2019", ["March 2019"]),
    ("Aug '23", ["Aug '23"]),
    ("Thanksgiving 2019", ["Thanksgiving 2019"]),
    ("Christmas '21", ["Christmas '21"]),
    ("Valentine's Day 2020", ["Valentine's Day 2020"]),
    ("July 4th", ["July 4th"]),
    # fractions, doses, scores, vitals and settings
    ("5/5", []),
    ("strength 5/5", []),
    ("Motor: RUE 4/5, LUE 5/5", []),
    ("1/2", []),
    ("2/3", []),
    ("3/4", []),
    ("1/3 of the dose", []),
    ("tab 3/4", []),
    ("dose 2/3", []),
    ("3/4 tab", []),
    ("strength 1/2", []),
    ("4/5", []),
    ("2+/4", []),
    ("reflexes 2/4 bilaterally", []),
    ("4/4 pulses", []),
    ("2/6 murmur", []),
    ("grade 3/6 SEM", []),
    ("pain is 8/10", []),
    ("BP 128/74", []),
    ("120/80", []),
    ("vent 600/14/5/50%", []),
    ("ABG 7.32/45/88", []),
    ("I/O 1200/850", []),
    ("BiPAP 10/5", []),
    ("A1c 7.2", []),
    ("Gleason 3+4", []),
    ("x2", []),
    ("1:1", []),
    ("10:30", []),
    ("Norco 10/325", []),
    ("Lisinopril-HCTZ 10/12.5", []),
    ("Suboxone 8/2 mg", []),
    ("VA 20/40", []),
    ("2-3", []),
    ("last 2-3 days", []),
    ("on 2-3 L NC", []),
    ("from 10-12 years", []),
    ("10-6 pm", []),
    ("on 2-3 occasions", []),
    ("pain went from 5/10 to 2/10", []),
    ("BPP 8/8", []),
    ("1/2 NS", []),
    ("Apgars 9-8", []),
    ("2019", []),
    ("in 2019 and 2020", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_date_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    found = [text[result.start : result.end] for result in results if result.score >= REPORTED]
    assert found == expected
    assert all(result.entity_type == "DATE" for result in results)
