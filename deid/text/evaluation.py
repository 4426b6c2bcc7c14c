r"""Token-level, label-agnostic scoring of PHI detection in free text.

A detector is judged the way a reviewer reads a scrubbed note: was every identifying
word hidden, and how many harmless words were hidden with them? The type a detector
assigns does not matter (a phone number tagged as an MRN is still hidden).

Tokens
------
Each text is split into tokens, the maximal runs of word characters (regex ``\w+``:
Unicode letters, digits and the underscore), with their character offsets.
Whitespace and punctuation separate tokens and are never tokens themselves: they carry
no identifying information, and counting them would make scores depend on whether a
detector includes a trailing full stop or the brackets of a phone number. So
``"Dr. O'Neil, (555) 123-4567"`` has the tokens ``Dr``, ``O``, ``Neil``, ``555``,
``123`` and ``4567``.

Counting
--------
- A *gold token* overlaps (by at least one character) a gold span. It is *caught* when
  it also overlaps any detected span, whatever the detected type or extent.
- A *flagged token* overlaps a detected span. It is a true hit when it is a gold token,
  a false alarm otherwise.
- An *ignored token* overlaps an ignored span (gold annotations that are not PHI for
  this purpose, such as organisations) and no gold span: it counts neither as a hit nor
  as a false alarm, nor in the totals.
- ``recall = caught / gold tokens`` and ``precision = caught / flagged tokens`` (a
  caught token is exactly a flagged gold token). With no gold tokens recall is 1.0
  (nothing was missed); with no flagged tokens precision is 1.0 (no false alarm).
- Per-type recall counts a gold token under each type of the gold spans it overlaps.

Spans that cover no token (only punctuation or whitespace) count for nothing.

Examples
--------
>>> text = "Seen by Dr. Ann Lee on 3/4/21."
>>> gold = [[GoldSpan(start=12, end=19, label="PERSON"), GoldSpan(start=23, end=29, label="DATE")]]
>>> detected = [[GoldSpan(start=8, end=15, label="PERSON")]]
>>> scores = score_tokens([text], gold, detected)
>>> scores.gold_tokens, scores.caught_tokens, scores.flagged_tokens
(5, 1, 2)
>>> scores.recall, scores.precision
(0.2, 0.5)
>>> scores.by_type["DATE"].recall
0.0
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Protocol

__all__ = ["TOKEN_PATTERN", "GoldSpan", "Offsets", "TokenScores", "TypeRecall", "score_tokens", "tokenize"]

TOKEN_PATTERN = re.compile(r"\w+")
"""What a token is: a maximal run of word characters (letters, digits, underscore)."""


class Offsets(Protocol):
    """Anything with character offsets into a text: a :class:`GoldSpan`, a ``TextSpan``, a Presidio result."""

    @property
    def start(self) -> int:
        """Offset of the first character."""

    @property
    def end(self) -> int:
        """Offset just past the last character."""


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldSpan:
    """One annotated span of a text.

    Parameters
    ----------
    start, end
        Character offsets into the text (``end`` exclusive), as Python slices them.
    label
        The annotated type, as the corpus names it (``"PERSON"``, ``"location"``).
    """

    start: int
    end: int
    label: str


@dataclass(frozen=True, slots=True, kw_only=True)
class TypeRecall:
    """Recall on the gold tokens of one annotated type.

    Parameters
    ----------
    gold_tokens
        Tokens overlapping a gold span of this type.
    caught_tokens
        Those of them that a detected span overlaps.
    """

    gold_tokens: int
    caught_tokens: int

    @property
    def recall(self) -> float:
        """Caught over gold tokens (1.0 when there are none)."""
        return self.caught_tokens / self.gold_tokens if self.gold_tokens else 1.0


@dataclass(frozen=True, slots=True, kw_only=True)
class TokenScores:
    """Token counts and scores of one detector on one corpus; see the module docstring.

    Parameters
    ----------
    texts
        Texts scored.
    tokens
        All tokens in them, ignored ones included.
    gold_tokens, caught_tokens, flagged_tokens, ignored_tokens
        Gold tokens, gold tokens a detection overlaps, tokens a detection overlaps
        (ignored tokens excluded), tokens that overlap only ignored spans.
    by_type
        Recall per gold label, sorted by label.
    """

    texts: int
    tokens: int
    gold_tokens: int
    caught_tokens: int
    flagged_tokens: int
    ignored_tokens: int
    by_type: Mapping[str, TypeRecall] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def recall(self) -> float:
        """Caught over gold tokens (1.0 when there are none)."""
        return self.caught_tokens / self.gold_tokens if self.gold_tokens else 1.0

    @property
    def precision(self) -> float:
        """Caught over flagged tokens (1.0 when nothing was flagged)."""
        return self.caught_tokens / self.flagged_tokens if self.flagged_tokens else 1.0

    @property
    def missed_tokens(self) -> int:
        """Gold tokens no detection overlaps."""
        return self.gold_tokens - self.caught_tokens

    @property
    def false_alarm_tokens(self) -> int:
        """Flagged tokens that are not gold (nor ignored)."""
        return self.flagged_tokens - self.caught_tokens

    def __str__(self) -> str:
        per_type = ", ".join(
            f"{label} {counts.recall:.4f} ({counts.caught_tokens:,}/{counts.gold_tokens:,})"
            for label, counts in self.by_type.items()
        )
        return (
            f"recall {self.recall:.4f} ({self.caught_tokens:,}/{self.gold_tokens:,} gold tokens), "
            f"precision {self.precision:.4f} "
            f"({self.caught_tokens:,}/{self.flagged_tokens:,} flagged tokens); "
            f"{self.texts:,} texts, {self.tokens:,} tokens, {self.ignored_tokens:,} ignored"
            + (f"; recall by type: {per_type}" if per_type else "")
        )


def tokenize(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` offsets of the tokens of ``text``.

    Examples
    --------
    >>> tokenize("Call 555-0100, Mary.")
    [(0, 4), (5, 8), (9, 13), (15, 19)]
    """
    return [match.span() for match in TOKEN_PATTERN.finditer(text)]


def _overlapped(starts: list[int], ends: list[int], span: Offsets) -> range:
    """Indices of the tokens (sorted, disjoint) that share at least one character with ``span``."""
    first = bisect.bisect_right(ends, span.start)
    last = bisect.bisect_left(starts, span.end)
    return range(first, last) if span.end > span.start else range(0)


def _check(spans: Sequence[Offsets], text: str, index: int, what: str) -> None:
    for number, span in enumerate(spans):
        if not 0 <= span.start <= span.end <= len(text):
            msg = (
                f"{what} span {number} of text {index} has offsets ({span.start}, {span.end}); "
                f"expected 0 <= start <= end <= {len(text)} (the text's length)"
            )
            raise ValueError(msg)


def _lengths_agree(texts: Sequence[str], **per_text: Sequence[object] | None) -> None:
    for name, values in per_text.items():
        if values is not None and len(values) != len(texts):
            msg = f"{name} has {len(values)} entries; expected one per text ({len(texts)})"
            raise ValueError(msg)


def score_tokens(
    texts: Sequence[str],
    gold: Sequence[Sequence[GoldSpan]],
    detected: Sequence[Sequence[Offsets]],
    *,
    ignored: Sequence[Sequence[Offsets]] | None = None,
) -> TokenScores:
    """Score detections against gold spans, token by token; see the module docstring.

    Parameters
    ----------
    texts
        The texts.
    gold
        Per text, the annotated PHI spans.
    detected
        Per text, the detector's spans (anything with ``start`` and ``end``; the type is
        not used).
    ignored
        Per text, annotated spans that are not PHI here (neither hit nor false alarm).

    Returns
    -------
    TokenScores
        Counts, recall, precision and per-type recall.

    Raises
    ------
    ValueError
        If ``gold``, ``detected`` or ``ignored`` does not have one entry per text, or a
        span's offsets fall outside its text.
    """
    _lengths_agree(texts, gold=gold, detected=detected, ignored=ignored)
    tokens = gold_tokens = caught = flagged = ignored_count = 0
    type_gold: dict[str, int] = {}
    type_caught: dict[str, int] = {}
    for index, text in enumerate(texts):
        text_ignored = ignored[index] if ignored is not None else ()
        for what, spans in (("gold", gold[index]), ("detected", detected[index]), ("ignored", text_ignored)):
            _check(spans, text, index, what)
        offsets = tokenize(text)
        starts, ends = [start for start, _ in offsets], [end for _, end in offsets]
        hit = {token for span in detected[index] for token in _overlapped(starts, ends, span)}
        labels_of: dict[int, set[str]] = {}
        for span in gold[index]:
            for token in _overlapped(starts, ends, span):
                labels_of.setdefault(token, set()).add(span.label)
        skipped = {
            token for span in text_ignored for token in _overlapped(starts, ends, span)
        } - labels_of.keys()
        tokens += len(offsets)
        gold_tokens += len(labels_of)
        caught += len(hit & labels_of.keys())
        flagged += len(hit - skipped)
        ignored_count += len(skipped)
        for token, labels in labels_of.items():
            for label in labels:
                type_gold[label] = type_gold.get(label, 0) + 1
                type_caught[label] = type_caught.get(label, 0) + (token in hit)
    by_type = {
        label: TypeRecall(gold_tokens=type_gold[label], caught_tokens=type_caught[label])
        for label in sorted(type_gold)
    }
    return TokenScores(
        texts=len(texts),
        tokens=tokens,
        gold_tokens=gold_tokens,
        caught_tokens=caught,
        flagged_tokens=flagged,
        ignored_tokens=ignored_count,
        by_type=MappingProxyType(by_type),
    )
