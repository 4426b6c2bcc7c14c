"""Table-driven tests of the recognizer: exact spans reported (score >= 0.5), look-alikes ignored."""

from __future__ import annotations

import pytest

from deid.text.recognizers.facility_recognizer import FacilityRecognizer

REPORTED = 0.5
RECOGNIZER = FacilityRecognizer()

CASES = [
    ("states pt has an appt at holy cross sleep lab", ["holy cross"]),
    ("we had good times at good times", []),
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

NEW_HEAD_CASES = [
    # institutes, specialists, kidney and surgery centers, treatment, retirement homes, pharmacies
    ("f/u at Nebraska Heart Institute", ["Nebraska Heart Institute"]),
    ("Dana-Farber Cancer Institute", ["Dana-Farber Cancer Institute"]),
    ("Florida Cancer Specialists", ["Florida Cancer Specialists"]),
    ("Midlands Dialysis", ["Midlands Dialysis"]),
    ("Fresenius Kidney Care", ["Fresenius Kidney Care"]),
    ("Creighton Endoscopy Center", ["Creighton Endoscopy Center"]),
    ("Lakeside Surgery Center", ["Lakeside Surgery Center"]),
    ("Valley Hope Recovery Center", ["Valley Hope Recovery Center"]),
    ("Heartland Addiction Treatment", ["Heartland Addiction Treatment"]),
    ("Omaha Treatment Center", ["Omaha Treatment Center"]),
    ("Immanuel Retirement Community", ["Immanuel Retirement Community"]),
    ("Lakeview Retirement Village", ["Lakeview Retirement Village"]),
    ("Brookdale Gardens", ["Brookdale Gardens"]),
    ("Kohll's Apothecary", ["Kohll's Apothecary"]),
    ("Kohll's Drug", ["Kohll's Drug"]),
    ("Bartell Drugs", ["Bartell Drugs"]),
    ("Shady Grove Primary Care", ["Shady Grove Primary Care"]),
    ("Neighborhood Family Practice", ["Neighborhood Family Practice"]),
    ("North Hills Ortho", ["North Hills Ortho"]),
    ("Select Specialty", ["Select Specialty"]),
    ("Hillcrest Health & Rehab", ["Hillcrest Health & Rehab"]),
    ("Hillcrest Health & Rehabilitation Center", ["Hillcrest Health & Rehabilitation Center"]),
    ("Hillcrest Health and Rehabilitation", ["Hillcrest Health and Rehabilitation"]),
    # Regional and General after a place or a name
    ("admitted to Grand Island Regional", ["Grand Island Regional"]),
    ("transferred from Lowell General last night", ["Lowell General"]),
    ("Mass General", ["Mass General"]),
    ("Bryan Regional Medical Center", ["Bryan Regional Medical Center"]),
    # Village after a cue, Center after a care cue
    ("moved from oak crest village last year", ["oak crest village"]),
    ("lives at Oak Crest Village", ["Oak Crest Village"]),
    ("hospice at Gilchrist Center", ["Gilchrist Center"]),
    # a place right after the name belongs to it
    ("UCSF Mission Bay", ["UCSF Mission Bay"]),
    ("hospice at Gilchrist Center Towson", ["Gilchrist Center Towson"]),
    ("transferred to Houston Methodist Sugar Land", ["Houston Methodist Sugar Land"]),
    ("Fresenius Kidney Care Cedar-Riverside", ["Fresenius Kidney Care Cedar-Riverside"]),
    ("Methodist Hospital Omaha NE", ["Methodist Hospital Omaha"]),
    ("METHODIST HOSPITAL OMAHA NE", ["METHODIST HOSPITAL OMAHA"]),
    ("Mass General Brigham", ["Mass General Brigham"]),
    ("Mercy Hospital Dodge St", ["Mercy Hospital"]),  # a street, not the name
    ("Methodist Hospital Kathy called", ["Methodist Hospital"]),  # a given name
    ("Mercy Hospital Social Work consulted", ["Mercy Hospital"]),
    # chains as the place of care, after a cue
    ("picked up at the CVS", ["CVS"]),
    ("picked up at the cvs", ["cvs"]),
    ("Rx to Walgreens", ["Walgreens"]),
    ("filled at the Hy-Vee pharmacy", ["Hy-Vee pharmacy"]),
    ("dialysis at Fresenius", ["Fresenius"]),
    ("discharged to DaVita", ["DaVita"]),
    ("discharged to Encompass", ["Encompass"]),
    ("discharged to encompass", ["encompass"]),
    ("discharged to Kindred", ["Kindred"]),
    ("moved to Brookdale", ["Brookdale"]),
    ("transferred to Select Specialty", ["Select Specialty"]),
    ("seen at Banner", ["Banner"]),
    ("went to the Banner ER", ["Banner"]),
    ("care at Kaiser", ["Kaiser"]),
    # upper case
    ("NEBRASKA HEART INSTITUTE", ["NEBRASKA HEART INSTITUTE"]),
    ("FRESENIUS KIDNEY CARE", ["FRESENIUS KIDNEY CARE"]),
    ("SHADY GROVE PRIMARY CARE", ["SHADY GROVE PRIMARY CARE"]),
    ("HILLCREST HEALTH & REHAB", ["HILLCREST HEALTH & REHAB"]),
    ("KOHLL'S DRUG", ["KOHLL'S DRUG"]),
    ("TRANSFERRED FROM LOWELL GENERAL", ["LOWELL GENERAL"]),
    ("PICKED UP AT THE CVS", ["CVS"]),
    # lower case, after a cue
    ("seen at riverside primary care", ["riverside primary care"]),
    ("seen at nebraska heart institute", ["nebraska heart institute"]),
    ("pt has dialysis at fresenius kidney care on mwf", ["fresenius kidney care"]),
    # generic phrases and look-alikes
    ("Heart Institute", []),
    ("seen at the Heart Institute", []),
    ("Institute of Medicine report", []),
    ("see specialists", []),
    ("Infectious Disease Specialists", []),
    ("consult general surgery", []),
    ("in general she is well", []),
    ("IN GENERAL SHE IS WELL", []),
    ("GENERAL SURGERY CONSULTED", []),
    ("General Medicine", []),
    ("General appearance: well", []),
    ("ROS: General: negative", []),
    ("Physical Exam General: NAD", []),
    ("Attorney General", []),
    ("Regional anesthesia", []),
    ("Regional Medical Center", []),
    ("Peritoneal Dialysis", []),
    ("Dialysis: MWF", []),
    ("Kidney Care", []),
    ("Endoscopy Center", []),
    ("Recovery Center", []),
    ("the Treatment Center", []),
    ("Addiction Treatment", []),
    ("grew up in Greenwich Village", []),  # a neighbourhood, after "in"
    ("the Village", []),
    ("the Kellogg Center downtown", []),  # Center needs a care cue
    ("Illicit Drugs: denies", []),
    ("denies illicit drugs", []),
    ("Prescription Drugs", []),
    ("Drug Screen negative", []),
    ("Establish Primary Care", []),
    ("Peds Ortho", []),
    ("Ortho Evra", []),
    ("Surgical Specialty", []),
    ("Health & Rehab", []),
    ("Walgreens", []),  # a chain needs a cue
    ("Kindred", []),
    ("to encompass everything", []),  # the verb
    ("CVS: RRR", []),  # cardiovascular system
]

BARE_NAME_CASES = [
    # one capitalised word, or one in capitals, after a care cue
    ("admitted to Midlands for CHF", ["Midlands"]),
    ("transferred from Suburban yesterday", ["Suburban"]),
    ("hospice at Pathways", ["Pathways"]),
    ("ADMITTED TO HEARTLANDS FOR CP", ["HEARTLANDS"]),
    ("care at Creighton", ["Creighton"]),  # a town too, but "at" is no move
    ("had her knee replaced at Midlands in 2019", ["Midlands"]),
    ("therapy at Madonna", ["Madonna"]),
    ("followed at Pathways", ["Pathways"]),
    ("go to Midlands or Bergan ER", ["Midlands", "Bergan"]),
    ("go to the Methodist ER", ["Methodist"]),
    ("seen at Bryan West", ["Bryan West"]),
    # departments, wards, common words, calendar words, clinical shorthand, towns
    ("go to the ER", []),
    ("go to ER or Urgent Care", []),
    ("went to Kearney ER", []),  # a town
    ("admitted to Telemetry", []),
    ("ADMITTED TO TELEMETRY", []),
    ("admitted to Tele", []),
    ("admitted to Cards", []),
    ("admitted to Step Down", []),
    ("admitted to Labor and Delivery", []),
    ("admitted to L&D", []),
    ("transferred to PCU", []),
    ("transferred to Skilled Nursing", []),
    ("SEEN AT BEDSIDE", []),
    ("seen at PT", []),
    ("seen at Noon", []),
    ("seen at Lincoln", []),  # an everyday word
    ("admitted to Monday", []),
    ("care at Home", []),
    ("care at Home Instead", []),
    ("discharged to Shelter", []),
    ("discharged to Home Health", []),
    ("replaced at Age 60", []),
    ("seen at Dr Smith office", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES + NEW_HEAD_CASES + BARE_NAME_CASES)
def test_facility_reports_exact_spans(text: str, expected: list[str]) -> None:
    results = sorted(RECOGNIZER.analyze(text, []), key=lambda result: result.start)
    found = [text[result.start : result.end] for result in results if result.score >= REPORTED]
    assert found == expected
    assert all(result.entity_type == "FACILITY" for result in results)


def test_facility_skips_text_with_no_anchor() -> None:
    assert RECOGNIZER.analyze("pt resting comfortably, vitals stable", []) == []
