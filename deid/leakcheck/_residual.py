"""The record-aware residual check: each scrubbed text against its own person's record.

After scrubbing, every text is searched for the identifiers of the person it is about,
as known from the linked record (the same :class:`~deid.text.KnownPhi` the scrubber was
given), in the forms of :mod:`deid.leakcheck._residual_forms`. What survives is counted
per category (:class:`ResidualCategory`), by texts holding at least one:

- a full name of the person or of a listed relative, a phone, an e-mail, an MRN or
  another id (SSN, licence, passport, account): a leak;
- a given or family name alone: a leak, unless the word is also an English or clinical
  word (the name lexicon's ``COMMON`` or ``NEVER`` flag: ``Hope``, ``Will``,
  ``Parkinson``) and no title stands before it (``Ms. Hope`` is a name), which is
  counted (``residual_common_word``) and does not fail the run.

:func:`residual_findings` is pure: it works on one batch, every input passed in, so a
Spark executor can run it on its partition; :class:`ResidualCounts` add up. Where the
scrubber wrote surrogates (fake names, phones), a surrogate may equal one of the person's
own names by chance; the caller then passes what the scrubber left of the original text
(:func:`unreplaced_parts`), pieces that are searched one by one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from deid.leakcheck._residual_forms import INITIAL, TITLES, PersonForms, folded_words, person_forms

if TYPE_CHECKING:
    import polars as pl

    from deid.text import KnownPhi

__all__ = [
    "FAILING_RESIDUAL",
    "PIECE_BREAK",
    "ResidualCategory",
    "ResidualCounts",
    "english_word",
    "residual_findings",
    "unreplaced_parts",
]

PIECE_BREAK = "\x00"
"""Separates pieces of one text that are searched apart (nothing matches across a break)."""


class ResidualCategory(StrEnum):
    """What of a text's own record survived in the scrubbed text."""

    FULL_NAME = "residual_full_name"
    """Given + family name of the person or a listed relative (either order, initial between)."""
    NAME_TOKEN = "residual_name_token"  # noqa: S105 - a category name, not a secret
    """A given or family name alone, not an English or clinical word or right after a title."""
    PHONE = "residual_phone"
    """A phone or fax number, by its digits."""
    EMAIL = "residual_email"
    """An e-mail address."""
    MRN = "residual_mrn"
    """A medical record number, by its digits."""
    OTHER_ID = "residual_id"
    """An SSN, licence, passport, account or other id number, by its digits."""
    COMMON_WORD = "residual_common_word"
    """A given or family name alone that is also an English or clinical word (not a failure)."""


FAILING_RESIDUAL = frozenset(set(ResidualCategory) - {ResidualCategory.COMMON_WORD})
"""Categories that fail the run."""


@runtime_checkable
class _ArrowArray(Protocol):
    def to_pylist(self) -> list[Any]: ...


TextBatch = Sequence[str | None] | _ArrowArray
"""Scrubbed texts: a list, a polars ``Series`` or an Arrow array of strings."""


@dataclass(frozen=True, slots=True)
class ResidualCounts:
    """Texts checked and, per category, texts in which something of their record survived.

    Counts only, never a value; two counts add up (``+``), so batches and shards merge.

    Parameters
    ----------
    texts
        Non-empty texts checked against a record (texts without one are not counted).
    found
        Per category, the texts holding at least one surviving identifier of it.

    Examples
    --------
    >>> a = ResidualCounts(texts=2, found={ResidualCategory.PHONE: 1})
    >>> b = ResidualCounts(texts=3, found={ResidualCategory.COMMON_WORD: 2})
    >>> total = a + b
    >>> total.texts, {str(category): count for category, count in total.found.items()}, total.failed
    (5, {'residual_common_word': 2, 'residual_phone': 1}, True)
    """

    texts: int = 0
    found: Mapping[ResidualCategory, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        found = {ResidualCategory(category): count for category, count in self.found.items() if count}
        object.__setattr__(self, "found", MappingProxyType(dict(sorted(found.items()))))

    def __add__(self, other: ResidualCounts) -> ResidualCounts:
        return ResidualCounts(
            texts=self.texts + other.texts, found=Counter(self.found) + Counter(other.found)
        )

    @property
    def failed(self) -> bool:
        """Whether anything that fails the run survived."""
        return any(category in FAILING_RESIDUAL for category in self.found)


def english_word(word: str) -> bool:
    """Whether ``word`` is an English or clinical word by the name lexicon (``COMMON`` or ``NEVER``).

    Examples
    --------
    >>> english_word("hope"), english_word("parkinson"), english_word("guerra")
    (True, True, False)
    """
    # The lexicon loads spaCy's stop words: imported on first use, not with the leak check.
    from deid.text.recognizers.name_lexicon import COMMON, NEVER, name_lexicon  # noqa: PLC0415

    return bool(name_lexicon().of(word) & (COMMON | NEVER))


def _same(part: str, word: str) -> bool:
    return part == word or (part == INITIAL and len(word) == 1 and word.isalpha())


def _full_name_words(words: list[str], full_names: frozenset[tuple[str, ...]]) -> set[int]:
    """Positions of the words that are part of a full name."""
    starts: dict[str, list[int]] = {}
    for index, word in enumerate(words):
        starts.setdefault(word, []).append(index)
    covered: set[int] = set()
    for form in full_names:
        for start in starts.get(form[0], ()):
            end = start + len(form)
            if end <= len(words) and all(_same(part, words[start + k]) for k, part in enumerate(form)):
                covered.update(range(start, end))
    return covered


def _names_in(piece: str, forms: PersonForms, is_word: Callable[[str], bool]) -> set[ResidualCategory]:
    found: set[ResidualCategory] = set()
    words = folded_words(piece)
    covered = _full_name_words(words, forms.full_names)
    if covered:
        found.add(ResidualCategory.FULL_NAME)
    for index, word in enumerate(words):
        if index in covered:
            continue
        after_title = index > 0 and words[index - 1] in TITLES
        if word in forms.name_tokens or (after_title and word in forms.short_name_tokens):
            # After a title the word is a name, whatever else it may be ("Ms. Hope").
            common = not after_title and is_word(word)
            found.add(ResidualCategory.COMMON_WORD if common else ResidualCategory.NAME_TOKEN)
    return found


def _found_in(text: str, forms: PersonForms, is_word: Callable[[str], bool]) -> set[ResidualCategory]:
    found: set[ResidualCategory] = set()
    for category, pattern in (
        (ResidualCategory.EMAIL, forms.emails),
        (ResidualCategory.PHONE, forms.phones),
        (ResidualCategory.MRN, forms.mrns),
        (ResidualCategory.OTHER_ID, forms.other_ids),
    ):
        if pattern is not None and pattern.search(text):
            found.add(category)
            # The name in an e-mail address is part of that finding, not a name of its own.
            text = pattern.sub(PIECE_BREAK, text)
    for piece in text.split(PIECE_BREAK):
        found |= _names_in(piece, forms, is_word)
    return found


def unreplaced_parts(text: str, replaced: Sequence[tuple[int, int]]) -> str:
    """The parts of ``text`` outside the ``(start, end)`` spans replaced, joined by :data:`PIECE_BREAK`.

    Examples
    --------
    >>> unreplaced_parts("Seen by Ann Lee today", [(8, 15)]).split(PIECE_BREAK)
    ['Seen by ', ' today']
    """
    parts: list[str] = []
    position = 0
    for start, end in sorted(replaced):
        parts.append(text[position : max(start, position)])
        position = max(position, end)
    parts.append(text[position:])
    return PIECE_BREAK.join(parts)


def _as_list(texts: TextBatch | pl.Series) -> list[str | None]:
    if isinstance(texts, _ArrowArray):
        return list(texts.to_pylist())
    return list(texts)


def residual_findings(
    texts: TextBatch | pl.Series,
    known_per_text: Sequence[KnownPhi | None],
    *,
    is_word: Callable[[str], bool] = english_word,
) -> ResidualCounts:
    """Count the texts of a batch in which identifiers of their own record survive.

    Parameters
    ----------
    texts
        Scrubbed texts (null or empty ones are skipped); a text may be several pieces
        joined by :data:`PIECE_BREAK`, searched apart.
    known_per_text
        Per text, the identifiers of its linked record (``None`` where it has none).
    is_word
        Whether a surviving single name word is also an English word (counted, not failed).

    Returns
    -------
    ResidualCounts
        Texts checked and texts holding each category; never a value.

    Raises
    ------
    ValueError
        If ``known_per_text`` is not as long as ``texts``.

    Examples
    --------
    >>> from deid.text import KnownPhi
    >>> chase = KnownPhi(names=("Chase Guerra",), phones=("316-553-1419",))
    >>> texts = ["GUERRA, Chase seen", "Chase will call (316) 553 1419", "Dr. [NAME] saw him"]
    >>> counts = residual_findings(texts, [chase] * 3)
    >>> counts.texts, {str(category): count for category, count in counts.found.items()}
    (3, {'residual_common_word': 1, 'residual_full_name': 1, 'residual_phone': 1})
    """
    batch = _as_list(texts)
    if len(batch) != len(known_per_text):
        msg = f"known_per_text must hold one entry per text: got {len(known_per_text)} for {len(batch)} texts"
        raise ValueError(msg)
    checked = 0
    found: Counter[ResidualCategory] = Counter()
    for text, known in zip(batch, known_per_text, strict=True):
        if not text or not known:
            continue
        checked += 1
        found.update(_found_in(text, person_forms(known), is_word))
    return ResidualCounts(texts=checked, found=found)
