"""The safe-list backstop: what it replaces and what it leaves, on hand-made lists and the real one."""

from __future__ import annotations

import pytest

from data_contracts.entities import EntityType
from deid.text._safelist import SafeList, safe_list
from deid.text._spans import TextSpan
from deid.text.backstop import BACKSTOP_SOURCE, backstop_spans, glue_spans

SMALL = SafeList(
    safe=frozenset(
        " ".join(
            (
                "seen by wife at bedside call back son agreed to stay called the pt is on for a walk with",
                "gave mg tab strength in and said report given code visit dose units will may lives rua do",
                "paseo dr sarah ml plate",
            )
        ).split()
    ),
    name_words=frozenset({"patel"}),
    place_words=frozenset({"bellevue"}),
    ambiguous_names=frozenset({"bill", "hope", "hall"}),
    given_names=frozenset({"bill", "hope"}),
    base_verbs=frozenset({"call", "stay", "come"}),
)


def found(text: str, spans: list[TextSpan] | None = None, safe: SafeList = SMALL) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.entity_type.value) for s in backstop_spans(text, spans or [], safe)]


def person(text: str, part: str) -> TextSpan:
    start = text.index(part)
    return TextSpan(start=start, end=start + len(part), entity_type=EntityType.PERSON, score=1.0, source="t")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("seen by kowalczyk at bedside", [("kowalczyk", "OTHER")]),
        ("seen by patel", [("patel", "PERSON")]),
        ("pt is in bellevue", [("bellevue", "CITY")]),
        ("wife bill at bedside", [("bill", "PERSON")]),
        ("WIFE BILL AT BEDSIDE", [("BILL", "PERSON")]),
        ("called hope back", [("hope", "PERSON")]),
        ("the bill is on", []),
        ("gave hope", []),
        ("son will agreed to stay", [("will", "PERSON")]),
        ("son will call back", []),
        ("SON WILL AT BEDSIDE", [("WILL", "PERSON")]),
        ("walk in the hall", []),
        ("seen by Dr. Hall", [("Hall", "PERSON")]),
    ],
)
def test_words_by_list_and_context(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_spans_of_the_detectors_are_left_alone() -> None:
    text = "seen by kowalczyk at bedside"
    assert found(text, [person(text, "kowalczyk")]) == []


def test_an_everyday_given_name_next_to_a_detected_name_is_a_name() -> None:
    text = "seen by Hope Okafor"
    assert found(text, [person(text, "Okafor")]) == [("Hope", "PERSON")]


def test_an_initial_next_to_a_detected_name_is_part_of_it() -> None:
    text = "seen by Sarah P. at bedside"
    assert ("P", "PERSON") in found(text, [person(text, "Sarah")])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("code 99213 visit", []),
        ("dose 100000 units", []),
        ("pt is 4471902", [("4471902", "OTHER")]),
        ("call 444-12-4312 back", [("444-12-4312", "OTHER")]),
        ("report given 0700-1900", []),
        ("plate ABC1234 seen", [("ABC1234", "OTHER")]),
        ("1200ml in", []),
        ("a tab 40 mg", []),
        ("spelt w-o-j-c-i-k for me", [("w-o-j-c-i-k", "OTHER")]),
        ("7641-Office,3660170548-Fax", [("3660170548", "OTHER")]),
        ("dl number is H04-118-223", [("H04-118-223", "OTHER")]),
        ("SBP 100S-120S, NSR 80S-90S", []),
        ("spelt S.M.I.T.H. for me", [("S.M.I.T.H.", "OTHER")]),
    ],
)
def test_numbers(text: str, expected: list[tuple[str, str]]) -> None:
    assert [
        pair
        for pair in found(text)
        if any(char.isdigit() for char in pair[0]) or "-" in pair[0] or "." in pair[0]
    ] == expected


def spans_of(text: str, *parts: tuple[str, EntityType]) -> list[TextSpan]:
    spans = []
    for part, entity in parts:
        start = text.index(part)
        spans.append(TextSpan(start=start, end=start + len(part), entity_type=entity, score=1.0, source="t"))
    return spans


PERSON, OTHER, CITY, ZIP = EntityType.PERSON, EntityType.OTHER, EntityType.CITY, EntityType.ZIP


@pytest.mark.parametrize(
    ("text", "detected", "glued"),
    [
        ("user: Maja S Hermansen", [("Hermansen", OTHER)], ["Maja S "]),
        ("directed by Brad L Key and", [("Brad", PERSON)], [" L Key"]),
        ("pls call leidy t muris back", [("leidy", OTHER)], [" t muris"]),
        ("no quiere comer y está cansada", [("comer", OTHER)], []),
        ("Factor V Leiden testing", [("Leiden", PERSON)], []),
        ("Kevin Veitonen II called", [("Kevin", PERSON), ("Veitonen", OTHER)], [" II"]),
        ("Ray Boone Jr. called", [("Ray", PERSON), ("Boone", PERSON)], [" Jr."]),
        ("ulcer (Forrest III) seen", [("Forrest", PERSON)], []),
        ("moved to Lyss, mp 50662 today", [("Lyss", CITY), ("50662", ZIP)], [", mp "]),
        ("Toronto\n, ON\n 82269", [("Toronto", CITY), ("82269", ZIP)], ["\n, ON\n "]),
        ("PO Box 88, Blair NE 68008", [("Blair", CITY), ("68008", ZIP)], []),
        ("support Factset in Bjert 6091 now", [("Bjert", OTHER)], [" 6091"]),
        ("in ÖVERTURINGEN 840 24 now", [("ÖVERTURINGEN", CITY)], [" 840 24", " 840", " 24"]),
        ("Yusupova's 0500 draw", [("Yusupova", OTHER)], []),
        ("Star Trek 1968 edition", [("Trek", OTHER)], []),
        ("RATE INCR TO 1550 PER", [("INCR", OTHER)], []),
        ("Kowalczyk 1000 mg", [("Kowalczyk", OTHER)], []),
        ("The bus station is on Peter Zuidhove 188", [("Peter", PERSON), ("Zuidhove", OTHER)], [" 188"]),
        ("keep her on Xyzal 5 daily", [("Xyzal", OTHER)], []),
        ("lives at 928 Rua do Paseo 14", [("Rua do Paseo 14", EntityType.STREET_ADDRESS)], ["928 "]),
        ("called Kevin Veitonen II, and", [("Kevin Veitonen", PERSON)], [" II"]),
        ("Vivimos en South Omaha.", [("Omaha", CITY)], ["South "]),
        ("Fontenot. Lake Charles PD detective", [("Charles", PERSON)], ["Lake "]),
        ("Fontenot. Lake Smith was here", [("Smith", PERSON)], []),
        ("Seats in the new arena", [("arena", CITY)], []),
        ("my old address in sioux city after", [("sioux", CITY)], [" city"]),
        ("my sons school st cecilia needs", [("cecilia", PERSON)], ["st "]),
        ("APPT W/ KIM, S @ NORTH HILLS", [("KIM", PERSON)], [", S"]),
        ("Patient: Ignatius Pappas, 90 y.o.", [("Pappas", PERSON)], ["Ignatius "]),
        ("(93 yo). Son Mark calling", [("Mark", PERSON)], []),
        ("Court Reinstates Man in", [("Man", PERSON)], []),
        ("on the card. - b. castellano", [("castellano", PERSON)], ["b. "]),
        ("Pt yusuf al-sayed DOB", [("yusuf", PERSON)], [" al-sayed"]),
        ("coming back to riverside primary care", [("riverside", CITY)], [" primary care"]),
        ("the nurse at hawthorne elementary said", [("hawthorne", OTHER)], [" elementary"]),
        ("seen by Dr. Patel cardiology today", [("Patel", PERSON)], []),
        ("seen at Methodist Women's Hospital", [("Women's Hospital", EntityType.FACILITY)], ["Methodist "]),
        ("SEEN AT METHODIST WOMEN'S HOSPITAL", [("WOMEN'S HOSPITAL", EntityType.FACILITY)], []),
    ],
)
def test_glue_completes_names_and_address_blocks(
    text: str, detected: list[tuple[str, EntityType]], glued: list[str]
) -> None:
    found_spans = glue_spans(text, spans_of(text, *detected), safe_list())
    assert [text[s.start : s.end] for s in found_spans] == glued


def test_every_span_is_marked_as_the_backstop() -> None:
    assert {span.source for span in backstop_spans("seen by kowalczyk, 4471902", [], SMALL)} == {
        BACKSTOP_SOURCE
    }


def test_glue_joins_name_particles_and_address_numbers() -> None:
    text = "Dr. Rutger van der Berg lives at 12 Rua do Paseo 46"
    spans = [
        person(text, "Rutger"),
        person(text, "Berg"),
        TextSpan(start=33, end=48, entity_type=EntityType.STREET_ADDRESS, score=1.0, source="t"),
    ]
    assert [text[s.start : s.end] for s in glue_spans(text, spans)] == [" van der ", " 46"]


@pytest.fixture(scope="module")
def real() -> SafeList:
    return safe_list()


@pytest.mark.parametrize(
    "word",
    ["tachycardic", "afebrile", "ambulating", "nontender", "lisinopril", "furosemide", "npn", "abd", "neuro"],
)
def test_clinical_words_are_safe(real: SafeList, word: str) -> None:
    assert real.is_safe(word)


@pytest.mark.parametrize("word", ["kowalczyk", "oksana", "petrenko", "nguyen", "patel", "smith", "john"])
def test_names_are_not_safe(real: SafeList, word: str) -> None:
    assert not real.is_safe(word)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("NEURO: A+OX3, MAE. CV: NSR 80S, SBP 110S. ABD SOFT, NONTENDER. GU: FOLEY PATENT.", True),
        ("Graves disease, Bell palsy, Chaddock sign negative, Gleason 3+4.", True),
        ("Pt tachycardic to 120s, afebrile, ambulating in hall with walker.", True),
        ("seen by kowalczyk, daughter rose at bedside", False),
    ],
)
def test_the_real_safe_list_on_clinical_shorthand(real: SafeList, text: str, kept: bool) -> None:
    assert (backstop_spans(text, [], real) == []) is kept


@pytest.mark.parametrize(
    ("text", "replaced"),
    [
        ("pt moved to council bluffs last yr", ["council bluffs"]),
        ("LIVES INDEPENDENTLY IN SUN CITY, GOLFS", ["SUN CITY"]),
        ("He works for Union Pacific as a conductor.", ["Union", "Pacific"]),
        ("Founders were Monjeau, Graves and Reed.", ["Monjeau", "Graves", "Reed"]),
        ("signed by eric g. samoylova today", ["eric", "g", "samoylova"]),
        ("Hi Mrs. St. Pierre, your refill is ready.", ["Pierre"]),
        ("REPORT GIVEN TO KB RN.", ["KB"]),
        ("On the evening of 4/22 he fell.", ["4/22"]),
        ("DR PRZYBYLSKI PAGED @ 3-4490, CAME", ["PRZYBYLSKI", "3-4490"]),
        ("dob 2/19/53 if you need it to look him up.\nmarge", ["marge"]),
    ],
)
def test_the_real_safe_list_in_context(real: SafeList, text: str, replaced: list[str]) -> None:
    spans = backstop_spans(text, [], real)
    covered = " ".join(text[span.start : span.end] for span in spans)
    for part in replaced:
        assert part in covered, part


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("PT CONFIRMS. MAY REQUESTS SW HELP", ["MAY"]),
        ("GAVE WILL THE UNIT # SO HE CAN CALL", ["WILL"]),
        ("PT WILL CALL BACK", []),
        ("LIVING WILL STATES DNR", []),
        ("the will states dnr", []),
        ("This is for my brother will. He agreed", ["will"]),
        ("Will the pt need it?", []),
    ],
)
def test_modal_names(real: SafeList, text: str, names: list[str]) -> None:
    spans = backstop_spans(text, [], real)
    assert [text[s.start : s.end] for s in spans if text[s.start : s.end].lower() in ("will", "may")] == names


@pytest.mark.parametrize(
    "text",
    [
        "Hospital Course: stable. Discharged: home with family.",
        "I'm glad to hear it. You can call the main line on Monday.",
        "Pt speaks Spanish and English; Catholic chaplain visited.",
        "walk in the hall with a walker, then back to bed",
    ],
)
def test_the_real_safe_list_leaves_conventional_capitals(real: SafeList, text: str) -> None:
    assert backstop_spans(text, [], real) == []


@pytest.mark.parametrize(
    ("text", "employers"),
    [
        ("i was back stocking shelves at walmart in 6 wks", ["walmart"]),
        ("attn deb in hr at union pacific", ["union pacific"]),
        ("my job at the amazon warehouse needs a note", ["amazon"]),
        ("He drives for Hy-Vee now", ["Hy-Vee"]),
        ("Pacific union members", []),
        ("INR at target, staples removed, took an uber home", []),
    ],
)
def test_listed_employers(real: SafeList, text: str, employers: list[str]) -> None:
    spans = backstop_spans(text, [], real)
    assert [text[s.start : s.end] for s in spans if s.entity_type is EntityType.EMPLOYER] == employers
