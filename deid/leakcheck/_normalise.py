"""Normalisers: one per category, applied alike to input identifiers and output cells.

Each takes a ``String`` expression and returns the comparison key, or null when the
value does not have the category's shape (a cell that cannot be a phone number has no
phone key). Keys are compared by exact membership, so both sides must go through the
same function.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from deid.leakcheck._categories import Category

__all__ = [
    "KEY_OF",
    "STREET_WORDS",
    "alphanumeric",
    "at_least",
    "city_key",
    "email_key",
    "full_name_key",
    "mrn_from_alphanumeric",
    "mrn_key",
    "name_part_key",
    "other_id_from_alphanumeric",
    "other_id_key",
    "phone_key",
    "place_words",
    "record_id_key",
    "ssn_key",
    "street_key",
    "words",
    "zip5_key",
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

# Cheap anchored shape tests. Each normaliser applies its regex replacements only to
# the cells passing its test, the others being replaced by empty strings first: a
# masked (null) cell keeps its text in the buffer and string kernels still rewrite it.
# \u2019 is the typographic apostrophe, spelled as a regex escape.
_NAME_SHAPE = r"^\s*\p{L}[\p{L}\s.,'\u2019`\-]*$"
_PLACE_SHAPE = r"^\s*(?:\p{L}[\p{L}\s.,'\u2019`&\-]+|[0-9]{5})\s*$"
_STREET_CELL = r"(?i)^\s*(?:[0-9]+[a-z]?[\s,]+\S|p\.?\s*o\.?\s*box)"
_PHONE_CELL = r"(?i)^\s*\+?[0-9\s().\-]+(?:(?:x|ext\.?|extension)\s*[0-9]+)?\s*$"
_SSN_CELL = r"^\s*[0-9]{3}[\s.\-]?[0-9]{2}[\s.\-]?[0-9]{4}\s*$"
_ID_CELL = r"(?i)^\s*(?:(?:mrn|id|no)(?-u:\b)\.?)?\s*[:#]?\s*[0-9A-Za-z][0-9A-Za-z.\-/]*\s*$"
"""One token, optionally labelled (``MRN: 1031-4187``, ``#AC8740900``)."""
_ID_MAX_BYTES = 40
_RECORD_CELL = r"^\s*\{?[0-9A-Za-z\-]+\}?\s*$"


def _only_if(condition: pl.Expr, text: pl.Expr) -> pl.Expr:
    """The cell where the condition holds, else the empty string (cheap to process)."""
    return pl.when(condition).then(text).otherwise(pl.lit(""))


def _only(text: pl.Expr, shape: str) -> pl.Expr:
    """The cell where it has the shape, else the empty string."""
    return _only_if(text.str.contains(shape), text)


def at_least(key: pl.Expr, chars: int) -> pl.Expr:
    """The key where it has at least ``chars`` characters, else null."""
    return pl.when(key.str.len_chars() >= chars).then(key)


def _ascii_folded(text: pl.Expr) -> pl.Expr:
    """Accents removed; the slow Unicode decomposition runs on non-ASCII cells only."""
    non_ascii = text.str.contains(r"[^\x00-\x7F]")
    decomposed = _only_if(non_ascii, text).str.normalize("NFKD").str.replace_all(r"\p{M}+", "")
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
    key = words(_only(text, _NAME_SHAPE))
    return pl.when(key.str.contains(" ", literal=True) & (key.str.len_chars() >= 5)).then(key)


def place_words(text: pl.Expr) -> pl.Expr:
    """Lower-case words without accents or punctuation of a cell shaped like a name or place.

    Lighter than :func:`words` (no street abbreviations): it runs on every short cell.

    Examples
    --------
    >>> pl.select(place_words(pl.lit("Coeur d'Alene"))).item()
    'coeur dalene'
    """
    folded = _ascii_folded(_only(text, _PLACE_SHAPE)).str.replace_all(r"['\u2019`]", "")
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
    key = words(_only(text, _STREET_CELL)).str.replace(_UNIT, "")
    return pl.when(key.str.contains(_STREET_SHAPE) & (key.str.len_chars() >= 6)).then(key)


def phone_key(text: pl.Expr) -> pl.Expr:
    """The ten national digits of a North American phone number (extension dropped).

    Examples
    --------
    >>> pl.select(phone_key(pl.lit("+1 (816) 215-8564 ext. 12"))).item()
    '8162158564'
    """
    core = _only(text, _PHONE_CELL).str.replace(r"(?i)(?:x|ext\.?|extension)\s*[0-9]+\s*$", "")
    digits = core.str.replace_all("[^0-9]", "")
    length = digits.str.len_bytes()
    national = (length == 11) & digits.str.starts_with("1")
    return pl.when(length == 10).then(digits).when(national).then(digits.str.slice(1))


def ssn_key(text: pl.Expr) -> pl.Expr:
    """The nine digits of an SSN written ``123-45-6789``, ``123 45 6789`` or ``123456789``."""
    digits = _only(text, _SSN_CELL).str.replace_all("[^0-9]", "")
    return pl.when(digits.str.len_bytes() == 9).then(digits)


def email_key(text: pl.Expr) -> pl.Expr:
    """An email address in lower case, without a ``mailto:`` prefix."""
    key = _only(text, "@").str.strip_chars().str.to_lowercase().str.replace(r"^mailto:", "")
    return pl.when(key.str.contains(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")).then(key)


def alphanumeric(text: pl.Expr) -> pl.Expr:
    """Upper-case letters and digits of a short id-like cell with a digit, else empty."""
    shaped = (
        (text.str.len_bytes() <= _ID_MAX_BYTES) & text.str.contains("[0-9]") & text.str.contains(_ID_CELL)
    )
    return _only_if(shaped, text).str.to_uppercase().str.replace_all(r"[^0-9A-Z]", "")


def mrn_from_alphanumeric(key: pl.Expr) -> pl.Expr:
    """:func:`mrn_key` of a value already reduced by :func:`alphanumeric`."""
    return at_least(key.str.replace(r"^MRN([0-9])", "$1"), 5)


def mrn_key(text: pl.Expr) -> pl.Expr:
    """Upper-case letters and digits, an ``MRN`` prefix dropped; five characters or more.

    Examples
    --------
    >>> pl.select(mrn_key(pl.lit("mrn: 1031-4187"))).item()
    '10314187'
    """
    return mrn_from_alphanumeric(alphanumeric(text))


def other_id_from_alphanumeric(key: pl.Expr) -> pl.Expr:
    """:func:`other_id_key` of a value already reduced by :func:`alphanumeric`."""
    return at_least(key, 6)


def other_id_key(text: pl.Expr) -> pl.Expr:
    """Upper-case letters and digits with at least one digit; six characters or more."""
    return other_id_from_alphanumeric(alphanumeric(text))


def record_id_key(text: pl.Expr) -> pl.Expr:
    """A record key (with a digit) in lower case without hyphens or braces.

    Eight to 64 characters, and a letter or at least twelve digits, so that short
    integer keys do not collide with clinical codes.

    Examples
    --------
    >>> pl.select(record_id_key(pl.lit("{3F957062-FDA2-49DF-B098-D1B14AB2D2F3}"))).item()
    '3f957062fda249dfb098d1b14ab2d2f3'
    """
    length = text.str.len_bytes()
    shaped = (length >= 8) & text.str.contains("[0-9]") & text.str.contains(_RECORD_CELL)
    key = _only_if(shaped, text).str.strip_chars().str.to_lowercase().str.replace_all(r"[{}\-]", "")
    key_length = key.str.len_bytes()
    distinctive = key.str.contains("[a-z]") | (key_length >= 12)
    return pl.when((key_length >= 8) & (key_length <= 64) & distinctive).then(key)


def zip5_key(text: pl.Expr) -> pl.Expr:
    """The first five digits of a ZIP or ZIP+4 code."""
    return text.str.extract(r"^\s*([0-9]{5})(?:[\s\-]?[0-9]{4})?\s*$", 1)


KEY_OF: dict[Category, Callable[[pl.Expr], pl.Expr]] = {
    Category.NAME: full_name_key,
    Category.NAME_PART: name_part_key,
    Category.SSN: ssn_key,
    Category.MRN: mrn_key,
    Category.PHONE: phone_key,
    Category.EMAIL: email_key,
    Category.STREET_ADDRESS: street_key,
    Category.OTHER_ID: other_id_key,
    Category.RECORD_ID: record_id_key,
    Category.ZIP5: zip5_key,
    Category.CITY: city_key,
}
"""The whole-cell normaliser of every category except the dates."""
