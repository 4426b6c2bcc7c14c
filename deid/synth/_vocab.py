"""Clinical vocabularies: real SNOMED CT, RxNorm, LOINC and CVX codes used by Synthea.

Each entry is ``(code, description)``; tables of related codes are keyed by what they
describe so the generators stay free of literals.
"""

from __future__ import annotations

from types import MappingProxyType

Coded = tuple[str, str]

ENCOUNTER_TYPES = MappingProxyType(
    {
        "wellness_adult": ("162673000", "General examination of patient (procedure)"),
        "wellness_child": ("410620009", "Well child visit (procedure)"),
        "symptom": ("185345009", "Encounter for symptom (procedure)"),
        "check_up": ("185349003", "Encounter for check up (procedure)"),
        "problem": ("185347001", "Encounter for problem (procedure)"),
        "follow_up": ("390906007", "Follow-up encounter (procedure)"),
        "outpatient": ("371883000", "Outpatient procedure (procedure)"),
        "urgentcare": ("702927004", "Urgent care clinic (procedure)"),
        "emergency": ("50849002", "Emergency room admission (procedure)"),
        "inpatient": ("32485007", "Hospital admission (procedure)"),
    }
)

RESPIRATORY_ACUTE: tuple[Coded, ...] = (
    ("10509002", "Acute bronchitis (disorder)"),
    ("444814009", "Viral sinusitis (disorder)"),
    ("195662009", "Acute viral pharyngitis (disorder)"),
    ("233604007", "Pneumonia (disorder)"),
)
RESPIRATORY_ACUTE_SHARES = (0.35, 0.35, 0.22, 0.08)
ASTHMA: Coded = ("195967001", "Asthma (disorder)")
COPD: Coded = ("13645005", "Chronic obstructive lung disease (disorder)")
RESPIRATORY_CODES = frozenset({ASTHMA[0], COPD[0]} | {code for code, _ in RESPIRATORY_ACUTE})

CHRONIC: tuple[Coded, ...] = (
    ("59621000", "Essential hypertension (disorder)"),
    ("44054006", "Diabetes mellitus type 2 (disorder)"),
    ("55822004", "Hyperlipidemia (disorder)"),
)

BACKGROUND_REASONS: tuple[Coded, ...] = (
    ("44465007", "Sprain of ankle (disorder)"),
    ("65966004", "Fracture of forearm (disorder)"),
    ("68566005", "Urinary tract infectious disease (disorder)"),
    ("37796009", "Migraine (disorder)"),
    ("65363002", "Otitis media (disorder)"),
    ("279039007", "Low back pain (finding)"),
    ("62106007", "Concussion with no loss of consciousness (disorder)"),
    ("283371005", "Laceration of forearm (disorder)"),
)

WELLNESS_FINDINGS: tuple[Coded, ...] = (
    ("162864005", "Body mass index 30+ - obesity (finding)"),
    ("15777000", "Prediabetes (finding)"),
    ("73595000", "Stress (finding)"),
)

MEDICATIONS = MappingProxyType(
    {
        ASTHMA[0]: ("745679", "200 ACTUAT Albuterol 0.09 MG/ACTUAT Metered Dose Inhaler"),
        COPD[0]: (
            "896209",
            "60 ACTUAT Fluticasone propionate 0.25 MG/ACTUAT / salmeterol 0.05 MG/ACTUAT Dry Powder Inhaler",
        ),
        "10509002": ("313782", "Acetaminophen 325 MG Oral Tablet"),
        "444814009": ("308182", "Amoxicillin 250 MG Oral Capsule"),
        "195662009": ("834061", "Penicillin V Potassium 250 MG Oral Tablet"),
        "233604007": ("308460", "Azithromycin 250 MG Oral Tablet"),
        "59621000": ("314076", "lisinopril 10 MG Oral Tablet"),
        "44054006": ("860975", "24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet"),
        "55822004": ("312961", "Simvastatin 20 MG Oral Tablet"),
        "279039007": ("198405", "Ibuprofen 100 MG Oral Tablet"),
        "68566005": ("311989", "Nitrofurantoin 5 MG/ML Oral Suspension"),
    }
)

CAREPLANS = MappingProxyType(
    {
        ASTHMA[0]: ("699728000", "Asthma self management (procedure)"),
        COPD[0]: (
            "412776001",
            "Chronic obstructive pulmonary disease clinical management plan (record artifact)",
        ),
        "10509002": ("53950000", "Respiratory therapy (procedure)"),
        "59621000": ("443402002", "Lifestyle education regarding hypertension (procedure)"),
        "44054006": ("698360004", "Diabetes self management plan (record artifact)"),
        "55822004": ("736285004", "Hyperlipidemia clinical management plan (record artifact)"),
    }
)

VITALS: tuple[tuple[str, str, str, float, float], ...] = (
    # Each entry gives the LOINC code, description, units, adult mean and adult spread.
    ("8302-2", "Body Height", "cm", 170.0, 9.0),
    ("29463-7", "Body Weight", "kg", 82.0, 17.0),
    ("8480-6", "Systolic Blood Pressure", "mm[Hg]", 124.0, 14.0),
    ("8462-4", "Diastolic Blood Pressure", "mm[Hg]", 79.0, 9.0),
    ("8867-4", "Heart rate", "/min", 74.0, 10.0),
    ("9279-1", "Respiratory rate", "/min", 15.0, 2.0),
)
HEIGHT_CODE = "8302-2"
WEIGHT_CODE = "29463-7"
BMI: Coded = ("39156-5", "Body mass index (BMI) [Ratio]")
TOBACCO: Coded = ("72166-2", "Tobacco smoking status")
TOBACCO_VALUES = ("Never smoked tobacco (finding)", "Ex-smoker (finding)", "Smokes tobacco daily (finding)")
RESPIRATORY_OBSERVATIONS: tuple[tuple[str, str, str, float, float], ...] = (
    ("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry", "%", 95.5, 2.0),
    ("8310-5", "Body temperature", "Cel", 37.6, 0.6),
)
CHRONIC_LABS = MappingProxyType(
    {
        "59621000": ("8480-6", "Systolic Blood Pressure", "mm[Hg]", 148.0, 12.0),
        "44054006": ("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", "%", 7.6, 1.0),
        "55822004": ("2093-3", "Cholesterol [Mass/volume] in Serum or Plasma", "mg/dL", 235.0, 25.0),
    }
)

PROCEDURES = MappingProxyType(
    {
        "wellness": ("430193006", "Medication reconciliation (procedure)"),
        "screening": ("171207006", "Depression screening (procedure)"),
        "spirometry": ("127783003", "Spirometry (procedure)"),
        "chest_xray": ("399208008", "Plain chest X-ray (procedure)"),
        "immobilization": ("274474001", "Bone immobilization (procedure)"),
        "suture": ("288086009", "Suture open wound (procedure)"),
    }
)

IMMUNIZATIONS = MappingProxyType(
    {
        "flu": ("140", "Influenza  seasonal  injectable  preservative free"),
        "covid": (
            "208",
            "SARS-COV-2 (COVID-19) vaccine  mRNA  spike protein  LNP  preservative free  30 mcg/0.3mL dose",
        ),
        "td": ("113", "Td (adult) preservative free"),
        "dtap": ("20", "DTaP"),
        "ipv": ("10", "IPV"),
        "mmr": ("03", "MMR"),
        "hep_b": ("08", "Hep B  adolescent or pediatric"),
    }
)

ALLERGIES: tuple[tuple[str, str, str, str], ...] = (
    # Each entry gives the code, its description, the allergy type and its category.
    ("91935009", "Allergy to peanuts (disorder)", "allergy", "food"),
    ("300913006", "Shellfish allergy (disorder)", "allergy", "food"),
    ("232347008", "Dander (animal) allergy (disorder)", "allergy", "environment"),
    ("232350006", "House dust mite allergy (disorder)", "allergy", "environment"),
    ("418689008", "Allergy to grass pollen (disorder)", "allergy", "environment"),
    ("294505008", "Allergy to amoxicillin (disorder)", "allergy", "medication"),
    ("714035009", "Allergy to soya (disorder)", "intolerance", "food"),
)
ALLERGY_REACTIONS: tuple[Coded, ...] = (
    ("247472004", "Wheal (finding)"),
    ("271807003", "Eruption of skin (disorder)"),
    ("878820003", "Rhinoconjunctivitis (disorder)"),
    ("39579001", "Anaphylaxis (disorder)"),
)
SEVERITIES = ("MILD", "MODERATE", "SEVERE")
