"""Normalisers: polars expressions that put identifiers into one comparable form.

Each takes a string expression and returns a string expression, null where the value
is missing or cannot be a valid identifier of its kind (a null never matches anything).
They run inside lazy plans, so no value is ever copied into Python. Each is one chain
of vectorised string kernels (no branches that would evaluate it twice).
"""

from __future__ import annotations

from types import MappingProxyType

import polars as pl

MAX_NAME_CHARS = 64
"""Normalised names are cut to this length (the typo comparison assumes a bound)."""

LETTER_FOLDS = MappingProxyType(
    {
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "\u0131": "i",  # dotless i
    }
)
"""Lower-case letters that Unicode decomposition leaves whole, and their ASCII spelling."""

NAME_SUFFIX_PATTERN = r"(?i)[\s,]+(?:jr|sr|ii|iii|iv|md|phd|dds|esq)\.?\s*$"
"""Generational and professional suffixes typed after a surname ("Smith Jr.")."""

PHONE_EXTENSION_PATTERN = r"(?i)\s*(?:ext\.?|extension|x|#)\s*\d+\s*$"
NANP_PATTERN = r"^1?([2-9]\d{2}[2-9]\d{6})$"
"""A North American number, country code optional: area code and exchange do not start
with 0 or 1."""

STREET_WORDS = MappingProxyType(
    {
        "street": "st",
        "avenue": "ave",
        "road": "rd",
        "drive": "dr",
        "lane": "ln",
        "court": "ct",
        "boulevard": "blvd",
        "place": "pl",
        "terrace": "ter",
        "circle": "cir",
        "parkway": "pkwy",
        "highway": "hwy",
        "north": "n",
        "south": "s",
        "east": "e",
        "west": "w",
        "apartment": "",
        "apt": "",
        "unit": "",
        "suite": "",
        "ste": "",
        "number": "",
        "no": "",
    }
)
"""USPS abbreviations of common street words ("Main Street" equals "Main St"), and unit
designators dropped so that "Apt 4", "Unit 4" and "#4" all leave the number."""

EMAIL_PATTERN = r"^(?:mailto:)?([^@\s]+@[^@\s]+\.[^@\s]+)$"
ZIP_PATTERN = r"^(\d{5})(?:[-\s]?\d{4})?$"
SHORT_ZIP_PATTERN = r"^(\d{3,4})$"
"""A ZIP code whose leading zeros a spreadsheet dropped ("2134" for "02134")."""


def _fold_letters(text: pl.Expr) -> pl.Expr:
    decomposed = text.str.to_lowercase().str.normalize("NFKD").str.replace_all(r"\p{M}", "")
    return decomposed.str.replace_many(list(LETTER_FOLDS), list(LETTER_FOLDS.values()))


def normalise_name(name: pl.Expr) -> pl.Expr:
    """Casefold, strip accents and keep letters only.

    Removes digits (Synthea appends them to names), spaces, hyphens, apostrophes and
    other punctuation; non-Latin letters are kept.

    Examples
    --------
    >>> frame = pl.DataFrame({"name": ["  O'Brien-Núñez ", "Strauß", "Abe604", "--", None]})
    >>> frame.select(normalise_name(pl.col("name")))["name"].to_list()
    ['obriennunez', 'strauss', 'abe', None, None]
    """
    letters = _fold_letters(name).str.replace_all(r"[^\p{L}]", "").str.slice(0, MAX_NAME_CHARS)
    return letters.replace("", None)


def normalise_surname(name: pl.Expr) -> pl.Expr:
    """Like :func:`normalise_name`, after dropping a trailing suffix such as "Jr." or "III".

    Examples
    --------
    >>> frame = pl.DataFrame({"name": ["Smith Jr.", "Smith, III", "Iverson", "De la Cruz"]})
    >>> frame.select(normalise_surname(pl.col("name")))["name"].to_list()
    ['smith', 'smith', 'iverson', 'delacruz']
    """
    return normalise_name(name.str.replace(NAME_SUFFIX_PATTERN, ""))


def normalise_street(street: pl.Expr) -> pl.Expr:
    """Casefold a street address, abbreviate street words, drop unit words and punctuation.

    Examples
    --------
    >>> values = ["12 North Main Street, Apt. 4", "12 N MAIN ST #4", "  ", None]
    >>> pl.DataFrame({"street": values}).select(normalise_street(pl.col("street")))["street"].to_list()
    ['12nmainst4', '12nmainst4', None, None]
    """
    words = _fold_letters(street).str.replace_all(r"[^\p{L}\p{N}]+", " ").str.split(" ")
    abbreviated = words.list.eval(pl.element().replace(dict(STREET_WORDS))).list.join("")
    return abbreviated.replace("", None)


def normalise_phone(phone: pl.Expr) -> pl.Expr:
    """Return the ten-digit North American number, without +1, punctuation or extension.

    Examples
    --------
    >>> values = ["(402) 555-0123", "+1 402.555.0123 ext. 12", "14025550123", "555-0123", "123-456-7890"]
    >>> pl.DataFrame({"phone": values}).select(normalise_phone(pl.col("phone")))["phone"].to_list()
    ['4025550123', '4025550123', '4025550123', None, None]
    """
    digits = phone.str.replace(PHONE_EXTENSION_PATTERN, "").str.replace_all(r"\D", "")
    return digits.str.extract(NANP_PATTERN, 1)


def normalise_email(email: pl.Expr) -> pl.Expr:
    """Return the trimmed, lower-cased address, or null when it is not an address.

    Examples
    --------
    >>> values = ["  Ann.Lee@Example.ORG ", "mailto:bo@example.com", "not an email", ""]
    >>> pl.DataFrame({"email": values}).select(normalise_email(pl.col("email")))["email"].to_list()
    ['ann.lee@example.org', 'bo@example.com', None, None]
    """
    return email.str.strip_chars().str.to_lowercase().str.extract(EMAIL_PATTERN, 1)


def normalise_zip5(postal_code: pl.Expr) -> pl.Expr:
    """Return the five-digit ZIP code (ZIP+4 cut, lost leading zeros restored).

    Examples
    --------
    >>> values = ["68111", "68111-4646", "681114646", "2134", "00000", "K1A 0B1"]
    >>> pl.DataFrame({"zip": values}).select(normalise_zip5(pl.col("zip")))["zip"].to_list()
    ['68111', '68111', '68111', '02134', None, None]
    """
    trimmed = postal_code.str.strip_chars()
    zip5 = pl.coalesce(
        trimmed.str.extract(ZIP_PATTERN, 1), trimmed.str.extract(SHORT_ZIP_PATTERN, 1).str.zfill(5)
    )
    return zip5.replace("00000", None)


def normalise_mrn(mrn: pl.Expr) -> pl.Expr:
    """Return the MRN's digits without leading zeros (prefixes such as "MRN" dropped).

    Old-format CRM values ("NE-345678") keep their digits, which do not equal any
    current MRN; a digit-only collision is caught by the corroboration rule.

    Examples
    --------
    >>> values = ["12345678", " MRN 0012345678", "mrn#12345678", "NE-345678", "000", "n/a"]
    >>> pl.DataFrame({"mrn": values}).select(normalise_mrn(pl.col("mrn")))["mrn"].to_list()
    ['12345678', '12345678', '12345678', '345678', None, None]
    """
    return mrn.str.replace_all(r"\D", "").str.strip_chars_start("0").replace("", None)
