"""A person's employer or school, named right after "works at", "employed by", "student at"."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from data_contracts.entities import EntityType
from deid.text._allow import never_name_words
from deid.text.recognizers._cue_scan import lowered, prefix_pattern, word_starts
from deid.text.recognizers._facility_words import GENERIC_WORDS
from deid.text.recognizers._regex_recognizer import RegexRecognizer

__all__ = ["EmployerRecognizer"]

_SCHEDULE = (
    r"(?:[ \t]{1,2}(?:part|full)[ \t-]?time|[ \t]{1,2}(?:nights|days|weekends|evenings|now|currently|still))?"
)
"""Words that may sit between "works" and its "at" ("works part time at Target")."""
_LOWER_CASE_CUES = (
    rf"(?:works?|working|worked){_SCHEDULE}[ \t]{{1,2}}at"
    r"|employed[ \t]{1,2}(?:at|by|with)|(?:job|position|career)[ \t]{1,2}(?:at|with)"
    r"|employer(?:[ \t]{1,2}is|[ \t]*[:=-])|"
    r"retired[ \t]{1,2}from|(?:student|teacher|professor|instructor|freshman|sophomore|junior|senior|"
    r"enrolled)[ \t]{1,2}(?:at|in)"
)
"""Cues strong enough for a name written in lower case ("works at conagra")."""
_CAPITALISED_CUES = (
    rf"(?:works?|working|worked){_SCHEDULE}[ \t]{{1,2}}for|employer|attends|studies[ \t]{{1,2}}at|"
    r"teaches[ \t]{1,2}at|(?:works|worked|working)[ \t]{1,2}as[ \t]{1,2}(?:a|an)[ \t]{1,2}[a-z]+"
    r"(?:[ \t]{1,2}[a-z]+)?[ \t]{1,2}(?:at|for)"
)
"""Cues that need the name capitalised ("works for" also says what a drug works for)."""
_CUE_START_LIST = (
    "work employ job position career retired student teacher professor instructor freshman sophomore "
    "junior senior enrolled attends studies teaches"
)
_CUE_STARTS = prefix_pattern(_CUE_START_LIST.split())
"""The first letters of every cue, in lower case: where the employer pattern is tried."""
_LETTERS = r"[A-Za-z][A-Za-z0-9'\u2019&.-]*(?<![.'\u2019-])"
_EMPLOYER = (
    rf"(?<![\w/])(?i:(?P<lower_cue>{_LOWER_CASE_CUES})|(?P<cue>{_CAPITALISED_CUES}))[ \t]{{1,2}}"
    r"(?:(?P<article>(?i:the|a|an))[ \t]{1,2})?"
    rf"(?P<value>{_LETTERS}(?:[ \t]{{1,2}}(?:&[ \t]{{1,2}})?{_LETTERS}){{0,5}})"
)
_STOP_WORD_LIST = (
    "and as for since until till in on at by with from to of or but the a an who which that where when "
    "while because about around after before during through into via per than then so if is was are "
    "were be been has have had will would can could should may might must do does did not no yes "
    "he she they we i you it him her them his their our my your its this these those there here "
    "himself herself themselves myself yourself itself self none unknown n/a na retired unemployed "
    "disabled disability homemaker housewife student students jobs job odd part full time part-time "
    "full-time shifts shift night nights day days weekend weekends morning mornings evening evenings "
    "today yesterday tomorrow currently now still also again already recently since years year months "
    "month weeks week hours hour least most work home-based remote rn asap tonight "
    "remotely desk computer light heavy duty modified full regular normal usual restricted reduced "
    "same different another other local family friends friend farming teaching nursing construction "
    "military army navy marines air force daycare dialysis therapy meetings meeting classes class "
    "mass aa na pt ot st iop php present times baseline capacity level pace dr doctor mr mrs ms miss "
    "physical occupational speech support group groups counseling sessions appointments"
    " january february march april may june july august september october november december monday "
    "tuesday wednesday thursday friday saturday sunday"
)
_STOP_WORDS = frozenset(_STOP_WORD_LIST.split())
"""Words that end a name, or that no employer is called ("works at night", "employer: self")."""
_GENERIC_PLACE_LIST = (
    "home house office school college university church hospital clinic store restaurant factory plant "
    "farm company business bank shop mall warehouse"
)
_GENERIC_PLACES = frozenset(_GENERIC_PLACE_LIST.split())
"""Words that may end an employer's name (``First National Bank``) but are none alone ("works at home")."""
_CONNECTORS = frozenset({"of", "the", "&", "de"})
_WORD = re.compile(r"[^ \t]+")
_MAX_LOWER_WORDS = 3
_CAPITALISED_SCORE = 0.85
_LOWER_SCORE = 0.7


def _name_words(value: str, *, lower: bool) -> list[re.Match[str]]:
    """The leading words of ``value`` that can be part of a name, in the case the first one sets.

    A capitalised name may hold "of", "the" or "&" between capitalised words (``Mutual
    of Omaha``, ``Procter & Gamble``).
    """
    words = list(_WORD.finditer(value))
    kept: list[re.Match[str]] = []
    for index, word in enumerate(words):
        text = word.group()
        bare = text.lower().rstrip(".")
        following = words[index + 1].group() if index + 1 < len(words) else ""
        if not lower and kept and bare in _CONNECTORS and following[:1].isupper():
            kept.append(word)
            continue
        if bare in _STOP_WORDS or text[:1].isdigit():
            break
        if (text.islower() if lower else text[:1].isupper()) is False:
            break
        kept.append(word)
        if lower and len(kept) == _MAX_LOWER_WORDS:
            break
    while kept and kept[-1].group().lower() in _CONNECTORS:
        kept.pop()
    return kept


class EmployerRecognizer(RegexRecognizer):
    """The name of a person's employer or school after a cue ("works at", "employed by", "attends").

    The name is the run of capitalised words (``Union Pacific``, ``Mutual of Omaha``)
    or the acronym after the cue; after a strong cue ("works at", "employed by",
    "retired from", "student at") it may also be one to three words in lower case
    (``conagra``, ``first national bank``). A name ends at punctuation, at "and", "as",
    "for", "since", "until", at a number or a time word, and is never a generic place
    ("works at home", "attends church") or a non-answer ("Employer: self").

    Examples
    --------
    >>> text = "Works at Union Pacific as a conductor; wife employed by conagra since 2010."
    >>> [text[r.start : r.end] for r in EmployerRecognizer().analyze(text, [])]
    ['Union Pacific', 'conagra']
    """

    ENTITY: ClassVar[EntityType] = EntityType.EMPLOYER
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (
        Pattern("organisation after an employer cue", _EMPLOYER, _CAPITALISED_SCORE),
    )
    FLAGS: ClassVar[int] = 0

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Read the organisation name after each cue, cut at its first stop word."""
        del entities, nlp_artifacts, regex_flags
        (compiled,) = self.COMPILED
        never = never_name_words()
        results = []
        for position in word_starts(_CUE_STARTS, lowered(text)):
            match = compiled.regex.match(text, position)
            span = _employer_span(match, never) if match is not None else None
            if span is not None:
                start, end, score = span
                results.append(self._result(compiled, start, end, score, labelled=True))
        return results


def _employer_span(match: re.Match[str], never: frozenset[str]) -> tuple[int, int, float] | None:
    """The employer's span and score in a cue match, or None when what follows is no name."""
    value = match.group("value")
    lower = value[:1].islower()
    if lower and (match.group("lower_cue") is None or match.group("article") is not None):
        return None  # "works for pain", "works at a bank": no name
    if lower and value.split()[0].endswith("ing"):
        return None  # "retired from teaching"
    words = _name_words(value, lower=lower)
    if not words:
        return None
    names = [word.group().lower().rstrip(".") for word in words if word.group().lower() not in _CONNECTORS]
    generic = never | GENERIC_WORDS | _GENERIC_PLACES
    if all(name in generic for name in names) or len("".join(names)) < 2:
        return None  # "attends Physical Therapy", "works for Lisinopril", "Employer: N/A"
    offset = match.start("value")
    score = _LOWER_SCORE if lower else _CAPITALISED_SCORE
    return offset + words[0].start(), offset + words[-1].end(), score
