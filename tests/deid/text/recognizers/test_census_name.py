from __future__ import annotations

import pytest

from deid.text.recognizers.census_name import CensusNameRecognizer
from tests.deid.text.recognizers._names import found_names

CASES = [
    ("Molly Villa called today", ["Molly Villa"]),
    ("Seen with MARY SMITH at 10:00", ["MARY SMITH"]),
    ("SMITH, MARY resting", ["SMITH, MARY"]),
    ("Villa, Molly is a 54 yo", ["Villa, Molly"]),
    ("spoke w/ mary smith re bill", ["mary smith"]),
    ("Mary Ann Smith called", ["Mary Ann Smith"]),
    ("Mary A. Smith called", ["Mary A. Smith"]),
    ("follow up with kevin a morales in a month", ["kevin a morales"]),
    ("what is Trump's plan and Hope's view", ["Trump", "Hope"]),  # possessive: even everyday words
    ("Aristóteles spent a year with Szôllôssy's team", ["Aristóteles", "Szôllôssy"]),  # foreign letters
    ("please call Hailey tomorrow", ["Hailey"]),
    ("Café visit with José García", ["José García"]),
    ("sent to the pharmacy. Cheryl Allen will call", ["Cheryl Allen"]),
    ("Tony May would like to see you", ["Tony May"]),
    # international names (Faker's locales) and a plain given name before an unlisted surname
    ("referred by Zoltán Iwańczyk today", ["Zoltán Iwańczyk"]),
    ("seen with JELENA DZIENIS at noon", ["JELENA DZIENIS"]),
    ("seen with Zoltán Quorvath at noon", ["Zoltán Quorvath"]),
    ("call Hailey Zyxwert tomorrow", ["Hailey Zyxwert"]),
    # negatives: eponyms, drugs, clinical words, everyday words, ALL-CAPS clinical text
    ("Hx Parkinson disease and Crohn colitis, Hodgkin lymphoma", []),
    ("Continue Lisinopril and Metformin", []),
    ("Glasgow Coma Scale 15, Babinski sign negative", []),
    ("Will Hunt for the Brown bag, Grant Hope", []),
    ("PT RESTING IN BED, FOLEY CATHETER DRAINING CLEAR YELLOW URINE", []),
    ("Hailey called", []),
    ("the Bell palsy resolved", []),
    ("Hx Foley May help", []),
    ("Hailey Clinic opens at nine", []),
    ("see this Hailey post and the Hailey rule", []),  # after a determiner: a thing
    ("call on Friday or in May", []),  # an organisation word is no surname
    ("Will Fixate the graft", []),  # a given name that is an everyday word needs a listed surname
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_census_names(text: str, expected: list[str]) -> None:
    assert found_names(CensusNameRecognizer(), text) == expected


def test_offsets_are_characters_after_non_ascii_text() -> None:
    text = "über ☃ — Molly Villa"
    [result] = CensusNameRecognizer().analyze(text, ["PERSON"])
    assert text[result.start : result.end] == "Molly Villa"


def test_other_entities_are_not_served() -> None:
    assert CensusNameRecognizer().analyze("Molly Villa", ["PHONE"]) == []
