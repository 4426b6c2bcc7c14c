from __future__ import annotations

import pytest

from data_contracts.entities import EntityType
from deid.text._allow import ALLOW_LIST_VERSIONS, WordList, filter_allowed, is_allowed
from deid.text._spans import TextSpan


def _span(text: str, covered: str, entity: EntityType, source: str = "ner") -> TextSpan:
    start = text.index(covered)
    return TextSpan(start=start, end=start + len(covered), entity_type=entity, score=0.8, source=source)


CASES = [
    ("Hx Parkinson disease", "Parkinson", EntityType.PERSON, True),
    ("Bell's palsy resolved", "Bell's", EntityType.PERSON, True),
    ("Continue Lisinopril daily", "Lisinopril", EntityType.PERSON, True),
    ("Apgar 9 at birth", "Apgar", EntityType.PERSON, True),
    ("Check BUN and INR", "INR", EntityType.PERSON, True),
    ("RT eval today, OT tomorrow", "RT", EntityType.PERSON, True),  # therapy abbreviations
    ("Hope you feel better", "Hope", EntityType.PERSON, True),
    ("started in 2019", "2019", EntityType.DATE, True),
    ("a 67 year old", "67 year old", EntityType.AGE_OVER_89, True),
    ("call Patient Services today", "Patient Services", EntityType.PERSON, True),  # organisation
    ("call Patient Services today", "Services", EntityType.PERSON, True),  # run ends in one
    ("f/u with Family Medicine", "Family Medicine", EntityType.PERSON, True),  # a department
    ("Reply C to confirm", "Reply C", EntityType.PERSON, True),  # a message imperative
    ("moved here from Nebraska", "Nebraska", EntityType.CITY, True),  # a US state
    ("lives in Omaha, NE", "NE", EntityType.CITY, True),  # a state code
    ("flew in from the Netherlands", "the Netherlands", EntityType.CITY, True),  # a country
    ("travel to South America", "South America", EntityType.CITY, True),  # a continent
    # kept
    ("seen by Dr. Parkinson", "Parkinson", EntityType.PERSON, False),
    ("daughter Hope called", "Hope", EntityType.PERSON, False),
    ("Mary Smith called", "Mary Smith", EntityType.PERSON, False),
    ("Quarrow Vale called the clinic", "Quarrow Vale", EntityType.PERSON, False),  # lower-case after
    # a named health-care facility is PHI: its organisation words do not hide it
    ("billed by Quarrow Vale Health", "Quarrow Vale", EntityType.PERSON, False),
    ("seen at Mercy Hospital", "Mercy", EntityType.PERSON, False),
    ("f/u at Northside Cardiology", "Northside", EntityType.PERSON, False),  # a named practice
    ("resides at Hillcrest Nursing Home", "Hillcrest", EntityType.PERSON, False),
    ("lives in Omaha, NE", "Omaha", EntityType.CITY, False),  # a city is PHI
    ("moved from New York", "New York", EntityType.CITY, False),  # as often the city: kept
    ("seen 3/4/2019", "3/4/2019", EntityType.DATE, False),
    ("a 93 year old", "93 year old", EntityType.AGE_OVER_89, False),
    ("call 402-644-5297", "402-644-5297", EntityType.PHONE, False),
]


@pytest.mark.parametrize(("text", "covered", "entity", "allowed"), CASES)
def test_is_allowed(text: str, covered: str, entity: EntityType, allowed: bool) -> None:
    assert is_allowed(text, _span(text, covered, entity)) is allowed


def test_known_phi_is_never_dropped() -> None:
    text = "Hope called"
    assert not is_allowed(text, _span(text, "Hope", EntityType.PERSON, source="KnownPhiRecognizer"))


def test_filter_keeps_order_of_kept_spans() -> None:
    text = "Amy on Lisinopril, Ann"
    spans = [_span(text, word, EntityType.PERSON) for word in ("Amy", "Lisinopril", "Ann")]
    assert [text[s.start : s.end] for s in filter_allowed(text, spans)] == ["Amy", "Ann"]


def test_every_list_has_a_version_and_words() -> None:
    assert set(ALLOW_LIST_VERSIONS) >= {
        "clinical_terms",
        "eponyms",
        "drug_names",
        "lab_unit_abbreviations",
        "regions",
    }
    for name in ALLOW_LIST_VERSIONS:
        word_list = WordList.load(name)
        assert word_list.version
        assert word_list.words
        assert all(word == word.lower() for word in word_list.words)
