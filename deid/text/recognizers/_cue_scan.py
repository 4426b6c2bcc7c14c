"""Finding where cue words start, fast, in text of any case.

Python's :mod:`re` gives up its literal-prefix search on case-insensitive alternations,
so scanning a note for forty cue words with ``re.IGNORECASE`` costs tens of
microseconds. Scanning a lower-cased copy with a case-sensitive alternation costs a
few; the exact, case-aware pattern is then tried only where a cue word starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

__all__ = ["lowered", "phrase_alternation", "prefix_pattern", "word_starts"]

_Trie = dict[str, "_Trie"]


def prefix_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """A case-sensitive pattern matching any of ``words``, their common prefixes factored out.

    A flat alternation of forty words is tried word by word at every position; the
    factored one (``h(?:ealth|osp(?:ice|ital))``) reads each character once.

    Examples
    --------
    >>> pattern = prefix_pattern(["hospital", "hospice", "health"])
    >>> pattern.pattern
    'h(?:ealth|ospi(?:ce|tal))'
    >>> [match.group() for match in pattern.finditer("health hospice hospital")]
    ['health', 'hospice', 'hospital']
    """
    root: _Trie = {}
    for word in words:
        node = root
        for character in word:
            node = node.setdefault(character, {})
        node[""] = {}
    return re.compile(_render(root))


def _render(node: _Trie) -> str:
    branches = [
        re.escape(character) + _render(child) for character, child in sorted(node.items()) if character
    ]
    if not branches:
        return ""
    if len(branches) == 1 and "" not in node:
        return branches[0]
    if len(branches) == 1 and len(branches[0]) == 1:
        return f"{branches[0]}?"
    group = f"(?:{'|'.join(branches)})"
    return f"{group}?" if "" in node else group


def lowered(text: str) -> str:
    """``text`` in lower case, each character at its own offset.

    Examples
    --------
    >>> lowered("Seen AT Mercy"), len(lowered("İstanbul")) == len("İstanbul")
    ('seen at mercy', True)
    """
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(character if len(character.lower()) != 1 else character.lower() for character in text)


@lru_cache(maxsize=64)
def _after_separator(cues: re.Pattern[str]) -> re.Pattern[str]:
    """``cues`` right after a character that is no ASCII letter nor digit."""
    return re.compile(rf"[^a-z0-9](?:{cues.pattern})", cues.flags)


def word_starts(cues: re.Pattern[str], lower_text: str) -> Iterator[int]:
    """Where a match of ``cues`` (lower case, case-sensitive) starts a word of ``lower_text``.

    The scan looks for a cue right after a character that is no ASCII letter nor digit,
    in the text behind one blank: the regex engine skips from separator to separator
    instead of trying every cue at every character. A cue after any other letter
    (``é``) starts no word either.

    Examples
    --------
    >>> list(word_starts(re.compile("work|job"), "works at a job; homework, éjob"))
    [0, 11]
    """
    for match in _after_separator(cues).finditer(" " + lower_text):
        start = match.start()
        if start == 0 or not lower_text[start - 1].isalnum():
            yield start


def phrase_alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of ``phrases``, longest first, any run of blanks between words.

    An apostrophe matches a typographic one too.

    Examples
    --------
    >>> pattern = re.compile(phrase_alternation(["high school", "co", "women's health"]))
    >>> [len(pattern.match(text).group()) for text in ("high  school", "co.", "women\u2019s health")]
    [12, 2, 14]
    """
    return "|".join(
        re.escape(phrase).replace(r"\ ", r"[ \t]+").replace("'", "['\u2019]")
        for phrase in sorted(phrases, key=len, reverse=True)
    )
