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

HEAD_CASES = [
    # an organisation head word makes a capitalised run an employer or school, with no cue
    ("Pinnacle Bank called about the bill", ["Pinnacle Bank"]),
    ("Constellation Energy", ["Constellation Energy"]),
    ("Southwest Airlines", ["Southwest Airlines"]),
    ("Chevron Phillips Chemical", ["Chevron Phillips Chemical"]),
    ("Nucor Steel", ["Nucor Steel"]),
    ("Tyson Foods", ["Tyson Foods"]),
    ("Kessler Roofing & Siding", ["Kessler Roofing & Siding"]),
    ("Kiewit Construction", ["Kiewit Construction"]),
    ("Jefferson Elementary", ["Jefferson Elementary"]),
    ("Lewis and Clark Middle School", ["Lewis and Clark Middle School"]),
    ("Millard North High School", ["Millard North High School"]),
    ("Brownell Talbot Academy", ["Brownell Talbot Academy"]),
    ("son at Creighton Prep", ["Creighton Prep"]),
    ("Doane College", ["Doane College"]),
    ("Creighton University", ["Creighton University"]),
    ("Sarpy County Fire", ["Sarpy County Fire"]),
    ("Sarpy County Fire Department", ["Sarpy County Fire Department"]),
    ("Omaha Police", ["Omaha Police"]),
    ("Omaha Public Schools", ["Omaha Public Schools"]),
    ("Acme Widgets Inc.", ["Acme Widgets Inc."]),
    ("Acme Widgets LLC", ["Acme Widgets LLC"]),
    ("Kiewit Corporation", ["Kiewit Corporation"]),
    ("Werner Enterprises Corp", ["Werner Enterprises Corp"]),
    ("Omaha Paper Company", ["Omaha Paper Company"]),
    ("Omaha Paper Co.", ["Omaha Paper Co."]),
    ("Kiewit Group", ["Kiewit Group"]),
    ("Bank of America", ["Bank of America"]),
    ("University of Nebraska", ["University of Nebraska"]),
    ("CREIGHTON UNIVERSITY", ["CREIGHTON UNIVERSITY"]),
    ("SARPY COUNTY FIRE", ["SARPY COUNTY FIRE"]),
    # everyday kinds, clinical phrases, generic schools, facilities
    ("Food Bank", []),
    ("blood bank", []),
    ("Sperm Bank", []),
    ("Kitchen Fire", []),
    ("Support Group", []),
    ("Control Group", []),
    ("Bowel Prep", []),
    ("Fatty Foods", []),
    ("Avoid Fried Foods", []),
    ("Stainless Steel", []),
    ("Upper Airways", []),
    ("Reactive Airways Disease", []),
    ("Low Energy", []),
    ("Vinyl Siding", []),
    ("Mexican Restaurant", []),
    ("Insurance Company", []),
    ("State Police", []),
    ("Police Academy", []),
    ("High School", []),
    ("in high school", []),
    ("Community College", []),
    ("State University", []),
    ("creighton university", []),  # lower case needs a cue
    ("CO 5.2", []),  # cardiac output
    ("Cardiac Output (CO)", []),
    ("Creighton University Medical Center", []),  # the facility recognizer's
    ("University of Nebraska Medical Center", []),
    ("Sanford Medical Group", []),
]

CUE_CASES = [
    # the organisation after an employer cue, including single brand words and lower case
    ("works at Target", ["Target"]),
    ("pilot with SOUTHWEST", ["SOUTHWEST"]),
    ("flight attendant with Delta", ["Delta"]),
    ("works at amazon", ["amazon"]),
    ("shift at walmart tonight", ["walmart"]),
    ("cashier at walmart for two years", ["walmart"]),
    ("warehouse associate at amazon", ["amazon"]),
    ("work note for USPS", ["USPS"]),
    ("works for Union Pacific", ["Union Pacific"]),
    ("works at union pacific in the yard", ["union pacific"]),
    ("employed by Mutual of Omaha", ["Mutual of Omaha"]),
    ("works at G&M RESTAURANT", ["G&M RESTAURANT"]),
    ("laid off from Chevron Phillips Chemical in March", ["Chevron Phillips Chemical"]),
    ("laid off from union pacific", ["union pacific"]),
    ("retired from Constellation Energy", ["Constellation Energy"]),
    ("a roofer with Kessler Roofing & Siding", ["Kessler Roofing & Siding"]),
    ("student at Escuela Dual Benito Juárez", ["Escuela Dual Benito Juárez"]),
    ("teacher at st cecilia", ["st cecilia"]),
    ("teacher at St. Cecilia", ["St. Cecilia"]),
    ("on break from her shift at Hy-Vee", ["Hy-Vee"]),
    ("on break from Creighton", ["Creighton"]),
    ("his office at Mutual of Omaha", ["Mutual of Omaha"]),
    ("teller window at Pinnacle Bank", ["Pinnacle Bank"]),
    ("paramedic with Sarpy County Fire", ["Sarpy County Fire"]),
    ("FMLA paperwork for Union Pacific", ["Union Pacific"]),
    ("day off from Target", ["Target"]),
    ("works at Target on weekends", ["Target"]),
    ("works at Target for 3 years", ["Target"]),
    ("job at Walmart 2 days a week", ["Walmart"]),
    ("PILOT WITH SOUTHWEST AIRLINES", ["SOUTHWEST AIRLINES"]),
    # no name after the cue
    ("took a day off from work", []),
    ("laid off from work", []),
    ("on break from school", []),
    ("needs a break from Mom", []),
    ("shift at work", []),
    ("shift at 7am", []),
    ("his office at home", []),
    ("works at the post office", []),
    ("nurse at bedside", []),
    ("pt was the driver at fault", []),
    ("guard at door", []),
    ("a roofer with back pain", []),
    ("pilot with 20 years experience", []),
    ("paramedic with EMS", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES + HEAD_CASES + CUE_CASES)
def test_employer_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    found = [text[result.start : result.end] for result in results if result.score >= REPORTED]
    assert found == expected
    assert all(result.entity_type == "EMPLOYER" for result in results)
