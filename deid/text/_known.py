"""Record-aware detection: find a record's own identifiers in its texts, in the forms people type.

Names match case-insensitively as the full name, ``Surname, Given``, each part alone
(parts of one or two letters only inside a full name), initials (``M.S.``, ``M. Smith``,
``Smith, M``) and nicknames; relatives the same way. Phones match digit for digit with
any separators, with or without the country code; emails case-insensitively; address
lines with street-type, direction and unit words in any of their usual forms; MRNs and
other ids with or without separators and leading zeros. Every match respects word
boundaries: the surname "Ng" never fires inside "taking".

Scores: 1.0 for a multi-word or exact identifier match, 0.85 for one name part alone,
0.7 for initials.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from presidio_analyzer import EntityRecognizer, RecognizerResult

from data_contracts.entities import EntityType
from deid.text._spans import KnownPhi, TextSpan

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

__all__ = ["KnownPhiRecognizer", "find_known"]

_SOURCE = "KnownPhiRecognizer"
_EXACT, _PART, _INITIALS = 1.0, 0.85, 0.7
_MIN_PART_LENGTH = 3
_MIN_ID_LENGTH = 4
_ID_SEPARATOR = r"[\s\-./]?"
_TITLE_BEFORE = r"(?:dr|mr|mrs|ms|miss|mx)\.?\s+"
_NANP_LENGTH = 10
_BEFORE = r"(?<![^\W_])"
_AFTER = r"(?![^\W_])"
_SPACE = r"[\s,.]+"
_STREET_FORMS = (
    ("street", "st"),
    ("avenue", "ave", "av"),
    ("road", "rd"),
    ("drive", "dr"),
    ("lane", "ln"),
    ("boulevard", "blvd"),
    ("court", "ct"),
    ("place", "pl"),
    ("terrace", "ter"),
    ("circle", "cir"),
    ("highway", "hwy"),
    ("parkway", "pkwy"),
    ("square", "sq"),
    ("trail", "trl"),
    ("way", "wy"),
    ("north", "n"),
    ("south", "s"),
    ("east", "e"),
    ("west", "w"),
    ("northeast", "ne"),
    ("northwest", "nw"),
    ("southeast", "se"),
    ("southwest", "sw"),
    ("apartment", "apt", "unit", "suite", "ste", "#"),
)
_EQUIVALENT = {form: forms for forms in _STREET_FORMS for form in forms}
_WORDS = re.compile(r"[^\W_]+|#")
_COMPILED_RECORDS_KEPT = 4096
"""Records whose compiled patterns :func:`find_known` keeps (least recently used evicted)."""


def _words(value: str) -> list[str]:
    return _WORDS.findall(value)


def _phrase(words: list[str]) -> str:
    """A regex for ``words`` in order, separated by spaces or punctuation, as whole words."""
    return _BEFORE + _SPACE.join(re.escape(word) for word in words) + _AFTER


def _name_patterns(full_name: str) -> list[tuple[str, float]]:
    parts = _words(full_name)
    if not parts:
        return []
    patterns = [(_phrase(parts), _EXACT)]
    if len(parts) >= 2:
        given, surname = parts[0], parts[-1]
        patterns += [
            (_phrase([surname, given]), _EXACT),
            (_phrase([given, surname]), _EXACT),
            (rf"{_BEFORE}{re.escape(given[0])}\.?\s*{re.escape(surname)}{_AFTER}", _INITIALS),
            (rf"{_BEFORE}{re.escape(surname)},\s*{re.escape(given[0])}\b\.?", _INITIALS),
            (rf"{_BEFORE}{re.escape(given[0])}\.\s*{re.escape(surname[0])}\.", _INITIALS),
            (
                rf"(?-i:{_BEFORE}{re.escape(given[0].upper())}{re.escape(surname[0].upper())}{_AFTER})",
                _INITIALS,
            ),
        ]
    patterns += [(_phrase([part]), _PART) for part in parts if len(part) >= _MIN_PART_LENGTH]
    # one- and two-letter parts ("Ng", "Li") alone only after a title: the safe form
    patterns += [
        (rf"{_BEFORE}{_TITLE_BEFORE}(?P<value>{re.escape(part)}){_AFTER}", _PART)
        for part in parts[1:]
        if len(part) < _MIN_PART_LENGTH
    ]
    return patterns


def _phone_pattern(phone: str) -> str | None:
    digits = re.sub(r"\D", "", phone)
    if len(digits) == _NANP_LENGTH + 1 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) < _NANP_LENGTH - 3:
        return None
    body = r"[\s().\-]*".join(digits)
    return rf"(?<![\d])(?:\+?1[\s.\-]*)?\(?{body}(?!\d)"


def _address_pattern(address: str) -> str | None:
    words = _words(address)
    if len(words) < 2:
        return None
    alternatives = []
    for word in words:
        forms = _EQUIVALENT.get(word.lower(), (word.lower(),))
        alternatives.append(
            "(?:" + "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True)) + ")"
        )
    return _BEFORE + r"[\s,.]*".join(alternatives) + r"\.?"


def _id_patterns(identifier: str) -> list[str]:
    """The id with its letter prefix optional, separators optional and leading zeros optional."""
    parts = re.fullmatch(r"([A-Za-z]*)0*([0-9A-Za-z]*)", re.sub(r"[^0-9A-Za-z]", "", identifier))
    if parts is None or len(parts.group(2)) < _MIN_ID_LENGTH:
        return []
    prefix, core = (_ID_SEPARATOR.join(re.escape(char) for char in part) for part in parts.groups())
    optional_prefix = rf"(?:{prefix}[\-./#:]?)?" if prefix else ""
    return [rf"(?<![0-9A-Za-z]){optional_prefix}(?:0{_ID_SEPARATOR})*{core}(?![0-9A-Za-z])"]


@functools.lru_cache(maxsize=_COMPILED_RECORDS_KEPT)
def _compile(known: KnownPhi) -> tuple[tuple[re.Pattern[str], EntityType, float], ...]:
    """The record's patterns, compiled once per distinct record (a record's texts arrive together)."""
    compiled: list[tuple[str, EntityType, float]] = []
    for name in (*known.names, *known.relatives):
        compiled += [(pattern, EntityType.PERSON, score) for pattern, score in _name_patterns(name)]
    for nickname in known.nicknames:
        if len(nickname.strip()) >= _MIN_PART_LENGTH:
            compiled.append((_phrase(_words(nickname)), EntityType.PERSON, _PART))
    for email in known.emails:
        if email.strip():
            compiled.append((rf"(?<![\w.+-]){re.escape(email.strip())}(?![\w-])", EntityType.EMAIL, _EXACT))
    optional = [
        *((_phone_pattern(phone), EntityType.PHONE) for phone in known.phones),
        *((_address_pattern(address), EntityType.STREET_ADDRESS) for address in known.addresses),
    ]
    compiled += [(pattern, EntityType.MRN, _EXACT) for mrn in known.mrns for pattern in _id_patterns(mrn)]
    compiled += [
        (pattern, EntityType.ACCOUNT, _EXACT) for other in known.other_ids for pattern in _id_patterns(other)
    ]
    compiled += [(pattern, entity, _EXACT) for pattern, entity in optional if pattern is not None]
    return tuple((re.compile(pattern, re.IGNORECASE), entity, score) for pattern, entity, score in compiled)


def _without_nested(spans: list[TextSpan]) -> list[TextSpan]:
    """Drop spans lying inside another span (a name inside an email); sort by position."""
    ordered = sorted(spans, key=lambda span: (span.start, -span.end, -span.score))
    kept: list[TextSpan] = []
    for span in ordered:
        if any(other.start <= span.start and span.end <= other.end for other in kept):
            continue
        kept.append(span)
    return kept


def _search(text: str, patterns: tuple[tuple[re.Pattern[str], EntityType, float], ...]) -> list[TextSpan]:
    spans = [
        TextSpan(
            start=match.start(group), end=match.end(group), entity_type=entity, score=score, source=_SOURCE
        )
        for pattern, entity, score in patterns
        for match in pattern.finditer(text)
        for group in ("value" if "value" in pattern.groupindex else 0,)
        if match.end() > match.start()
    ]
    return _without_nested(spans)


def find_known(text: str, known: KnownPhi) -> list[TextSpan]:
    """The record's own identifiers found in ``text``, sorted by position.

    Parameters
    ----------
    text
        One free-text value.
    known
        The identifiers from the text's linked record.

    Examples
    --------
    >>> known = KnownPhi(names=("Mary Ng",), phones=("(402) 644-5297",), mrns=("MRN-000123456",))
    >>> note = "NG, MARY taking meds; cb 402.644.5297; mrn 123456; Ms. Ng agrees"
    >>> [(note[s.start : s.end], s.entity_type.value) for s in find_known(note, known)]
    [('NG, MARY', 'PERSON'), ('402.644.5297', 'PHONE'), ('123456', 'MRN'), ('Ng', 'PERSON')]
    """
    if not known:
        return []
    return _search(text, _compile(known))


class KnownPhiRecognizer(EntityRecognizer):
    """A Presidio recognizer for one record's known identifiers, passed as an ad-hoc recognizer.

    Parameters
    ----------
    known
        The identifiers from the linked record; patterns are compiled once, here.

    Examples
    --------
    >>> recognizer = KnownPhiRecognizer(KnownPhi(names=("Amy Patel",)))
    >>> [(r.start, r.end) for r in recognizer.analyze("patel, amy seen", ["PERSON"])]
    [(0, 10)]
    """

    def __init__(self, known: KnownPhi) -> None:
        super().__init__(supported_entities=[entity.value for entity in EntityType], supported_language="en")
        self._patterns = _compile(known)

    def load(self) -> None:
        """Nothing to load: patterns are compiled in the constructor."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Presidio's entry point: the known identifiers found, limited to ``entities`` when given."""
        del nlp_artifacts
        return [
            RecognizerResult(
                entity_type=span.entity_type.value, start=span.start, end=span.end, score=span.score
            )
            for span in _search(text, self._patterns)
            if not entities or span.entity_type.value in entities
        ]
