"""Contact, identifier and geography slots.

Values come from the context where it has them (phone, email, MRN, ...); the
identifiers it lacks (fax, licence, device serial, plate, portal token, IP) are
generated from the row's random draws, so they follow the seed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import polars as pl

from deid.synth.text._lexicon import DEVICES, STAFF_FIRST_NAMES, STAFF_LAST_NAMES
from deid.synth.text._model import ROW_DRAW, Draws, Slot, SlotRender, Variant, choose, digit, pick, pick_word

__all__ = ["ID_SLOTS"]

_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"
_PORTAL_HOSTS = ("https://portal.healthtrove-clinic.org/msg/", "https://mychart.riversidefm.org/Login?token=")


def _letters(draw: pl.Expr, count: int, *, first_position: int) -> list[pl.Expr]:
    return [
        pick_word(digit(draw, len(_LETTERS), first_position + offset), list(_LETTERS))
        for offset in range(count)
    ]


def _number(draw: pl.Expr, low: int, high: int, *, position: int = 0) -> pl.Expr:
    """A zero-padded integer in ``[low, high)`` as text, as wide as ``high - 1``."""
    width = len(str(high - 1))
    return (low + digit(draw, high - low, position)).cast(pl.String).str.zfill(width)


def _phone_variants(digits: pl.Expr, draws: Draws) -> list[Variant]:
    """The ways a ten-digit number is written, from a ten-digit string."""
    area, exchange, line = draws.stage_all(
        digits.str.slice(0, 3), digits.str.slice(3, 3), digits.str.slice(6, 4)
    )
    extension = (2 + digit(draws[0], 98, 4)).cast(pl.String)
    return [
        Variant(value=pl.concat_str([area, exchange, line], separator="-"), weight=3),
        Variant(
            value=pl.concat_str([pl.lit("("), area, pl.lit(") "), exchange, pl.lit("-"), line]), weight=3
        ),
        Variant(value=pl.concat_str([area, exchange, line], separator=".")),
        Variant(value=pl.concat_str([pl.lit("+1"), area, exchange, line], separator=" ")),
        Variant(value=digits),
        Variant(
            value=pl.concat_str([area, pl.lit("-"), exchange, pl.lit("-"), line, pl.lit(" ext. "), extension])
        ),
    ]


def _formatted_phone(raw: pl.Expr, draws: Draws) -> SlotRender:
    """Reformat a NANP number; anything else (extensions, foreign) is rendered as given."""
    raw = draws.stage(raw)
    digits = raw.str.replace_all(r"\D", "")
    national = pl.when((digits.str.len_chars() == 11) & digits.str.starts_with("1")).then(digits.str.slice(1))
    digits = draws.stage(national.otherwise(digits))
    rendered = choose(draws, _phone_variants(digits, draws))
    valid = digits.str.len_chars() == 10
    return SlotRender(value=pl.when(valid).then(rendered.value).otherwise(raw))


def _generated_digits(draw: pl.Expr) -> pl.Expr:
    """A random ten-digit NANP number (area and exchange codes never start with 0 or 1)."""
    return pl.concat_str(
        [
            _number(draw, 200, 990, position=1),
            _number(draw, 200, 1000, position=2),
            _number(draw, 0, 10000, position=3),
        ]
    )


def _phone(draws: Draws) -> SlotRender:
    return _formatted_phone(pl.col("phone"), draws)


def _generated_phone(draws: Draws) -> SlotRender:
    return _formatted_phone(_generated_digits(draws[1]), draws)


def _email(draws: Draws) -> SlotRender:
    return choose(
        draws,
        [Variant(value=pl.col("email"), weight=4), Variant(value=pl.col("email"), prefix="<", suffix=">")],
    )


def _labelled(column: str, labels: Sequence[str]) -> Callable[[Draws], SlotRender]:
    """A context identifier after one of its usual labels (``MRN: ``, ``acct ``)."""

    def build(draws: Draws) -> SlotRender:
        return SlotRender(prefix=pick(digit(draws[0], len(labels)), labels), value=pl.col(column))

    return build


def _ssn(draws: Draws) -> SlotRender:
    raw = pl.col("ssn")
    value = pl.when(digit(draws[0], 3, 5) == 0).then(raw.str.replace_all("-", "")).otherwise(raw)
    return SlotRender(prefix=pick(digit(draws[0], 3), ["SSN ", "SS# ", "social "]), value=value)


def _column(column: str) -> Callable[[Draws], SlotRender]:
    def build(draws: Draws) -> SlotRender:
        del draws
        return SlotRender(value=pl.col(column))

    return build


def _agent_email(draws: Draws) -> SlotRender:
    """The email of the row's agent (same draw as the agent's name)."""
    del draws
    first = pick_word(digit(ROW_DRAW, len(STAFF_FIRST_NAMES), 1), STAFF_FIRST_NAMES)
    last = pick_word(digit(ROW_DRAW, len(STAFF_LAST_NAMES), 2), STAFF_LAST_NAMES)
    local = pl.concat_str([first, last], separator=".").str.to_lowercase()
    return SlotRender(value=pl.concat_str([local, pl.lit("@healthtrove-clinic.org")]))


def _url(draws: Draws) -> SlotRender:
    token = [pick_word(digit(draws[0], 36, position), list(_BASE36)) for position in range(1, 11)]
    host = pick(digit(draws[0], 2), list(_PORTAL_HOSTS))
    return SlotRender(value=pl.concat_str([host, *token]))


def _ip(draws: Draws) -> SlotRender:
    draw = draws[0]
    octets = [(1 + digit(draw, 254, position)).cast(pl.String) for position in range(1, 4)]
    public = pl.concat_str([(11 + digit(draw, 212, 4)).cast(pl.String), *octets], separator=".")
    private = pl.concat_str([pl.lit("192.168"), *octets[:2]], separator=".")
    return SlotRender(value=pl.when(digit(draw, 4) == 0).then(private).otherwise(public))


def _license(draws: Draws) -> SlotRender:
    draw = draws[0]
    value = pl.concat_str([*_letters(draw, 1, first_position=1), _number(draw, 0, 10_000_000, position=1)])
    return SlotRender(prefix=pick(digit(draw, 3), ["DL# ", "driver's license ", "lic # "]), value=value)


def _device(draws: Draws) -> SlotRender:
    draw = draws[0]
    value = pl.concat_str([*_letters(draw, 3, first_position=1), _number(draw, 0, 100_000, position=1)])
    return SlotRender(prefix=pick_word(digit(draw, len(DEVICES)), DEVICES), value=value)


def _plate(draws: Draws) -> SlotRender:
    draw = draws[0]
    california = pl.concat_str(
        [
            (1 + digit(draw, 9, 5)).cast(pl.String),
            *_letters(draw, 3, first_position=1),
            _number(draw, 0, 1000),
        ]
    )
    classic = pl.concat_str([*_letters(draw, 3, first_position=4), _number(draw, 0, 10_000)])
    value = pl.when(digit(draw, 2, 40) == 0).then(california).otherwise(classic)
    return SlotRender(
        prefix=pick(digit(draw, 3, 30), ["plate ", "license plate ", "lic plate #"]), value=value
    )


ID_SLOTS: tuple[Slot, ...] = (
    Slot(name="phone", entity_type="PHONE", build=_phone, requires=frozenset({"phone"})),
    Slot(name="fax", entity_type="FAX", build=_generated_phone, draws=2),
    Slot(name="clinic_phone", entity_type="PHONE", build=_generated_phone, draws=2),
    Slot(name="email", entity_type="EMAIL", build=_email, requires=frozenset({"email"})),
    Slot(name="agent_email", entity_type="EMAIL", build=_agent_email),
    Slot(
        name="mrn",
        entity_type="MRN",
        build=_labelled("mrn", ["MRN: ", "MRN ", "MR# ", "MRN#", "med rec # "]),
        requires=frozenset({"mrn"}),
    ),
    Slot(
        name="account",
        entity_type="ACCOUNT",
        build=_labelled("account_number", ["acct ", "account #", "Acct# ", "account no. "]),
        requires=frozenset({"account_number"}),
    ),
    Slot(
        name="member_id",
        entity_type="HEALTH_PLAN",
        build=_labelled("member_id", ["member ID ", "ID# ", "policy # ", "subscriber ID "]),
        requires=frozenset({"member_id"}),
    ),
    Slot(name="ssn", entity_type="SSN", build=_ssn, requires=frozenset({"ssn"})),
    Slot(
        name="street", entity_type="STREET_ADDRESS", build=_column("street"), requires=frozenset({"street"})
    ),
    Slot(name="city", entity_type="CITY", build=_column("city"), requires=frozenset({"city"})),
    Slot(name="zip", entity_type="ZIP", build=_column("zip"), requires=frozenset({"zip"})),
    Slot(name="url", entity_type="URL", build=_url),
    Slot(name="ip", entity_type="IP", build=_ip),
    Slot(name="license", entity_type="LICENSE", build=_license),
    Slot(name="device", entity_type="DEVICE", build=_device),
    Slot(name="plate", entity_type="VEHICLE", build=_plate),
)
