"""Names the backstop decides by context: everyday words that are names, initials, modal names.

A name that is also an everyday word (``will``, ``rose``, ``hope``, ``bill``) is a
``PERSON`` only with a cue: a title before it (any name: ``Dr. Hall``), or for a given
name a family or care role (``wife bill``, ``daughter rose``), a verb of address
(``called hope``, ``ask for will``), a greeting or sign-off (``thanks, Rose``), a name
right after or before it, or, in mixed-case text, a capital letter in mid sentence with
no capitalised neighbour (``Civil War`` names a thing). A surname that is an everyday
word is a name when it is listed after a name (``Dale and White``).
"""

from __future__ import annotations

import re

from data_contracts.entities import EntityType
from deid.text._safelist import SafeList
from deid.text._spans import TextSpan
from deid.text.backstop._span import backstop_span

__all__ = [
    "EPONYM_AFTER",
    "MODAL_NAMES",
    "ROLE_CUES",
    "NameEdges",
    "initials_spans",
    "is_ambiguous_name",
    "is_modal_name",
    "third_person_verb",
]

_ROLE_WORDS = (
    "dr doctor mr mrs ms miss mx prof nurse rn np pa md wife husband spouse partner son daughter "
    "mother mom mum mama father dad papa brother sister bro sis aunt uncle niece nephew cousin "
    "grandson granddaughter grandma grandpa grandmother grandfather granny nana gf bf girlfriend "
    "boyfriend fiance fiancee friend neighbor neighbour caregiver aide roommate child kid baby "
    "stepson stepdaughter stepmom stepdad sil dil mil fil"
)
ROLE_CUES = frozenset(_ROLE_WORDS.split())
_TITLE_CUE = re.compile(
    r"\b(?:dr|doctor|mr|mrs|ms|miss|mx|prof)\.?\s*(?:(?:st|ste|van|von|de|del|la|le|du|o|mc|mac)[.']?\s*)?$",
    re.IGNORECASE,
)
"""A title makes the next everyday word a name (``Dr. Hall``)."""
_ROLE_CUE = re.compile(
    rf"(?:\b(?:{'|'.join(sorted(ROLE_CUES))})['\u2019]?s?|\b(?:called|named|name is|name's|ask for|asked for|"
    r"this is|it's|it is|spoke (?:with|to)|talked (?:with|to)|signed))[\s,:]*$",
    re.IGNORECASE,
)
"""A family or care role or a verb of address makes the next given name a name (``wife bill``)."""
_WEAK_CUE = re.compile(
    r"(?:\b(?:per|love|thanks|thank you|thx|sincerely|regards|cheers|from|cc|attn|with|w/|and|hi|hello|"
    r"hey|dear|for|about)|"
    r"&|^\s*-|\n\s*-?)[\s,:]*$",
    re.IGNORECASE,
)
"""Words that make the next everyday word a name only when the case agrees (``thanks, Rose``)."""
EPONYM_AFTER = re.compile(
    r"(?:['\u2019]s?)?[\s-]+(?:disease|syndrome|sign|palsy|reflex|score|scale|test|maneuver|manoeuvre|"
    r"classification|criteria|catheter|tube|procedure|operation|repair|fracture|phenomenon|"
    r"anomaly|disorder|ulcer|node|nodes|cyst|tumou?r|lymphoma|sarcoma|stain|position|method|"
    r"dz|sx|sd)\b",
    re.IGNORECASE,
)
_COORDINATED = re.compile(r"(?:[ \t]*,[ \t]*|[ \t]+(?:and|&|or)[ \t]+)$")
"""A comma or a conjunction right after a name: the next capitalised word is listed with it."""
_SENTENCE_END = frozenset(".!?\n\r:;\u2022*>|")
_CUE_WINDOW = 24


def _opens_sentence(text: str, position: int) -> bool:
    index = position - 1
    while index >= 0 and text[index] in " \t\"'([-":
        index -= 1
    return index < 0 or text[index] in _SENTENCE_END


class NameEdges:
    """Where detected names start and end, to tell whether a word stands right next to one."""

    def __init__(self) -> None:
        self.starts: set[int] = set()
        self.ends: set[int] = set()
        self.person_ends: set[int] = set()

    def add(self, start: int, end: int, *, person: bool = True) -> None:
        """Record a detection; ``person`` False for an unknown word (a name or anything else)."""
        self.starts.add(start)
        self.ends.add(end)
        if person:
            self.person_ends.add(end)

    def after(self, end: int, *, gap: int = 2) -> bool:
        """A name starts at most ``gap`` characters after ``end`` (a space, or ``. `` in ``P. Smith``)."""
        return any(end + step in self.starts for step in range(1, gap + 1))

    def ends_at(self, position: int) -> bool:
        """A name ends exactly at ``position``."""
        return position in self.ends

    def before(self, start: int, *, person: bool = False) -> bool:
        """A name (a ``person`` one if asked) ends one character before ``start`` (``Sarah P``)."""
        return start - 1 in (self.person_ends if person else self.ends)


_CAPITALISED_BEFORE = re.compile(r"[A-Z][\w'\u2019-]*[ \t]+$")
_CAPITALISED_AFTER = re.compile(r"[ \t]+[A-Z]")


def _alone_in_capitals(text: str, start: int, end: int) -> bool:
    """Whether neither neighbour word is capitalised: ``Civil War`` and ``Labor Day`` are names of things."""
    return _CAPITALISED_BEFORE.search(
        text, max(0, start - 30), start
    ) is None and not _CAPITALISED_AFTER.match(text, end)


MODAL_NAMES = frozenset({"will", "may"})
"""Given names that are also modal verbs (``son Will``, ``aunt May``)."""
_NEXT_WORD = re.compile(r"[\s,]*([^\W\d_]+)")
_CLAUSE_END_AFTER = re.compile(r"[ \t]*(?:[.;!?)]|$)")
_NOUN_BEFORE = re.compile(r"\b(?:the|a|an|his|her|my|your|their|our|its|living)[ \t]+$", re.IGNORECASE)
"""``the will``, ``living will``: the noun, not a name."""
_DETERMINERS = frozenset(
    {"the", "a", "an", "his", "her", "my", "your", "their", "our", "its", "this", "that"}
)


def third_person_verb(word: str, safe: SafeList) -> bool:
    """``requests``, ``states``, ``agrees``: a verb no modal can take (``MAY REQUESTS SW HELP``)."""
    if word in safe.base_verbs or not word.endswith("s"):
        return False
    return word[:-1] in safe.base_verbs or (word.endswith("es") and word[:-2] in safe.base_verbs)


def is_modal_name(text: str, start: int, end: int, *, mixed: bool, safe: SafeList) -> bool:
    """Whether ``will`` or ``may`` is a name rather than the modal verb.

    After a family role, unless a bare verb follows: ``son Will at bedside``, ``SON WILL
    AGREED``, ``aunt May in with HCP`` and ``my brother will.`` are names; ``son will
    call`` is the modal verb. In mixed-case text a capital decides, or the end of a clause.
    In text written in one case a determiner or a verb in ``-s`` after the word makes it
    a name anywhere, which no modal allows (``GAVE WILL THE UNIT #``, ``MAY REQUESTS SW
    HELP``), unless the word is the noun (``the will states``, ``LIVING WILL``).
    """
    word = text[start:end]
    following = _NEXT_WORD.match(text, end)
    next_word = following.group(1).lower() if following is not None else ""
    if not _ROLE_CUE.search(text[max(0, start - _CUE_WINDOW) : start]):
        if mixed or _NOUN_BEFORE.search(text, max(0, start - _CUE_WINDOW), start):
            return False
        return next_word in _DETERMINERS or third_person_verb(next_word, safe)
    if mixed and not word.isupper():
        return word[:1].isupper() or _CLAUSE_END_AFTER.match(text, end) is not None
    return following is None or next_word not in safe.base_verbs


_SIGN_OFF_BEFORE = re.compile(r"\n[ \t]*[-~\u2013\u2014]?[ \t]*$")
_SIGN_OFF_AFTER = re.compile(r"[ \t.!]*$")


def _signs_off(text: str, start: int, end: int) -> bool:
    """Whether the word between ``start`` and ``end`` stands alone on the last line of a longer text."""
    return (
        _SIGN_OFF_BEFORE.search(text, max(0, start - 8), start) is not None
        and _SIGN_OFF_AFTER.match(text, end) is not None
    )


def is_ambiguous_name(
    text: str, start: int, end: int, *, mixed: bool, names: NameEdges, given: bool, clinical: bool
) -> bool:
    """Whether an everyday word that is also a name is used as a name here (see the module docstring).

    A title before it decides for any name (``Dr. Hall``); the other cues only for a
    given name (``wife bill``, ``thanks, Rose``, ``Rose Okafor``, or alone on the last line
    of a message, where it signs it), so that surnames that are everyday words (``Good``,
    ``English``, ``Home``) stay words; and for a given name that is also a clinical word
    (``Ed``, ``Na``), only a family role.
    """
    if EPONYM_AFTER.match(text, end):
        return False
    before = text[max(0, start - _CUE_WINDOW) : start]
    if _TITLE_CUE.search(before):
        return True
    word = text[start:end]
    name_cased = mixed and word[:1].isupper() and not word.isupper()
    coordinated = _COORDINATED.search(before)
    if name_cased and coordinated is not None and names.ends_at(start - len(coordinated.group())):
        return True  # "Park and Mann", "Monjeau, Graves and Reed": listed after a name
    same_line = text[start - 1 : start] in (" ", "\t")
    if (name_cased or not mixed) and same_line and names.before(start, person=True):
        return True  # a surname right after a name: "Bartholomew Ng", "MARY WHITE"
    if not given:
        return False
    if _ROLE_CUE.search(before):
        return True
    if clinical:
        return False
    if _signs_off(text, start, end):
        return True  # "...look him up.\nmarge": a given name alone on the last line signs the message
    if name_cased and not _opens_sentence(text, start) and _alone_in_capitals(text, start, end):
        return True
    name_follows = text[end : end + 1] in (" ", "\t") and names.after(end, gap=1)
    return (name_cased or not mixed) and (_WEAK_CUE.search(before) is not None or name_follows)


_CREDENTIAL_AFTER = re.compile(
    r"[ ,]+(?:rn|md|np|pa|pa-c|lpn|lvn|cna|do|pharmd|rt|crna|msw|lcsw)\b", re.IGNORECASE
)
_INITIALS = re.compile(r"(?<![\w./-])[A-Z]{2,3}(?![\w/-])")


def initials_spans(text: str, mask: bytearray) -> list[TextSpan]:
    """Initials signing a note before a credential (``REPORT GIVEN TO KB RN``)."""
    return [
        backstop_span(match.start(), match.end(), EntityType.PERSON)
        for match in _INITIALS.finditer(text)
        if mask.find(1, match.start(), match.end()) < 0
        and _CREDENTIAL_AFTER.match(text, match.end())
        and match.group().lower() not in _CREDENTIALS
    ]


_CREDENTIALS = frozenset(["rn", "md", "np", "pa", "lpn", "lvn", "cna", "do", "rt", "crna", "msw"])
