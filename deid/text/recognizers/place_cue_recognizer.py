"""Towns the gazetteer does not know, named right after a cue: "lives in", "moved to", "grew up in"."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from data_contracts.entities import EntityType
from deid.text._allow import ORGANISATION_WORDS, never_name_words
from deid.text.recognizers._fragments import UPPER_ANY_SCRIPT
from deid.text.recognizers._regex_recognizer import RegexRecognizer
from deid.text.recognizers._world_places import small_place_names

__all__ = ["PlaceCueRecognizer"]

_CUE = (
    r"(?i:\b(?:(?:lives?|living|lived|resides?|residing|grew[ \t]up|born|raised|based|settled|"
    r"stationed)[ \t]{1,2}(?:in|at)"
    r"|(?:moved|relocated|flew|travel(?:l?ed)?|emigrated|immigrated|trip)"
    r"(?:[ \t]{1,2}(?:back|here|there|away))?[ \t]{1,2}(?:to|from)"
    r"|arrived[ \t]{1,2}(?:at|in)"
    r"|originally[ \t]{1,2}from|native[ \t]{1,2}of|(?:home[ \t]?town|city|town|village)[ \t]{1,2}of"
    r"|home[ \t]{1,2}(?:city|town))"
    r"|\bwhere:)"
)
_LETTERS = r"[^\W\d_]"
_NAME_WORD = rf"{UPPER_ANY_SCRIPT}(?:{_LETTERS}|['\u2019-](?={_LETTERS}))*"
_CONNECTOR = r"(?:de|del|della|di|da|do|dos|das|du|des|la|le|les|sur|u|na|nad|pod)"
_PLACE = (
    rf"{_CUE}[ \t]{{1,2}}(?P<value>{_NAME_WORD}(?:[ \t-](?:{_CONNECTOR}[ \t])?{_NAME_WORD}){{0,3}})"
    r"(?![\w'\u2019-])"
)
_STOP_WORD_LIST = (
    "the a an this that his her their our my your its there here home house apartment assisted nursing "
    "facility facilities shelter jail prison rehab hospital hospice group care unit floor room ward bed "
    "january february march april may june july august september october november december monday "
    "tuesday wednesday thursday friday saturday sunday dr doctor mr mrs ms miss mx prof north south east "
    "west northern southern eastern western central downtown upstate rural town city village county "
    "state country area region"
)
_STOP_WORDS = frozenset(_STOP_WORD_LIST.split())
_CONNECTOR_WORD = re.compile(_CONNECTOR)
_WORDS = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")


class PlaceCueRecognizer(RegexRecognizer):
    """A town right after "lives in", "moved to", "grew up in", "originally from" and the like.

    Towns too small for the city recognizer's gazetteer are still named after such a
    cue. The name must be a GeoNames place of a thousand people or more, or a name that
    cannot be an English word: spelt with letters English does not use, or written in
    capitals in a text that is not. It must start with a capital letter and ends before an ordinary word
    ("lives in Assisted Living", "flew to Oslo on Monday") or a clinical term, and a
    name with an organisation word ("Mercy Hospital") is no town; in a text written all
    in capitals nothing is reported.

    Examples
    --------
    >>> text = "She grew up in Kleinmachnow and moved to Bad Tölz."
    >>> [text[r.start : r.end] for r in PlaceCueRecognizer().analyze(text, [])]
    ['Kleinmachnow', 'Bad Tölz']
    """

    ENTITY: ClassVar[EntityType] = EntityType.CITY
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (Pattern("capitalised name after a place cue", _PLACE, 0.6),)
    CONTEXT: ClassVar[tuple[str, ...]] = ("lives", "moved", "town", "city")
    PREFILTER: ClassVar[re.Pattern[str] | None] = re.compile(
        r"(?:in|to|from|at|of|:|city|town)[ \t]{1,2}[^\W\d_a-z]"
    )
    """What every cue ends in: a preposition (or "Where:") and a capital letter."""
    FLAGS: ClassVar[int] = 0
    covered_by_backstop: ClassVar[bool] = True

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Report each name after a cue, cut before its first ordinary or organisation word."""
        del entities, nlp_artifacts, regex_flags
        if text.isupper() or (self.PREFILTER is not None and self.PREFILTER.search(text) is None):
            return []
        (compiled,) = self.COMPILED
        results = []
        for match in compiled.regex.finditer(text):
            start = match.start("value")
            end = _end_before_ordinary_word(text, start, match.end("value"))
            if end is not None and _looks_like_town(text[start:end]):
                results.append(
                    self._result(compiled, match.start("value"), end, compiled.score, labelled=True)
                )
        return results


_NOT_ENGLISH = re.compile(r"[^\W\da-zA-Z_]")
_MIN_SHOUTED = 4


def _looks_like_town(name: str) -> bool:
    """A town of the gazetteer, or a name that cannot be an English word.

    That is, one spelt with letters English does not use (``Ørsta``), or written in
    capitals in a text that is not (``OBERWIL``; four letters or more, so not ``ER``).
    """
    if name in small_place_names() or name.title() in small_place_names() or _NOT_ENGLISH.search(name):
        return True
    return name.isupper() and len(name) >= _MIN_SHOUTED


def _end_before_ordinary_word(text: str, start: int, end: int) -> int | None:
    """The end of the name's last word before an ordinary or clinical word; None for an organisation."""
    words = [(word.group().lower(), word.end()) for word in _WORDS.finditer(text, start, end)]
    if any(lower in ORGANISATION_WORDS for lower, _ in words):
        return None  # "Mercy Hospital": an organisation, not a town
    never = never_name_words()
    kept = None
    for lower, word_end in words:
        if _CONNECTOR_WORD.fullmatch(lower):
            continue
        if lower in _STOP_WORDS or lower in never:
            break
        kept = word_end
    return kept
