"""Table-driven tests of the recognizer: exact spans reported (score >= 0.5), look-alikes ignored."""

from __future__ import annotations

import pytest

from deid.text.recognizers.facility_recognizer import FacilityRecognizer

REPORTED = 0.5
RECOGNIZER = FacilityRecognizer()

CASES = [
    # a naming word and a head word, mixed case
    ("Seen at Methodist Hospital yesterday", ["Methodist Hospital"]),
    ("Mercy Hospital ED called", ["Mercy Hospital"]),
    ("UCSF Medical Center", ["UCSF Medical Center"]),
    ("St Vincent's Medical Center", ["St Vincent's Medical Center"]),
    ("admitted to Frederick Memorial", ["Frederick Memorial"]),
    ("Brigham and Women's Hospital", ["Brigham and Women's Hospital"]),
    ("Sacred Heart Hospital", ["Sacred Heart Hospital"]),
    ("f/u Nebraska Medicine", ["Nebraska Medicine"]),
    ("Westside Family Clinic", ["Westside Family Clinic"]),
    ("moved into Sunrise Assisted Living", ["Sunrise Assisted Living"]),
    ("resides at Hillcrest Nursing Home", ["Hillcrest Nursing Home"]),
    ("Rx sent to CVS Pharmacy", ["CVS Pharmacy"]),
    ("VA Medical Center", ["VA Medical Center"]),
    ("Mercy Hospital of Omaha", ["Mercy Hospital of Omaha"]),
    ("Children's Hospital of Philadelphia", ["Children's Hospital of Philadelphia"]),
    ("Hospice of the Valley", ["Hospice of the Valley"]),
    ("Mayo Clinic Health System", ["Mayo Clinic Health System"]),
    ("Our Lady of Lourdes Hospital", ["Our Lady of Lourdes Hospital"]),
    ("Methodist Hospital's ER", ["Methodist Hospital"]),
    ("F/u with Family Medicine and Mercy Hospital", ["Mercy Hospital"]),  # the department is not named
    ("I called the Methodist hospital", ["Methodist hospital"]),
    # saints, mountains, devotional names, well-known names
    ("Transferred from St. Vincent's to Methodist Hospital", ["St. Vincent's", "Methodist Hospital"]),
    ("pt going to Mt. Sinai next week", ["Mt. Sinai"]),
    ("Mount Sinai", ["Mount Sinai"]),
    ("St. Mary's", ["St. Mary's"]),
    ("transferred to St. Joseph", ["St. Joseph"]),  # a town too, but after a facility cue
    ("transferred to Holy Cross", ["Holy Cross"]),
    ("from Good Samaritan", ["Good Samaritan"]),
    ("admitted to Our Lady of Lourdes", ["Our Lady of Lourdes"]),
    ("Johns Hopkins", ["Johns Hopkins"]),
    ("Brigham and Women's", ["Brigham and Women's"]),
    ("Beth Israel Deaconess", ["Beth Israel Deaconess"]),
    ("NYU Langone", ["NYU Langone"]),
    ("transferred to Methodist for cath", ["Methodist"]),  # no head word, but a facility cue
    # abbreviations
    ("VAMC", ["VAMC"]),
    ("seen at the VA", ["VA"]),
    ("GBMC MGH BIDMC UCSF UPMC", ["GBMC", "MGH", "BIDMC", "UCSF", "UPMC"]),
    ("BWH JHH UMMC SGH", ["BWH", "JHH", "UMMC", "SGH"]),
    ("seen at CHOP", ["CHOP"]),
    # upper case
    ("SEEN AT METHODIST HOSPITAL", ["METHODIST HOSPITAL"]),
    ("PT TRANSFERRED FROM BRYAN WEST MEDICAL CENTER", ["BRYAN WEST MEDICAL CENTER"]),
    ("HILLCREST NURSING HOME", ["HILLCREST NURSING HOME"]),
    ("ADMITTED TO HOLY CROSS", ["HOLY CROSS"]),
    ("ST. VINCENT'S", ["ST. VINCENT'S"]),
    # lower case, after a cue
    ("transferred to methodist hospital", ["methodist hospital"]),
    ("seen at bryan west medical center today", ["bryan west medical center"]),
    ("seen at st. vincent's", ["st. vincent's"]),
    ("seen at johns hopkins", ["johns hopkins"]),
    ("went to mgh", ["mgh"]),
    # generic phrases, departments and look-alikes
    ("the hospital", []),
    ("went to the hospital", []),
    ("Cardiology Clinic", []),
    ("seen in cardiology clinic", []),
    ("the ER", []),
    ("rehab", []),
    ("nursing home", []),
    ("Family Medicine", []),
    ("Internal Medicine", []),
    ("Emergency Department", []),
    ("Primary Care", []),
    ("Urgent Care", []),
    ("GI Clinic", []),
    ("Coumadin Clinic", []),
    ("Walk-In Clinic", []),
    ("Mental Health", []),
    ("Patient Health Questionnaire", []),
    ("University Medical Center", []),
    ("Brief Hospital Course:", []),
    ("BRIEF HOSPITAL COURSE", []),
    ("Hospital-acquired pneumonia", []),
    ("Memorial Day weekend", []),
    ("Take medicine daily", []),
    ("call your pharmacy", []),
    ("Discharge Pharmacy", []),
    ("Holy Cross", []),  # no cue: as often the religious symbol
    ("a Good Samaritan stopped", []),
    ("at his clinic", []),
    ("at outside hospital", []),
    ("from OSH", []),
    ("admitted to Medicine", []),
    ("transferred to ICU", []),
    ("discharged to SNF", []),
    ("transferred to Omaha", []),  # a town
    ("moved to St. Louis", []),
    ("St. Patrick's Day", []),
    ("St. John's wort", []),
    ("12 Main St. Apt 4", []),
    ("lives at 12 St. Paul St", []),
    ("PT, OT, ST EVAL TODAY", []),
    ("PMH: HTN. FH: none. SH: smoker", []),
    ("TSH normal, LDH high, BPH", []),
    ("Richmond, VA 23220", []),
    ("VA 20/40 OD", []),
    ("switched to CHOP", []),  # the chemotherapy regimen
    ("R-CHOP x6", []),
    ("johns hopkins", []),  # lower case needs a cue
    ("WITH BOTH EACH HIGH", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_facility_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    found = [text[result.start : result.end] for result in results if result.score >= REPORTED]
    assert found == expected
    assert all(result.entity_type == "FACILITY" for result in results)


def test_facility_skips_text_with_no_anchor() -> None:
    assert RECOGNIZER.analyze("pt resting comfortably, vitals stable", []) == []
