"""Normalisers: one per category, applied alike to input identifiers and output cells.

Each takes a ``String`` expression and returns the comparison key, or null when the
value does not have the category's shape (a cell that cannot be a phone number has no
phone key). Keys are compared by exact membership, so both sides must go through the
same function. Word-based keys (names, places, streets) live in
:mod:`deid.leakcheck._words`; this module holds the number and id keys and the
registry of every category's normaliser.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from deid.leakcheck._categories import Category
from deid.leakcheck._gates import at_least, only, only_if
from deid.leakcheck._words import city_key, full_name_key, name_part_key, street_key

__all__ = [
    "KEY_OF",
    "alphanumeric",
    "email_key",
    "mrn_from_alphanumeric",
    "mrn_key",
    "other_id_from_alphanumeric",
    "other_id_key",
    "phone_key",
    "record_id_key",
    "ssn_key",
    "zip5_key",
]

_PHONE_CELL = r"(?i)^\s*\+?[0-9\s().\-]+(?:(?:x|ext\.?|extension)\s*[0-9]+)?\s*$"
_SSN_CELL = r"^\s*[0-9]{3}[\s.\-]?[0-9]{2}[\s.\-]?[0-9]{4}\s*$"
_ID_CELL = r"(?i)^\s*(?:(?:mrn|id|no)(?-u:\b)\.?)?\s*[:#]?\s*[0-9A-Za-z][0-9A-Za-z.\-/]*\s*$"
"""One token, optionally labelled (``MRN: 1031-4187``, ``#AC8740900``)."""
_ID_MAX_BYTES = 24
"""MRNs and licence numbers are short; 32-hex pseudonyms must not pay for this path."""
_RECORD_CELL = r"^\s*\{?[0-9A-Za-z\-]+\}?\s*$"


def phone_key(text: pl.Expr) -> pl.Expr:
    """The ten national digits of a North American phone number (extension dropped).

    Examples
    --------
    >>> pl.select(phone_key(pl.lit("+1 (816) 215-8564 ext. 12"))).item()
    '8162158564'
    """
    core = only(text, _PHONE_CELL).str.replace(r"(?i)(?:x|ext\.?|extension)\s*[0-9]+\s*$", "")
    digits = core.str.replace_all("[^0-9]", "")
    length = digits.str.len_bytes()
    national = (length == 11) & digits.str.starts_with("1")
    return pl.when(length == 10).then(digits).when(national).then(digits.str.slice(1))


def ssn_key(text: pl.Expr) -> pl.Expr:
    """The nine digits of an SSN written ``123-45-6789``, ``123 45 6789`` or ``123456789``."""
    digits = only(text, _SSN_CELL).str.replace_all("[^0-9]", "")
    return pl.when(digits.str.len_bytes() == 9).then(digits)


def email_key(text: pl.Expr) -> pl.Expr:
    """An email address in lower case, without a ``mailto:`` prefix."""
    key = only(text, "@").str.strip_chars().str.to_lowercase().str.replace(r"^mailto:", "")
    return pl.when(key.str.contains(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")).then(key)


def alphanumeric(text: pl.Expr) -> pl.Expr:
    """Upper-case letters and digits of a short id-like cell with a digit, else empty."""
    shaped = (
        (text.str.len_bytes() <= _ID_MAX_BYTES) & text.str.contains("[0-9]") & text.str.contains(_ID_CELL)
    )
    return only_if(shaped, text).str.to_uppercase().str.replace_all(r"[^0-9A-Z]", "")


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
    # Decided on the cell itself: every reference to the key would recompute it.
    shaped = text.str.contains(_RECORD_CELL) & text.str.contains("[0-9]")
    # Characters not in the key are few (hyphens, braces, outer spaces): count those.
    key_length = text.str.len_bytes() - text.str.count_matches("[^0-9A-Za-z]")
    distinctive = text.str.contains("[A-Za-z]") | (key_length >= 12)
    key = text.str.strip_chars().str.to_lowercase().str.replace_all(r"[{}\-]", "")
    return pl.when(shaped & (key_length >= 8) & (key_length <= 64) & distinctive).then(key)


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
