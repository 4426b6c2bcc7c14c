"""Regex fragments shared by several pattern recognizers (sources, not compiled).

Identifiers after a label, phone shapes, and the parts of a US postal address. Every
fragment avoids nested unbounded repetition, so no input makes a pattern backtrack
catastrophically, and leading character classes are guarded by a lookbehind so that a
scan tries each token once, not each character of it.
"""

from __future__ import annotations

__all__ = [
    "ID_VALUE",
    "LABEL_GAP",
    "NANP_PHONE",
    "PHONE_EXTENSION",
    "STATE",
    "STATE_CODE",
    "STREET_SUFFIX",
    "UNIT",
    "UPPER_ANY_SCRIPT",
    "WORD_OF_ANY_SCRIPT",
    "labelled",
]

LABEL_GAP = r"(?:\s*(?:#|:|=|\.|\bno\b\.?|\bnum(?:ber)?\b\.?|\bnbr\b\.?|\bid\b|\bis\b)){0,3}\s*"
"""What may sit between a label and its value: ``#``, ``:``, ``no.``, ``number``, ``ID``."""

ID_VALUE = (
    r"(?P<value>(?=[A-Za-z-]{0,24}\d)[A-Za-z0-9](?:[A-Za-z0-9]|[-/](?=[A-Za-z0-9])){3,29})"
    r"(?![A-Za-z0-9])"
)
"""An identifier: 4 to 30 letters, digits and inner hyphens, with at least one digit."""


def labelled(label: str, value: str = ID_VALUE) -> str:
    """A regex for ``value`` right after one of the labels in ``label``.

    Parameters
    ----------
    label
        A regex alternation of labels (matched as whole words on the left).
    value
        The value's regex; it names the reported part ``value``.

    Returns
    -------
    str
        The regex source.

    Examples
    --------
    >>> import re
    >>> re.search(labelled("mrn"), "MRN: 1234567", re.IGNORECASE).group("value")
    '1234567'
    """
    return rf"(?<![A-Za-z0-9])(?:{label})(?![A-Za-z]){LABEL_GAP}{value}"


PHONE_EXTENSION = r"(?:,?[ \t]{0,2}(?:x|ext\.?|extension)[ \t]{0,2}#?[ \t]{0,2}\d{1,5}(?!\w))"
"""An extension after a number, part of its span: ``x204``, ``ext. 3``, ``, extension 4471``."""

NANP_PHONE = (
    r"(?=[\d(+])(?:(?:(?<![\w+])\+?1[\s.-]?|(?<![\w./+-]))"
    r"(?:\(\s?\d{3}\s?\)[\s.-]?|\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}"
    r"|(?<![\w./+-])\d{3}/\d{3}/\d{4}"
    r"|(?<![\w+])\(\d{6}[\s.-]\d{4}\)?"
    rf")(?![\d/-]){PHONE_EXTENSION}?"
)
"""A North American number, whatever its digits (fake and test numbers included).

``(402) 555-0199``, ``402.555.0199``, ``301 944-5032``, ``+1 402 555 0199 x12``,
``201/324/1423``, and the mistyped brackets ``(240444-1243)`` and ``240)444-1243``.
"""

INTERNATIONAL_PHONE = (
    r"(?<![\w+])\+(?!1[\s.-]?\d{3}[\s.-]?\d{3}[\s.-]?\d{4})[2-9]\d{0,2}(?:[\s.-]?\(0\))?"
    r"(?:[\s.-]?\d{2,4}){2,5}(?![\w.-]|/\d)"
)
"""A number after ``+`` and a country code other than 1, optional trunk ``(0)``: ``+41 (0)71 526 99 04``."""

PHONE_DIGIT_GROUPS = (
    r"(?:\+|00)?(?:\(\d{1,4}\)|\d{1,5})(?:[ .-]{1,2}(?:\(\d{1,6}\)|\d{2,6})){1,4}"
    r"(?:[ \t]{0,2}(?:x|ext\.?)[ \t]{0,2}\d{1,5})?"
)
"""Digit groups of any national layout (``0393 1144137``, ``01.84.17.61.18``); only next to a label."""

STREET_SUFFIX = (
    r"(?:street|st|avenue|ave|av|road|rd|drive|dr|lane|ln|court|ct|boulevard|blvd|place|pl|"
    r"way|terrace|ter|circle|cir|parkway|pkwy|highway|hwy|trail|trl|square|sq|loop|pike|"
    r"plaza|plz|crescent|cres|alley|aly|row|run|path|crossing|xing|point|ridge|route|"
    r"rte|expressway|expy|freeway|fwy|turnpike|tpke|spurs?|cliffs?|mews|stream|landing|plains?|islands?|"
    r"isle|corners?|mountains?|mtn|locks?|summit|bypass|forges?|fork|forks|glen|glens|green|grove|"
    r"gardens?|harbor|hbr|heights|hts|hills?|hollow|junction|jct|key|keys|knolls?|lakes?|manor|"
    r"meadows?|mill|mills|mission|motorway|oval|park|parks|pass|passage|pines|port|prairie|"
    r"ranch|rapids?|rest|shoals?|shores?|springs?|spur|station|sta|stravenue|streets|terrace|"
    r"trace|track|trafficway|tunnel|underpass|union|valley|vly|viaduct|view|villages?|vista|"
    r"walk|wall|ways|wells?|estates?|extension|falls|ferry|field|fields|flats?|ford|fords|"
    r"fort|freeway|bay|beach|bend|bluffs?|bottom|branch|bridge|brook|brooks|burg|burgs|camp|"
    r"canyon|cape|causeway|center|ctr|centers|circles|club|common|commons|course|courts|cove|"
    r"coves|creek|crest|curve|dale|dam|divide|drives|crossroad)"
)
"""USPS street suffixes and their common abbreviations."""

UNIT = (
    r"(?:,?\s{1,3}(?:apt|apartment|unit|suite|ste|bldg|building|floor|fl|room|rm|lot|#)\.?"
    r"\s{0,2}#?\s{0,2}[A-Za-z0-9][A-Za-z0-9-]{0,5}(?![A-Za-z0-9]))"
)
"""A secondary unit after a street: ``Apt 4B``, ``Suite 200``, ``# 12``."""

STATE_CODE = (
    r"(?-i:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|"
    r"S[CD]|T[NX]|UT|V[TA]|W[AVIY]|PR)"
)
"""A US state's two-letter code, in upper case."""

STATE = (
    rf"(?:{STATE_CODE}|alabama|alaska|arizona|arkansas|california|colorado|"
    r"connecticut|delaware|florida|georgia|hawaii|idaho|illinois|indiana|iowa|kansas|kentucky|"
    r"louisiana|maine|maryland|massachusetts|michigan|minnesota|mississippi|missouri|montana|"
    r"nebraska|nevada|new\s+hampshire|new\s+jersey|new\s+mexico|new\s+york|north\s+carolina|"
    r"north\s+dakota|ohio|oklahoma|oregon|pennsylvania|rhode\s+island|south\s+carolina|"
    r"south\s+dakota|tennessee|texas|utah|vermont|virginia|washington|west\s+virginia|wisconsin|"
    r"wyoming|puerto\s+rico|district\s+of\s+columbia)(?![A-Za-z])"
)
"""A US state: its two-letter code in upper case, or its name in any case."""

UPPER_ANY_SCRIPT = r"(?-i:[^\W\d_a-z])"
r"""An upper-case letter of any script (Python's ``re`` has no ``\p{Lu}``), in any flags."""

WORD_OF_ANY_SCRIPT = r"[^\W\d_](?:[^\W\d_]|['\u2019.-](?=[^\W\d_]))*\.?"
"""A word of letters of any script, with inner apostrophes, dots or hyphens, and a final dot."""
