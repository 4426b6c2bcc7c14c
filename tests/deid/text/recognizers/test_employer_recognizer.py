"""Table-driven tests of the recognizer: exact spans reported (score >= 0.5), look-alikes ignored."""

from __future__ import annotations

import pytest

from deid.text.recognizers.employer_recognizer import EmployerRecognizer

REPORTED = 0.5
RECOGNIZER = EmployerRecognizer()

CASES = [
    # capitalised runs and acronyms, mixed case
    ("Works at Union Pacific as a conductor", ["Union Pacific"]),
    ("works at Tyson Foods since 2010", ["Tyson Foods"]),
    ("employed by Mutual of Omaha", ["Mutual of Omaha"]),
    ("Employer: Union Pacific", ["Union Pacific"]),
    ("Employer - Tyson", ["Tyson"]),
    ("retired from Union Pacific in 2015", ["Union Pacific"]),
    ("I work at Walmart", ["Walmart"]),
    ("back to work at Walmart, light duty", ["Walmart"]),
    ("works at Walmart Monday through Friday", ["Walmart"]),
    ("works part time at Target", ["Target"]),
    ("works nights at Bryan Health", ["Bryan Health"]),
    ("works at the Omaha World-Herald", ["Omaha World-Herald"]),
    ("works at Procter & Gamble", ["Procter & Gamble"]),
    ("job at Hy-Vee.", ["Hy-Vee"]),
    ("works at McDonald's", ["McDonald's"]),
    ("works for UPS", ["UPS"]),
    ("works for the VA", ["VA"]),
    ("student at UNO", ["UNO"]),
    ("teacher at Lincoln High School", ["Lincoln High School"]),
    ("attends Creighton University", ["Creighton University"]),
    ("studies at Doane College", ["Doane College"]),
    ("teaches at Millard North", ["Millard North"]),
    ("works as a nurse at Methodist Hospital", ["Methodist Hospital"]),
    # upper case
    ("WORKS AT UNION PACIFIC AS A CONDUCTOR", ["UNION PACIFIC"]),
    ("EMPLOYED BY CONAGRA SINCE 2010", ["CONAGRA"]),
    # lower case, after a strong cue
    ("wife employed by conagra since 2010", ["conagra"]),
    ("employer: conagra", ["conagra"]),
    ("works at first national bank downtown", ["first national bank"]),
    ("works at walmart in the deli", ["walmart"]),
    ("im at work at hyvee rn", ["hyvee"]),
    ("works at home depot", ["home depot"]),
    # no name after the cue
    ("Employer: Self", []),
    ("Employer: N/A", []),
    ("employer is unknown", []),
    ("retired from teaching", []),
    ("retired from the railroad", []),
    ("works at home", []),
    ("WORKS AT HOME", []),
    ("works at night", []),
    ("works at least 40 hrs", []),
    ("works at a bank", []),
    ("works at the hospital", []),
    ("return to work at light duty", []),
    ("works for himself", []),
    ("working at it", []),
    ("attends AA meetings", []),
    ("attends church weekly", []),
    ("attends Physical Therapy", []),
    ("Tylenol works for pain", []),  # lower case after "works for": no name
    ("works for Dr. Smith", []),  # a person, for the name recognizers
    ("lives at Union Pacific apartments", []),  # no employer cue
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_employer_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    found = [text[result.start : result.end] for result in results if result.score >= REPORTED]
    assert found == expected
    assert all(result.entity_type == "EMPLOYER" for result in results)
