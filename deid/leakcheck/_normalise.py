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
    "city_key",
    "email_key",
    "full_name_key",
    "mrn_key",
    "name_part_key",
    "other_id_key",
    "phone_key",
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
_STREET_SHAPE = r"^(?:\d+[a-z]? [a-z0-9]|po box \d)"


def words(text: pl.Expr) -> pl.Expr:
    """Lower-case words without accents or punctuation, street words abbreviated.

    Examples
    --------
    >>> pl.select(words(pl.lit("  José O'Brien, 12 North Main Street "))).item()
    'jose obrien 12 n main st'
    """
    folded = (
        text.str.normalize("NFKD")
        .str.replace_all(r"\p{M}+", "")
        .str.replace_all(r"['’`]", "")
        .str.to_lowercase()
    )
    spaced = folded.str.replace_all(r"[^\p{L}\p{N}]+", " ").str.strip_chars()
    # Doubling the spaces gives every word its own pair of delimiters, so adjacent
    # words ("north main street") are each replaced by the one-pass Aho-Corasick.
    delimited = pl.concat_str(pl.lit(" "), spaced.str.replace_all(" ", "  ", literal=True), pl.lit(" "))
    abbreviated = delimited.str.replace_many(
        [f" {word} " for word in STREET_WORDS], [f" {short} " for short in STREET_WORDS.values()]
    )
    return abbreviated.str.replace_all(" +", " ").str.strip_chars()


def full_name_key(text: pl.Expr) -> pl.Expr:
    """A name of at least two words and five characters, as :func:`words`."""
    key = words(text)
    return pl.when(key.str.contains(" ") & (key.str.len_chars() >= 5)).then(key)


def name_part_key(text: pl.Expr) -> pl.Expr:
    """One given or family name (two characters or more), as :func:`words`."""
    key = words(text)
    return pl.when(key.str.len_chars() >= 2).then(key)


def street_key(text: pl.Expr) -> pl.Expr:
    """A street address line: house number and street, as :func:`words`, unit removed.

    Examples
    --------
    >>> pl.select(street_key(pl.lit("9427 Anthony Point, Apt. 12"))).item()
    '9427 anthony pt'
    """
    key = words(text).str.replace(_UNIT, "")
    return pl.when(key.str.contains(_STREET_SHAPE) & (key.str.len_chars() >= 6)).then(key)


def city_key(text: pl.Expr) -> pl.Expr:
    """A place name or FIPS code of four characters or more, as :func:`words`."""
    key = words(text)
    return pl.when(key.str.len_chars() >= 4).then(key)


def phone_key(text: pl.Expr) -> pl.Expr:
    """The ten national digits of a North American phone number (extension dropped).

    Examples
    --------
    >>> pl.select(phone_key(pl.lit("+1 (816) 215-8564 ext. 12"))).item()
    '8162158564'
    """
    core = text.str.replace(r"(?i)\s*(?:x|ext\.?|extension)\s*\d{1,6}\s*$", "").str.strip_chars()
    digits = core.str.replace_all(r"\D", "")
    national = (
        pl.when((digits.str.len_bytes() == 11) & digits.str.starts_with("1"))
        .then(digits.str.slice(1))
        .otherwise(digits)
    )
    return pl.when(core.str.contains(r"^\+?[\d\s().\-]+$") & (national.str.len_bytes() == 10)).then(national)


def ssn_key(text: pl.Expr) -> pl.Expr:
    """The nine digits of an SSN written ``123-45-6789``, ``123 45 6789`` or ``123456789``."""
    shaped = text.str.contains(r"^\s*\d{3}[\s.\-]?\d{2}[\s.\-]?\d{4}\s*$")
    return pl.when(shaped).then(text.str.replace_all(r"\D", ""))


def email_key(text: pl.Expr) -> pl.Expr:
    """An email address in lower case, without a ``mailto:`` prefix."""
    key = text.str.strip_chars().str.to_lowercase().str.replace(r"^mailto:", "")
    return pl.when(key.str.contains(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")).then(key)


def _alphanumeric(text: pl.Expr) -> pl.Expr:
    return text.str.to_uppercase().str.replace_all(r"[^0-9A-Z]", "")


def mrn_key(text: pl.Expr) -> pl.Expr:
    """Upper-case letters and digits, an ``MRN`` prefix dropped; five characters or more.

    Examples
    --------
    >>> pl.select(mrn_key(pl.lit("mrn: 1031-4187"))).item()
    '10314187'
    """
    key = _alphanumeric(text).str.replace(r"^MRN(\d)", "$1")
    return pl.when(key.str.contains(r"\d") & (key.str.len_bytes() >= 5)).then(key)


def other_id_key(text: pl.Expr) -> pl.Expr:
    """Upper-case letters and digits with at least one digit; six characters or more."""
    key = _alphanumeric(text)
    return pl.when(key.str.contains(r"\d") & (key.str.len_bytes() >= 6)).then(key)


def record_id_key(text: pl.Expr) -> pl.Expr:
    """A record key in lower case without hyphens or braces.

    At least eight characters, and a letter or at least twelve digits, so that short
    integer keys do not collide with clinical codes.

    Examples
    --------
    >>> pl.select(record_id_key(pl.lit("{3F957062-FDA2-49DF-B098-D1B14AB2D2F3}"))).item()
    '3f957062fda249dfb098d1b14ab2d2f3'
    """
    key = text.str.strip_chars().str.to_lowercase().str.replace_all(r"[{}\-]", "")
    shaped = key.str.contains(r"^[0-9a-z]{8,64}$")
    distinctive = key.str.contains(r"[a-z]") | (key.str.len_bytes() >= 12)
    return pl.when(shaped & distinctive).then(key)


def zip5_key(text: pl.Expr) -> pl.Expr:
    """The first five digits of a ZIP or ZIP+4 code."""
    return text.str.extract(r"^\s*(\d{5})(?:[\s\-]?\d{4})?\s*$", 1)


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
