"""Shifting a date written in free text by a number of days, keeping how it was written.

Clinical text writes dates many ways (``03/14/2021``, ``3/14/21``, ``7/22``,
``2021-03-14T10:00``, ``27-Jan-2019``, ``Jan 5th``, ``September 25, 2023``,
``5th of January``). :func:`shift_date_text` parses the usual US forms (month before
day), moves the date and writes each part back in the style it had: zero padding,
two- or four-digit year, month name in full, abbreviated (with or without a full stop)
or numeric, its letter case, and ordinal suffixes. Anything after the date (a time)
is kept. A date written without a year is shifted within a leap year, so 2/29 is
valid. It returns None for text it cannot read, which the caller replaces by a tag.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["shift_date_text"]

_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_NAME = (
    r"(?P<name>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>\d{1,2})(?P<ordinal>st|nd|rd|th)?"
_TAIL = r"(?P<tail>(?:[T ,]+|\s+at\s+)\d{1,2}:\d{2}.*)?"
_FORMS = tuple(
    re.compile(form, re.IGNORECASE | re.DOTALL)
    for form in (
        rf"(?P<year>\d{{4}})(?P<sep>[-/.])(?P<month>\d{{1,2}})(?P=sep)(?P<day>\d{{1,2}}){_TAIL}",
        rf"(?P<month>\d{{1,2}})(?P<sep>[-/.])(?P<day>\d{{1,2}})(?:(?P=sep)'?(?P<year>\d{{4}}|\d{{2}}))?{_TAIL}",
        rf"{_DAY}(?:[- ]|\s+of\s+){_MONTH_NAME}(?:[-, ]+'?(?P<year>\d{{4}}|\d{{2}}))?{_TAIL}",
        rf"{_MONTH_NAME}[ ]*{_DAY}(?:,?[ ]+|,)?(?P<year>\d{{4}})?{_TAIL}",
    )
)
_PADDED_FORMS = frozenset({0, 2})  # ISO dates and 27-Jan-2019 pad their two-digit parts
_LEAP_YEAR = 2000
_TWO_DIGIT_PIVOT = 69  # as strptime's %y: 69-99 are 19xx, 00-68 are 20xx
_ORDINALS = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}


def _number(written: str, value: int, *, padded: bool) -> str:
    """``value`` written with two digits if ``written`` had two and the date is zero-padded."""
    return f"{value:02d}" if padded and len(written) == 2 else str(value)


def _month_name(written: str, month: int) -> str:
    full = _MONTH_NAMES[month - 1]
    if len(written) == 4 and written.lower() == "sept":
        name = "sept" if month == 9 else full[:3]
    elif written.lower() in _MONTH_NAMES:
        name = full
    else:
        name = full[:3]
    if written.isupper() and len(written) > 1:
        return name.upper()
    if written[0].isupper():
        return name.capitalize()
    return name


def _year(written: str, value: int) -> str:
    return str(value) if len(written) == 4 else f"{value % 100:02d}"


def _read_year(written: str | None) -> int:
    if written is None:
        return _LEAP_YEAR
    value = int(written)
    if len(written) == 2:
        return value + (1900 if value >= _TWO_DIGIT_PIVOT else 2000)
    return value


def _month_of(match: re.Match[str]) -> int:
    if match.groupdict().get("name") is None:
        return int(match.group("month"))
    prefix = match.group("name")[:3].lower()
    return next(index for index, name in enumerate(_MONTH_NAMES, start=1) if name.startswith(prefix))


def _render(match: re.Match[str], moved: dt.date, *, padded: bool) -> str:
    replacements: list[tuple[int, int, str]] = []
    groups = match.groupdict()
    if groups.get("year") is not None:
        replacements.append((*match.span("year"), _year(groups["year"], moved.year)))
    if groups.get("month") is not None:
        replacements.append((*match.span("month"), _number(groups["month"], moved.month, padded=padded)))
    if groups.get("name") is not None:
        replacements.append((*match.span("name"), _month_name(groups["name"], moved.month)))
    replacements.append((*match.span("day"), _number(groups["day"], moved.day, padded=padded)))
    if groups.get("ordinal") is not None:
        suffix = _ORDINALS.get(moved.day, "th")
        replacements.append(
            (*match.span("ordinal"), suffix.upper() if groups["ordinal"].isupper() else suffix)
        )
    written = match.string
    pieces: list[str] = []
    position = 0
    for start, end, value in sorted(replacements):
        pieces.extend((written[position:start], value))
        position = end
    pieces.append(written[position:])
    return "".join(pieces)


def shift_date_text(written: str, days: int) -> str | None:
    """Return the date ``written`` moved by ``days``, in the same format; None if unreadable.

    Parameters
    ----------
    written
        The date as it appears in the text.
    days
        The offset in days (negative moves earlier).

    Examples
    --------
    >>> shift_date_text("03/14/2021", 10)
    '03/24/2021'
    >>> shift_date_text("2021-03-14T10:00", -14)
    '2021-02-28T10:00'
    >>> shift_date_text("Jan 5th", -7)
    'Dec 29th'
    >>> shift_date_text("27-JAN-2019", 7)
    '03-FEB-2019'
    >>> shift_date_text("5th of January, 2020", 28)
    '2nd of February, 2020'
    >>> shift_date_text("the day after", 3) is None
    True
    """
    for number, form in enumerate(_FORMS):
        match = form.fullmatch(written.strip())
        if match is None:
            continue
        try:
            when = dt.date(_read_year(match.group("year")), _month_of(match), int(match.group("day")))
        except ValueError:
            return None
        moved = when + dt.timedelta(days=days)
        numbers = [match.group(name) for name in ("month", "day") if match.groupdict().get(name)]
        padded = number in _PADDED_FORMS or any(len(part) == 2 and part[0] == "0" for part in numbers)
        rendered = _render(match, moved, padded=padded)
        lead = written[: len(written) - len(written.lstrip())]
        trail = written[len(written.rstrip()) :]
        return f"{lead}{rendered}{trail}"
    return None
