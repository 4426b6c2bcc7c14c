"""Property tests: every accepted date and timestamp layout parses back to its value."""

from __future__ import annotations

import datetime as dt

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from data_contracts.parsing import DATE_FORMATS, DATETIME_FORMATS, parse_expression

DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
TIMES = st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 12, 31)).map(
    lambda moment: moment.replace(microsecond=0)
)


def _parse(texts: list[str], dtype: pl.DataType) -> list[object]:
    frame = pl.DataFrame({"text": texts}, schema={"text": pl.String})
    return frame.select(parse_expression(pl.col("text"), dtype)).to_series().to_list()


@given(DATES)
def test_every_date_layout_round_trips(day: dt.date) -> None:
    texts = [day.strftime(layout) for layout in DATE_FORMATS]
    assert _parse(texts, pl.Date()) == [day] * len(texts)


@given(TIMES)
def test_every_timestamp_layout_round_trips_to_its_precision(moment: dt.datetime) -> None:
    for layout in DATETIME_FORMATS:
        text = moment.strftime(layout.replace("%.f", ".%f"))
        expected = moment if "%S" in layout else moment.replace(second=0)
        assert _parse([text], pl.Datetime("us")) == [expected], layout


@given(TIMES, st.integers(min_value=-12, max_value=14))
def test_offsets_are_converted_to_utc(moment: dt.datetime, hours: int) -> None:
    zone = dt.timezone(dt.timedelta(hours=hours))
    text = moment.strftime("%Y-%m-%dT%H:%M:%S.000") + moment.replace(tzinfo=zone).strftime("%z")
    assert _parse([text], pl.Datetime("us")) == [moment - dt.timedelta(hours=hours)]


@given(st.text(alphabet=st.characters(blacklist_categories=("Nd", "Cs")), max_size=12))
def test_text_without_digits_never_parses_as_a_date(text: str) -> None:
    assert _parse([text], pl.Date()) == [None]
