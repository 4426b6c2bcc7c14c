"""Word lists: clinical vocabulary that must survive de-identification, and staff names.

Staff names avoid eponyms and drug names on purpose, so a detector that removes
"Parkinson" or "Foley" is wrong by construction.
"""

from __future__ import annotations

__all__ = [
    "CLINICS",
    "CONDITIONS",
    "DEVICES",
    "DRUGS",
    "DRUG_NAMES",
    "EPONYMS",
    "LAB_TESTS",
    "MONTH_ABBREVIATIONS",
    "STAFF_FIRST_NAMES",
    "STAFF_LAST_NAMES",
    "SYMPTOMS",
]

DRUG_NAMES: tuple[str, ...] = (
    "metformin",
    "lisinopril",
    "atorvastatin",
    "albuterol",
    "amoxicillin",
    "Lasix",
    "metoprolol",
    "amlodipine",
    "warfarin",
    "insulin glargine",
    "levothyroxine",
    "prednisone",
    "gabapentin",
    "omeprazole",
    "Eliquis",
    "sertraline",
)

DRUGS: tuple[str, ...] = (
    "metformin 500 mg b.i.d.",
    "lisinopril 10 mg q.d.",
    "atorvastatin 40 mg qhs",
    "albuterol 2 puffs q4h PRN",
    "amoxicillin 875 mg b.i.d. x10 days",
    "Lasix 40 mg IV b.i.d.",
    "metoprolol 25 mg, 1/2 tab b.i.d.",
    "amlodipine 5 mg daily",
    "warfarin 5 mg, INR goal 2-3",
    "insulin glargine 20 units qhs",
    "levothyroxine 75 mcg q.d.",
    "prednisone 40 mg taper",
    "gabapentin 300 mg t.i.d.",
    "omeprazole 20 mg q.d.",
    "Eliquis 5 mg b.i.d.",
    "acetaminophen 650 mg q6h PRN",
)

EPONYMS: tuple[str, ...] = (
    "Parkinson disease",
    "Alzheimer disease",
    "Crohn disease",
    "Hodgkin lymphoma",
    "Cushing syndrome",
    "Addison disease",
    "Bell palsy",
    "Graves disease",
    "Hashimoto thyroiditis",
    "Raynaud phenomenon",
)

CONDITIONS: tuple[str, ...] = (
    "COPD",
    "CHF",
    "HTN",
    "T2DM",
    "CKD stage 3",
    "afib",
    "OSA on CPAP",
    "hyperlipidemia",
    "GERD",
    "osteoarthritis",
    "CAD s/p CABG",
    "asthma",
)

SYMPTOMS: tuple[str, ...] = (
    "SOB",
    "chest pain",
    "dizziness",
    "LE edema",
    "productive cough",
    "fatigue",
    "N/V",
    "low back pain",
    "dysuria",
    "palpitations",
)

LAB_TESTS: tuple[str, ...] = ("HbA1c", "K", "Cr", "WBC", "Na", "Hgb", "INR", "glucose")

DEVICES: tuple[str, ...] = (
    "pacemaker SN ",
    "ICD serial ",
    "insulin pump S/N ",
    "CPAP serial no. ",
    "glucose monitor SN ",
)

CLINICS: tuple[str, ...] = (
    "Riverside Family Medicine",
    "Healthtrove Clinic",
    "Northside Cardiology",
    "Prairie View Health",
)

MONTH_ABBREVIATIONS: tuple[str, ...] = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)

STAFF_FIRST_NAMES: tuple[str, ...] = (
    "Karen",
    "Priya",
    "Marcus",
    "Denise",
    "Tyler",
    "Alicia",
    "Jamal",
    "Rachel",
    "Trevor",
    "Monica",
    "Luis",
    "Heather",
    "Brandon",
    "Tamika",
    "Kevin",
    "Megan",
    "Andre",
    "Stacy",
    "Omar",
    "Brittany",
)

STAFF_LAST_NAMES: tuple[str, ...] = (
    "Patel",
    "Nguyen",
    "Okafor",
    "Lindqvist",
    "Ramirez",
    "Becker",
    "Washington",
    "Kowalski",
    "Hernandez",
    "Sorensen",
    "Tanaka",
    "Dubois",
    "Mbeki",
    "Castillo",
    "Novak",
    "Fitzgerald",
    "Abernathy",
    "Yilmaz",
    "Duarte",
    "Halvorsen",
)
