"""The safe-list backstop: after the detectors, replace every word not known to be safe.

The detectors (patterns, name lists, record-aware matching) find what they recognise;
the backstop catches what none of them knows. For each word of a text outside the
detections:

- a *name word* (:class:`~deid.text._safelist.SafeList`) is a ``PERSON``, a *place
  word* a ``CITY``, unless an eponym head follows (``Wilson disease``,
  ``Parkinson's``... ``disease``): eponyms name diseases, not people;
- a name that is also an everyday word (``will``, ``rose``, ``hope``, ``bill``) is a
  ``PERSON`` only with a cue: a title or a family or care role before it (``wife
  bill``, ``daughter rose``), a verb of address (``called hope``, ``ask for will``), a
  name right after it or before it, or, in mixed-case text, a capital letter in mid
  sentence;
- any other word not on the safe list is ``OTHER`` (a rare surname, a street, a
  facility, a mistyped name);
- a single capital letter next to a detected name is its initial (``Sarah P.``);
- numbers: a run of five or more digits, or digit groups joined by hyphens, dots or
  spaces with seven or more digits in all, is ``OTHER`` unless a unit follows
  (``100000 units``); shorter numbers (doses, vitals, lab values) stay; a token mixing
  letters and three or more digits (``ABC1234``) is ``OTHER`` unless it is a number
  with a unit (``1200ml``).

It is a pure function of the text, the detections and the safe list, so it runs the
same in any process (or on Spark).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from data_contracts.entities import EntityType
from deid.text._cued import cued_spans
from deid.text._safelist import SafeList
from deid.text._spans import TextSpan

__all__ = ["BACKSTOP_SOURCE", "backstop_spans"]

BACKSTOP_SOURCE = "SafeListBackstop"
"""The ``source`` of every span the backstop adds (counted in the report)."""
_SCORE = 0.5

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_ALNUM = re.compile(r"(?<![\w])(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{4,}(?![\w])")
_DIGIT_CHAIN = re.compile(r"(?<![\w.,/-])\d+(?:(?:[-.]| (?=\d{3,}))\d+)*(?![\w/])")
_POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)
_UNIT_AFTER = re.compile(
    r"\s?(?:mg|mcg|g|kg|ml|l|cc|units?|u|iu|meq|mmol|cells|copies|k|/ul|/mm3|/mcl|ng|pg|mm|cm|steps|kcal|cal)\b",
    re.IGNORECASE,
)
_CODE_BEFORE = re.compile(
    r"\b(?:cpt|icd(?:-?1[01](?:-?cm)?)?|ndc|hcpcs|loinc|snomed|drg|code|codes)\s*[:#]?\s*$", re.IGNORECASE
)
"""A five-digit number after one of these is a billing or terminology code, not an identifier."""
_TIME_RANGE = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d(?:-(?:[01]\d|2[0-3])[0-5]\d)+")
_LONG_NUMBER_DIGITS = 5
_CHAIN_DIGITS = 7
_ALNUM_DIGITS = 3

_ROLE_WORDS = (
    "dr doctor mr mrs ms miss mx prof nurse rn np pa md wife husband spouse partner son daughter "
    "mother mom mum mama father dad papa brother sister bro sis aunt uncle niece nephew cousin "
    "grandson granddaughter grandma grandpa grandmother grandfather granny nana gf bf girlfriend "
    "boyfriend fiance fiancee friend neighbor neighbour caregiver aide roommate child kid baby "
    "stepson stepdaughter stepmom stepdad sil dil mil fil"
)
ROLE_CUES = frozenset(_ROLE_WORDS.split())
_TITLE_CUE = re.compile(r"\b(?:dr|doctor|mr|mrs|ms|miss|mx|prof)\.?\s*$", re.IGNORECASE)
"""A title makes the next everyday word a name (``Dr. Hall``)."""
_ROLE_CUE = re.compile(
    rf"(?:\b(?:{'|'.join(sorted(ROLE_CUES))})['\u2019]?s?|\b(?:called|named|name is|name's|ask for|asked for|"
    r"this is|it's|it is|spoke (?:with|to)|talked (?:with|to)|signed))[\s,:]*$",
    re.IGNORECASE,
)
"""A family or care role or a verb of address makes the next given name a name (``wife bill``, ``called hope``)."""
_WEAK_CUE = re.compile(
    r"(?:\b(?:per|love|thanks|thank you|thx|sincerely|regards|cheers|from|cc|attn|with|w/|and|hi|hello|hey|dear|"
    r"for|about)|"
    r"&|^\s*-|\n\s*-?)[\s,:]*$",
    re.IGNORECASE,
)
"""Words that make the next everyday word a name only when the case agrees (``thanks, Rose``)."""
_EPONYM_AFTER = re.compile(
    r"(?:['\u2019]s?)?[\s-]+(?:disease|syndrome|sign|palsy|reflex|score|scale|test|maneuver|manoeuvre|"
    r"classification|criteria|catheter|tube|procedure|operation|repair|fracture|phenomenon|"
    r"anomaly|disorder|ulcer|node|nodes|cyst|tumou?r|lymphoma|sarcoma|stain|position|method|"
    r"dz|sx|sd)\b",
    re.IGNORECASE,
)
_SENTENCE_END = frozenset(".!?\n\r:;\u2022*>|")
_CUE_WINDOW = 24


def _opens_sentence(text: str, position: int) -> bool:
    index = position - 1
    while index >= 0 and text[index] in " \t\"'([-":
        index -= 1
    return index < 0 or text[index] in _SENTENCE_END


def _covered_mask(length: int, spans: Sequence[TextSpan]) -> bytearray:
    mask = bytearray(length)
    for span in spans:
        mask[span.start : span.end] = b"\x01" * (span.end - span.start)
    return mask


def _span(start: int, end: int, entity: EntityType) -> TextSpan:
    return TextSpan(start=start, end=end, entity_type=entity, score=_SCORE, source=BACKSTOP_SOURCE)


def _mixed_case(text: str) -> bool:
    return any(char.islower() for char in text) and any(char.isupper() for char in text)


class _NameEdges:
    """Where detected names start and end, to tell whether a word stands right next to one."""

    def __init__(self) -> None:
        self.starts: set[int] = set()
        self.ends: set[int] = set()

    def add(self, start: int, end: int) -> None:
        self.starts.add(start)
        self.ends.add(end)

    def after(self, end: int, *, gap: int = 2) -> bool:
        """A name starts at most ``gap`` characters after ``end`` (a space, or ``. `` in ``P. Smith``)."""
        return any(end + step in self.starts for step in range(1, gap + 1))

    def before(self, start: int) -> bool:
        """A name ends one character before ``start`` (``Sarah P``)."""
        return start - 1 in self.ends


_CAPITALISED_BEFORE = re.compile(r"[A-Z][\w'\u2019-]*[ \t]+$")
_CAPITALISED_AFTER = re.compile(r"[ \t]+[A-Z]")


def _alone_in_capitals(text: str, start: int, end: int) -> bool:
    """Whether neither neighbour word is capitalised: ``Civil War`` and ``Labor Day`` are names of things."""
    return _CAPITALISED_BEFORE.search(text, max(0, start - 30), start) is None and not _CAPITALISED_AFTER.match(
        text, end
    )


_MODAL_NAMES = frozenset({"will", "may"})
"""Given names that are also modal verbs (``son Will``, ``aunt May``)."""
_NEXT_WORD = re.compile(r"[\s,]*([^\W\d_]+)")


def _is_modal_name(text: str, start: int, end: int, *, mixed: bool, safe: SafeList) -> bool:
    """Whether ``will`` or ``may`` right after a family role is a name: not when a bare verb follows.

    ``son Will at bedside``, ``SON WILL AGREED`` and ``aunt May in with HCP`` are names;
    ``son will call`` is the modal verb. In mixed-case text a capital decides.
    """
    if not _ROLE_CUE.search(text[max(0, start - _CUE_WINDOW) : start]):
        return False
    word = text[start:end]
    if mixed and not word.isupper():
        return word[:1].isupper()
    following = _NEXT_WORD.match(text, end)
    return following is None or following.group(1).lower() not in safe.base_verbs


def _is_ambiguous_name(
    text: str, start: int, end: int, *, mixed: bool, names: _NameEdges, given: bool, clinical: bool
) -> bool:
    """Whether an everyday word that is also a name is used as a name here (see the module docstring).

    A title before it decides for any name (``Dr. Hall``); the other cues only for a
    given name (``wife bill``, ``thanks, Rose``, ``Rose Okafor``), so that surnames that
    are everyday words (``Good``, ``English``, ``Home``) stay words; and for a given name
    that is also a clinical word (``Ed``, ``Na``), only a family role.
    """
    if _EPONYM_AFTER.match(text, end):
        return False
    before = text[max(0, start - _CUE_WINDOW) : start]
    if _TITLE_CUE.search(before):
        return True
    if not given:
        return False
    if _ROLE_CUE.search(before):
        return True
    if clinical:
        return False
    word = text[start:end]
    name_cased = mixed and word[:1].isupper() and not word.isupper()
    if name_cased and not _opens_sentence(text, start) and _alone_in_capitals(text, start, end):
        return True
    if (name_cased or not mixed) and (_WEAK_CUE.search(before) or names.after(end, gap=1)):
        return True
    return name_cased and names.before(start)


_CREDENTIAL_AFTER = re.compile(r"[ ,]+(?:rn|md|np|pa|pa-c|lpn|lvn|cna|do|pharmd|rt|crna|msw|lcsw)\b", re.IGNORECASE)
_INITIALS = re.compile(r"(?<![\w./-])[A-Z]{2,3}(?![\w/-])")


def _initials_spans(text: str, mask: bytearray) -> list[TextSpan]:
    """Initials signing a note before a credential (``REPORT GIVEN TO KB RN``)."""
    return [
        _span(match.start(), match.end(), EntityType.PERSON)
        for match in _INITIALS.finditer(text)
        if not any(mask[match.start() : match.end()])
        and _CREDENTIAL_AFTER.match(text, match.end())
        and match.group().lower() not in _CREDENTIALS
    ]


_CREDENTIALS = frozenset("rn md np pa lpn lvn cna do rt crna msw".split())


_MONTHS = (
    "january february march april june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_HOLIDAYS = "thanksgiving christmas xmas easter halloween hanukkah kwanzaa"
_CALENDAR = frozenset(f"{_MONTHS} {_HOLIDAYS} may".split())
_ABBREVIATED = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
_DATE_CUE_BEFORE = re.compile(
    r"\b(?:in|on|since|until|till|by|from|of|early|late|mid|last|next|this|before|after|around|during|"
    r"through|thru|at|over|for|every)\s*$",
    re.IGNORECASE,
)
_DATE_AFTER = re.compile(r"[\s,.'\u2019]*(?:\d|of\b)")


def _is_date_word(text: str, start: int, end: int, word: str, *, mixed: bool) -> bool:
    """Whether a month or holiday name is a date element here (``in March``, ``Thanksgiving``).

    Full month and holiday names always are; an abbreviation (``Mar``) or ``may`` needs a
    date cue before it or a number after it, and ``may`` in mixed-case text a capital.
    """
    if word not in _ABBREVIATED and word != "may":
        return True
    if word == "may" and mixed and not text[start].isupper():
        return False
    cue = _DATE_CUE_BEFORE.search(text[max(0, start - 12) : start]) is not None
    return cue or _DATE_AFTER.match(text, end) is not None


def _number_spans(text: str, mask: bytearray) -> list[TextSpan]:
    found: list[TextSpan] = []
    for match in _DIGIT_CHAIN.finditer(text):
        start, end = match.span()
        if any(mask[start:end]):
            continue
        digits = sum(char.isdigit() for char in match.group())
        single = match.group().isdigit()
        if (single and digits >= _LONG_NUMBER_DIGITS) or (not single and digits >= _CHAIN_DIGITS):
            if single and (_UNIT_AFTER.match(text, end) or _CODE_BEFORE.search(text, max(0, start - 20), start)):
                continue
            if not single and "." in match.group() and match.group().count(".") == 1:
                continue  # a decimal number
            if _TIME_RANGE.fullmatch(match.group()):
                continue  # a shift, 0700-1900
            found.append(_span(start, end, EntityType.OTHER))
    for match in _ALNUM.finditer(text):
        start, end = match.span()
        token = match.group()
        if any(mask[start:end]) or sum(char.isdigit() for char in token) < _ALNUM_DIGITS:
            continue
        if re.fullmatch(r"\d+(?:\.\d+)?[A-Za-z]{1,5}", token) is not None:
            continue  # a number with its unit (1200ml, 40mg)
        found.append(_span(start, end, EntityType.OTHER))
    return found


_CONTRACTION = re.compile(r"(?P<base>[^\W\d_]+)['\u2019](?:d|ll|re|ve|s|t|m)")


def _known_word(word: str, safe: SafeList) -> bool:
    """Whether a lower-case word is safe, as written, without its apostrophe, or as a contraction."""
    if safe.is_safe(word):
        return True
    if "'" not in word and "\u2019" not in word:
        return False
    contraction = _CONTRACTION.fullmatch(word)
    if contraction is not None and safe.is_safe(contraction.group("base")):
        return True
    return safe.is_safe(word.replace("'", "").replace("\u2019", ""))


def _overlaps(span: TextSpan, spans: Sequence[TextSpan]) -> bool:
    return any(other.start < span.end and span.start < other.end for other in spans)


_ADDRESS_TYPES = frozenset({EntityType.STREET_ADDRESS, EntityType.CITY, EntityType.ZIP})
_NAME_TYPES = frozenset({EntityType.PERSON, EntityType.OTHER, *_ADDRESS_TYPES, EntityType.FACILITY})
_CONNECTOR_GAP = re.compile(
    r"[ \t]+(?:(?:de|la|le|las|los|do|da|das|dos|des|del|della|di|du|van|von|der|den|ter|ten|op|zu|y|e|"
    r"bin|ibn|al|el|ben|bat|mac|st|ste|san|santa)[ \t]+)+",
    re.IGNORECASE,
)
"""Particles inside a name or a place (``van der``, ``de la``): PHI when PHI stands on both sides."""
_ADDRESS_GAP = re.compile(r"[ \t,]*(?:and[ \t]+)?")
_ADDRESS_PART = re.compile(
    r"(?:\d{1,6}(?:[-/]\d{1,5})?|(?:apt|unit|suite|ste|box|po|psc|fpo|apo|dpo|rm|bldg|fl|no)\.?)(?![\w])",
    re.IGNORECASE,
)
"""Numbers and unit words right next to an address (``Rua do Paseo 46``, ``unit 1009 box 0219``)."""


def glue_spans(text: str, spans: Sequence[TextSpan]) -> list[TextSpan]:
    """Spans that join detections split by name particles, and numbers that belong to an address.

    Parameters
    ----------
    text
        The text.
    spans
        Disjoint spans sorted by start (detectors and backstop merged).

    Returns
    -------
    list of TextSpan
        New spans to add (source :data:`BACKSTOP_SOURCE`).

    Examples
    --------
    >>> from deid.text._spans import TextSpan
    >>> text = "Dr. Rutger van der Berg, 12 Rua do Paseo 46"
    >>> found = [
    ...     TextSpan(start=4, end=10, entity_type=EntityType.PERSON, score=1.0, source="x"),
    ...     TextSpan(start=19, end=23, entity_type=EntityType.PERSON, score=1.0, source="x"),
    ...     TextSpan(start=25, end=40, entity_type=EntityType.STREET_ADDRESS, score=1.0, source="x"),
    ... ]
    >>> [text[s.start : s.end] for s in glue_spans(text, found)]
    [' van der ', ' 46']
    """
    added: list[TextSpan] = []
    for left, right in zip(spans, spans[1:], strict=False):
        if left.entity_type in _NAME_TYPES and right.entity_type in _NAME_TYPES:
            gap = _CONNECTOR_GAP.fullmatch(text, left.end, right.start)
            if gap is not None:
                added.append(_span(left.end, right.start, left.entity_type))
    taken = {(span.start, span.end) for span in spans}
    for span in spans:
        if span.entity_type not in _ADDRESS_TYPES:
            continue
        position = span.end
        while True:
            gap = _ADDRESS_GAP.match(text, position)
            part = _ADDRESS_PART.match(text, gap.end()) if gap is not None else None
            if part is None or any(start <= part.start() < end for start, end in taken):
                break
            added.append(_span(position, part.end(), span.entity_type))
            position = part.end()
    return added


def backstop_spans(text: str, spans: Sequence[TextSpan], safe: SafeList) -> list[TextSpan]:
    """The spans the backstop adds to ``spans``: every word and number not known to be safe.

    Parameters
    ----------
    text
        The text.
    spans
        The detectors' spans (words inside them are left alone).
    safe
        The safe list.

    Returns
    -------
    list of TextSpan
        New spans (source :data:`BACKSTOP_SOURCE`), not overlapping ``spans``.

    Examples
    --------
    >>> safe = SafeList(
    ...     safe=frozenset({"seen", "by", "wife", "at", "bedside", "will", "call", "back"}),
    ...     name_words=frozenset(),
    ...     place_words=frozenset(),
    ...     ambiguous_names=frozenset({"bill"}),
    ...     given_names=frozenset({"bill"}),
    ... )
    >>> note = "seen by kowalczyk, wife bill at bedside, will call back"
    >>> [note[s.start : s.end] for s in backstop_spans(note, [], safe)]
    ['kowalczyk', 'bill']
    """
    mask = _covered_mask(len(text), spans)
    mixed = _mixed_case(text)
    found: list[TextSpan] = []
    name_edges = _NameEdges()
    for span in spans:
        if span.entity_type is EntityType.PERSON:
            name_edges.add(span.start, span.end)
    words = [match for match in _WORD.finditer(text) if not any(mask[match.start() : match.end()])]
    pending: list[tuple[int, int]] = []
    for match in words:
        start, end = match.span()
        word = _POSSESSIVE.sub("", match.group()).lower()
        if len(word) == 1:
            continue
        if word in safe.name_words and not _EPONYM_AFTER.match(text, end):
            found.append(_span(start, end, EntityType.PERSON))
            name_edges.add(start, end)
        elif word in safe.place_words and not _EPONYM_AFTER.match(text, end):
            found.append(_span(start, end, EntityType.CITY))
        elif word in safe.ambiguous_names and word not in ROLE_CUES:
            pending.append((start, end))
        elif word in _MODAL_NAMES and _is_modal_name(text, start, end, mixed=mixed, safe=safe):
            found.append(_span(start, end, EntityType.PERSON))
            name_edges.add(start, end)
        elif word in _CALENDAR and _is_date_word(text, start, end, word, mixed=mixed):
            found.append(_span(start, end, EntityType.DATE))
        elif not _known_word(word, safe):
            found.append(_span(start, end, EntityType.OTHER))
    for start, end in pending:
        word = _POSSESSIVE.sub("", text[start:end]).lower()
        if _is_ambiguous_name(
            text,
            start,
            end,
            mixed=mixed,
            names=name_edges,
            given=word in safe.given_names,
            clinical=word in safe.clinical_names,
        ):
            found.append(_span(start, end, EntityType.PERSON))
            name_edges.add(start, end)
    for match in words:
        start, end = match.span()
        letter = match.group()
        if len(letter) != 1 or letter in "IA" or not letter.isupper():
            continue
        alone = (start == 0 or text[start - 1] in " \t\n(") and (end == len(text) or text[end] in " .,\t\n)")
        if alone and (name_edges.after(end) or name_edges.before(start)):
            found.append(_span(start, end, EntityType.PERSON))
    found.extend(_number_spans(text, mask))
    found.extend(
        span
        for span in (_span(start, end, entity) for start, end, entity in cued_spans(text))
        if not any(mask[span.start : span.end])
    )
    found.extend(span for span in _initials_spans(text, mask) if not _overlaps(span, found))
    return sorted(found, key=lambda span: (span.start, span.end))
