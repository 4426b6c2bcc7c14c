"""One person's known identifiers in the forms the record-aware residual check looks for.

Texts and names are cut into the same folded words (:func:`folded_words`): lower case,
accents removed, apostrophes dropped, a possessive ``'s`` dropped, and every other
character that is not a letter or digit a word boundary, so ``O'Brien-Núñez``,
``obrien nunez`` and ``OBRIEN-NUNEZ`` are the same two words. From every name of the
person and of their listed relatives (:class:`PersonForms`):

- full names: given + family in either order, given + one initial + family, and the
  whole name as written; the given name may be a nickname (the person's own names
  only), and each part of a hyphenated given or family name also counts alone;
- single name tokens: every word of those names and of the nicknames (words of one or
  two letters only right after a title: ``Ms. Ng``, never the ``NG`` of a tube);
- phones and ids as their digits in any layout (phones with or without the country
  code, ids with or without leading zeros), e-mails in lower case.

This module compiles forms only; :mod:`deid.leakcheck._residual` searches texts with them.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from deid.text import KnownPhi

__all__ = [
    "INITIAL",
    "MIN_ID_DIGITS",
    "MIN_TOKEN_CHARACTERS",
    "TITLES",
    "PersonForms",
    "folded_words",
    "person_forms",
]

INITIAL = "\x00initial"
"""Stands in a full-name form for any one-letter word (``Chase R. Guerra``)."""
MIN_TOKEN_CHARACTERS = 3
"""Shorter name words are looked for alone only right after a title."""
MIN_ID_DIGITS = 5
"""Ids with fewer significant digits are not looked for (a count or a dose could match)."""
_MIN_PHONE_DIGITS = 7
_NANP_DIGITS = 10
_FORMS_KEPT = 4_096
"""Records whose compiled forms are kept (a person's texts come together)."""

TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof"})
"""Words before a name that are not part of it; a short name word counts alone after one."""
_SUFFIXES = frozenset(
    {"jr", "sr", "ii", "iii", "iv", "md", "do", "rn", "np", "pa", "phd", "dds", "dmd", "lpn", "aprn", "cnp"}
    | {"pharmd", "mph", "bsn", "msn", "dnp", "crna", "lcsw", "esq"}
)
"""Generational suffixes and credentials written after a name (``Tracey Becker, NP``)."""
_PARTICLES = frozenset(
    {"de", "da", "di", "du", "del", "della", "der", "den", "van", "von"}
    | {"la", "le", "los", "las", "el", "bin"}
)
"""Surname particles: part of a full name, never a name token alone."""

_POSSESSIVE = re.compile(r"(?<=[^\W\d_])['\u2019]s(?![^\W_])", re.IGNORECASE)
_APOSTROPHES = re.compile(r"['\u2019`\u02bc]")
_WORD = re.compile(r"[^\W_]+")
_NOT_DIGIT = re.compile(r"[^0-9]")
_ID_SEPARATOR = r"[\s\-./]?"
_PHONE_SEPARATOR = r"[\s().\-]{0,3}"


def folded_words(text: str) -> list[str]:
    """The words of ``text``, folded for comparison (see the module docstring).

    Examples
    --------
    >>> folded_words("Mrs. O'Brien-Núñez's chart")
    ['mrs', 'obrien', 'nunez', 'chart']
    """
    without = _POSSESSIVE.sub("", text)
    if not without.isascii():
        decomposed = unicodedata.normalize("NFKD", without)
        without = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _WORD.findall(_APOSTROPHES.sub("", without).casefold())


@dataclass(frozen=True, slots=True)
class _Name:
    """A name cut into given words, family words and all its words (titles and suffixes left out)."""

    given: tuple[str, ...]
    family: tuple[str, ...]
    words: tuple[str, ...]


def _without_titles(pieces: list[tuple[tuple[str, ...], bool]]) -> list[tuple[tuple[str, ...], bool]]:
    """Titles at the start, suffixes and credentials at the end (after a comma or a family name) removed."""
    kept = list(pieces)
    while len(kept) > 1 and " ".join(kept[0][0]) in TITLES:
        kept.pop(0)
    # "Anh Do": a family name that is also a credential stays when nothing follows the given name.
    while len(kept) > 1 and " ".join(kept[-1][0]) in _SUFFIXES and (kept[-2][1] or len(kept) > 2):
        kept.pop()
    return kept


def _name(value: str) -> _Name | None:
    pieces = [(tuple(folded_words(piece)), piece.rstrip().endswith(",")) for piece in value.split()]
    kept = _without_titles([(words, comma) for words, comma in pieces if words])
    if len(kept) < 2:
        words = tuple(word for piece, _ in kept for word in piece)
        return _Name(given=(), family=(), words=words) if words else None
    if kept[0][1]:  # "Family, Given Middle"
        family, given = kept[0][0], kept[1][0]
    else:
        given, family = kept[0][0], kept[-1][0]
    return _Name(given=given, family=family, words=tuple(word for piece, _ in kept for word in piece))


def _with_parts(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    """A hyphenated given or family name, and each of its parts alone."""
    forms = {words}
    if len(words) > 1:
        forms |= {(word,) for word in words if len(word) > 1 and word not in _PARTICLES}
    return forms


def _full_names(name: _Name, nicknames: tuple[tuple[str, ...], ...]) -> set[tuple[str, ...]]:
    if not name.given or not name.family:
        return set()
    forms = {name.words}
    givens = _with_parts(name.given) | set(nicknames)
    for given in givens:
        for family in _with_parts(name.family):
            if given != family:
                forms |= {(*given, *family), (*family, *given), (*given, INITIAL, *family)}
    return forms


def _pattern(alternatives: list[str]) -> re.Pattern[str] | None:
    return re.compile("(?:" + "|".join(alternatives) + ")", re.IGNORECASE) if alternatives else None


def _phone(value: str) -> str | None:
    digits = _NOT_DIGIT.sub("", value)
    if len(digits) == _NANP_DIGITS + 1 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) < _MIN_PHONE_DIGITS:
        return None
    body = _PHONE_SEPARATOR.join(digits)
    return rf"(?<![0-9])(?:\+?1{_PHONE_SEPARATOR})?{body}(?![0-9])"


def _identifier(value: str) -> str | None:
    digits = _NOT_DIGIT.sub("", value).lstrip("0")
    if len(digits) < MIN_ID_DIGITS:
        return None
    return rf"(?<![0-9])(?:0{_ID_SEPARATOR})*{_ID_SEPARATOR.join(digits)}(?![0-9])"


def _email(value: str) -> str | None:
    email = value.strip().casefold()
    return rf"(?<![\w.+\-]){re.escape(email)}(?![\w\-])" if "@" in email else None


@dataclass(frozen=True, slots=True, eq=False)
class PersonForms:
    """The forms of one record's identifiers that the residual check looks for. Never printed.

    Parameters
    ----------
    full_names
        Word sequences of full names (:data:`INITIAL` matches any one-letter word).
    name_tokens
        Name words looked for alone (:data:`MIN_TOKEN_CHARACTERS` or longer).
    short_name_tokens
        Shorter name words, looked for alone right after a title only.
    phones, emails, mrns, other_ids
        One pattern each over all the record's values of the kind, or ``None``.
    """

    full_names: frozenset[tuple[str, ...]]
    name_tokens: frozenset[str]
    short_name_tokens: frozenset[str]
    phones: re.Pattern[str] | None
    emails: re.Pattern[str] | None
    mrns: re.Pattern[str] | None
    other_ids: re.Pattern[str] | None

    def __repr__(self) -> str:
        return f"PersonForms(full_names={len(self.full_names)}, name_tokens={len(self.name_tokens)})"


@functools.lru_cache(maxsize=_FORMS_KEPT)
def person_forms(known: KnownPhi) -> PersonForms:
    """Compile the forms of one record's identifiers (cached per record).

    Examples
    --------
    >>> forms = person_forms(KnownPhi(names=("Seán O'Brien-Núñez",), phones=("(402) 644-5297",)))
    >>> sorted(forms.name_tokens)
    ['nunez', 'obrien', 'sean']
    >>> ("obrien", "nunez", "sean") in forms.full_names, ("sean", "nunez") in forms.full_names
    (True, True)
    >>> bool(forms.phones.search("cb +1 402.644.5297")), bool(forms.phones.search("4026445297 1"))
    (True, True)
    """
    nicknames = tuple(tuple(folded_words(nickname)) for nickname in known.nicknames)
    nicknames = tuple(nickname for nickname in nicknames if nickname)
    full: set[tuple[str, ...]] = set()
    words: set[str] = {word for nickname in nicknames for word in nickname}
    for value, own in [(name, True) for name in known.names] + [(name, False) for name in known.relatives]:
        name = _name(value)
        if name is None:
            continue
        words.update(name.words)
        full |= _full_names(name, nicknames if own else ())
    words -= _PARTICLES
    return PersonForms(
        full_names=frozenset(full),
        name_tokens=frozenset(word for word in words if len(word) >= MIN_TOKEN_CHARACTERS),
        short_name_tokens=frozenset(
            word for word in words if 1 < len(word) < MIN_TOKEN_CHARACTERS and not word.isdigit()
        ),
        phones=_pattern([pattern for phone in known.phones if (pattern := _phone(phone))]),
        emails=_pattern([pattern for email in known.emails if (pattern := _email(email))]),
        mrns=_pattern([pattern for mrn in known.mrns if (pattern := _identifier(mrn))]),
        other_ids=_pattern([pattern for other in known.other_ids if (pattern := _identifier(other))]),
    )
