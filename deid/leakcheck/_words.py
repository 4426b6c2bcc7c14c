"""Word-based keys: names, places and street addresses.

:func:`words` lower-cases, removes accents and punctuation and abbreviates street
words, so ``"12 North Main Street"`` and ``"12 N. Main St."`` share one key; the text
search pads these keys with spaces to find them as whole word sequences.
"""

from __future__ import annotations

import polars as pl

from deid.leakcheck._gates import at_least, only, only_if

__all__ = [
    "STREET_WORDS",
    "city_key",
    "full_name_key",
    "name_part_key",
    "place_words",
    "street_key",
    "words",
]

STREET_WORDS: dict[str, str] = {
    "street": "st",
    "avenue": "ave",
    "road": "rd",
    "drive": "dr",
    "boulevard": "blvd",
    "lane": "ln",
    "court": "ct",
    "place": "pl",
    "terrace": "ter",
    "circle": "cir",
    "highway": "hwy",
    "parkway": "pkwy",
    "square": "sq",
    "trail": "trl",
    "point": "pt",
    "mount": "mt",
    "heights": "hts",
    "apartment": "apt",
    "suite": "ste",
    "north": "n",
    "south": "s",
    "east": "e",
    "west": "w",
    "northeast": "ne",
    "northwest": "nw",
    "southeast": "se",
    "southwest": "sw",
}
"""USPS street suffix and directional abbreviations: ``Street`` and ``St`` compare equal."""

_UNIT = r" (?:apt|ste|unit|fl|floor|rm|room|bldg|building|lot|trlr) .*$"
_STREET_SHAPE = r"^(?:[0-9]+[a-z]? [a-z0-9]|po box [0-9])"
# \u2019 is the typographic apostrophe, spelled as a regex escape.
_NAME_SHAPE = r"^\s*\p{L}[\p{L}\s.,'\u2019`\-]*$"
_PLACE_SHAPE = r"^\s*(?:\p{L}[\p{L}\s.,'\u2019`&\-]+|[0-9]{5})\s*$"
_STREET_CELL = r"(?i)^\s*(?:[0-9]+[a-z]?[\s,]+\S|p\.?\s*o\.?\s*box)"


def _ascii_folded(text: pl.Expr) -> pl.Expr:
    """Accents removed; the slow Unicode decomposition runs on non-ASCII cells only."""
    non_ascii = text.str.contains(r"[^\x00-\x7F]")
    decomposed = only_if(non_ascii, text).str.normalize("NFKD").str.replace_all(r"\p{M}+", "")
    return pl.when(non_ascii).then(decomposed).otherwise(text)


def words(text: pl.Expr) -> pl.Expr:
    """Lower-case words without accents or punctuation, street words abbreviated.

    Examples
    --------
    >>> pl.select(words(pl.lit("  José O'Brien, 12 North Main Street "))).item()
    'jose obrien 12 n main st'
    """
    folded = _ascii_folded(text).str.replace_all(r"['\u2019`]", "").str.to_lowercase()
    spaced = folded.str.replace_all(r"[^\p{L}\p{N}]+", " ").str.strip_chars()
    # Doubling the spaces gives every word its own pair of delimiters, so adjacent
    # words ("north main street") are each replaced by the one-pass Aho-Corasick.
    delimited = pl.concat_str(pl.lit(" "), spaced.str.replace_all(" ", "  ", literal=True), pl.lit(" "))
    abbreviated = delimited.str.replace_many(
        [f" {word} " for word in STREET_WORDS], [f" {short} " for short in STREET_WORDS.values()]
    )
    return abbreviated.str.replace_all("  ", " ", literal=True).str.strip_chars()


def full_name_key(text: pl.Expr) -> pl.Expr:
    """A name of at least two words and five characters, as :func:`words`."""
    key = words(only(text, _NAME_SHAPE))
    return pl.when(key.str.contains(" ", literal=True) & (key.str.len_chars() >= 5)).then(key)


def place_words(text: pl.Expr) -> pl.Expr:
    """Lower-case words without accents or punctuation of a cell shaped like a name or place.

    Lighter than :func:`words` (no street abbreviations): it runs on every short cell.

    Examples
    --------
    >>> pl.select(place_words(pl.lit("Coeur d'Alene"))).item()
    'coeur dalene'
    """
    folded = _ascii_folded(only(text, _PLACE_SHAPE)).str.replace_all(r"['\u2019`]", "")
    return folded.str.to_lowercase().str.replace_all(r"[^\p{L}\p{N}]+", " ").str.strip_chars()


def name_part_key(text: pl.Expr) -> pl.Expr:
    """One given or family name (two characters or more), as :func:`place_words`."""
    return at_least(place_words(text), 2)


def city_key(text: pl.Expr) -> pl.Expr:
    """A place name or FIPS code of four characters or more, as :func:`place_words`."""
    return at_least(place_words(text), 4)


def street_key(text: pl.Expr) -> pl.Expr:
    """A street address line: house number and street, as :func:`words`, unit removed.

    Examples
    --------
    >>> pl.select(street_key(pl.lit("9427 Anthony Point, Apt. 12"))).item()
    '9427 anthony pt'
    """
    key = words(only(text, _STREET_CELL)).str.replace(_UNIT, "")
    return pl.when(key.str.contains(_STREET_SHAPE) & (key.str.len_chars() >= 6)).then(key)
