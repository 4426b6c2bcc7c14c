"""CRM contacts, campaigns and acquisition memberships, with real-world mess.

About 80% of patients have a contact. A linked contact copies its patient's details
through the usual noise: nicknames and typos, other phone formats, a missing MRN on
about 30% and a stale one on a few percent. A few patients get a second, duplicate
contact; about 15% of contacts are prospects who never became patients.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl

from deid.synth._config import WINDOW_START, date_from_day, datetime_from_day
from deid.synth._effects import CHANNELS
from deid.synth._geography import COUNTIES, county_weights, zip_table
from deid.synth._ids import salesforce_ids
from deid.synth._names import EMAIL_DOMAINS, NICKNAMES, NamePools

CONTACT_SHARE = 0.80
DUPLICATE_SHARE = 0.04
PROSPECT_SHARE = 0.15
MRN_MISSING_SHARE = 0.30
MRN_STALE_SHARE = 0.04
DUPLICATE_MRN_MISSING_SHARE = 0.6
NICKNAME_USE_SHARE = 0.45
FIRST_NAME_TYPO_SHARE = 0.03
LAST_NAME_TYPO_SHARE = 0.03
BIRTHDATE_MISSING_SHARE = 0.03
BIRTHDATE_TYPO_SHARE = 0.02
EMAIL_OPT_OUT_SHARE = 0.08
CHANNEL_SHARES = {"Web": 0.35, "Referral": 0.2, "Event": 0.1, "Social": 0.2, "Mail": 0.15}
CAMPAIGNS_PER_CHANNEL = 2
PHONE_FORMATS = ("({}) {}-{}", "{}.{}.{}", "{}{}{}", "+1 {}-{}-{}", "{}-{}-{}")
PHONE_FORMAT_SHARES = (0.35, 0.25, 0.15, 0.1, 0.15)
PREFERRED_CHANNELS = (("Email", 0.4), ("Phone", 0.25), ("SMS", 0.25), ("Mail", 0.1))
KIND_LINKED, KIND_DUPLICATE, KIND_PROSPECT = "linked", "duplicate_contact", "prospect"
LATEST_CREATED_DAY = (dt.date(2023, 6, 30) - WINDOW_START).days


def make_campaigns(rng: np.random.Generator, id_offset: int) -> pl.DataFrame:
    """Return the acquisition campaigns, ``CAMPAIGNS_PER_CHANNEL`` per channel."""
    channels = [channel for channel in CHANNELS for _ in range(CAMPAIGNS_PER_CHANNEL)]
    start_days = rng.integers(-900, 1_200, len(channels))
    themes = ("Wellness", "Family Health", "Asthma Care", "Heart Health", "Flu Season", "New Patient")
    names = [
        f"{themes[index % len(themes)]} {channel} {(WINDOW_START + dt.timedelta(days=int(day))).year}"
        for index, (channel, day) in enumerate(zip(channels, start_days, strict=True))
    ]
    return pl.DataFrame(
        {
            "Id": salesforce_ids("701", np.arange(len(channels)) + id_offset),
            "Name": names,
            "Type": ["Acquisition"] * len(channels),
            "Channel": channels,
            "_start_day": start_days,
        }
    ).with_columns(StartDate=date_from_day(pl.col("_start_day")))


def _typo(column: str, rng: np.random.Generator, mask: np.ndarray) -> pl.Expr:
    """Drop or swap one inner character where ``mask`` is true."""
    text = pl.col(column)
    position = pl.lit(pl.Series(rng.integers(1, 4, len(mask)))).clip(upper_bound=text.str.len_chars() - 2)
    dropped = text.str.slice(0, position) + text.str.slice(position + 1)
    swapped = text.str.slice(0, position) + text.str.slice(position + 1, 1) + text.str.slice(position, 1)
    swapped = swapped + text.str.slice(position + 2)
    use_swap = pl.lit(pl.Series(rng.random(len(mask)) < 0.5))
    long_enough = text.str.len_chars() >= 4
    return (
        pl.when(pl.lit(pl.Series(mask)) & long_enough)
        .then(pl.when(use_swap).then(swapped).otherwise(dropped))
        .otherwise(text)
    )


def _phone(area: pl.Expr, exchange: pl.Expr, line: pl.Expr, style: np.ndarray) -> pl.Expr:
    expr: pl.Expr = pl.lit(None, pl.String)
    for index, template in enumerate(PHONE_FORMATS):
        expr = (
            pl.when(pl.lit(pl.Series(style)) == index)
            .then(pl.format(template, area, exchange, line))
            .otherwise(expr)
        )
    return expr


def _styles(rng: np.random.Generator, count: int) -> np.ndarray:
    return rng.choice(len(PHONE_FORMATS), size=count, p=np.array(PHONE_FORMAT_SHARES))


def _prospect_people(rng: np.random.Generator, count: int, pools: NamePools) -> pl.DataFrame:
    """Prospects: people the CRM knows who never became patients."""
    male = rng.random(count) < 0.5
    county = rng.choice(len(COUNTIES), size=count, p=county_weights())
    zip_first, zip_count, zip_flat = zip_table()
    first = np.where(
        male,
        np.array(pools.male_first)[rng.integers(0, len(pools.male_first), count)],
        np.array(pools.female_first)[rng.integers(0, len(pools.female_first), count)],
    )
    return pl.DataFrame(
        {
            "FIRST": first,
            "LAST": np.array(pools.last)[rng.integers(0, len(pools.last), count)],
            "_birth_day": -rng.integers(18 * 365, 85 * 365, count),
            "_county": county,
            "ZIP": pl.Series(zip_flat).gather(
                zip_first[county] + (rng.random(count) * zip_count[county]).astype(np.int64)
            ),
            "ADDRESS": pl.Series(rng.integers(10, 9_999, count)).cast(pl.String)
            + " "
            + pl.Series(pools.streets).gather(rng.integers(0, len(pools.streets), count)),
            "_exchange": rng.integers(200, 1_000, count),
            "_line": pl.Series(rng.integers(0, 10_000, count)).cast(pl.String).str.zfill(4),
            "_email_number": rng.integers(1, 100, count),
            "_male": male,
        }
    ).with_columns(
        CITY=pl.lit(pl.Series([c.city for c in COUNTIES])).gather(pl.col("_county")),
        STATE=pl.lit(pl.Series([c.state for c in COUNTIES])).gather(pl.col("_county")),
        _area_code=pl.lit(pl.Series([c.area_code for c in COUNTIES])).gather(pl.col("_county")),
        EMAIL=pl.format(
            "{}.{}{}@{}",
            pl.col("FIRST").str.to_lowercase(),
            pl.col("LAST").str.to_lowercase(),
            "_email_number",
            pl.lit(EMAIL_DOMAINS[0]),
        ).str.replace_all("[^a-z0-9.@]", ""),
        MRN=pl.lit(None, pl.String),
        _patient_row=pl.lit(-1, pl.Int64),
        _kind=pl.lit(KIND_PROSPECT),
    )


def make_contacts(
    rng: np.random.Generator,
    patients: pl.DataFrame,
    *,
    pools: NamePools,
    campaigns: pl.DataFrame,
    id_offset: int,
) -> pl.DataFrame:
    """Return the contacts of one chunk of patients (linked, duplicates and prospects).

    Private columns: ``_patient_row`` (row in ``patients`` or -1), ``_kind``,
    ``_campaign`` (row in ``campaigns``), ``_created_day`` and ``_opted_out``.
    """
    count = patients.height
    linked_rows = np.flatnonzero(rng.random(count) < CONTACT_SHARE)
    duplicate_rows = linked_rows[rng.random(len(linked_rows)) < DUPLICATE_SHARE]
    patient_part = pl.concat(
        [
            patients[linked_rows].with_columns(
                _patient_row=pl.Series(linked_rows), _kind=pl.lit(KIND_LINKED)
            ),
            patients[duplicate_rows].with_columns(
                _patient_row=pl.Series(duplicate_rows), _kind=pl.lit(KIND_DUPLICATE)
            ),
        ]
    )
    prospects = round(PROSPECT_SHARE / (1 - PROSPECT_SHARE) * patient_part.height)
    columns = ["FIRST", "LAST", "_birth_day", "_county", "ZIP", "ADDRESS", "CITY", "STATE", "_area_code"]
    columns += ["_exchange", "_line", "EMAIL", "MRN", "_patient_row", "_kind", "_male"]
    people = pl.concat(
        [patient_part.select(columns), _prospect_people(rng, prospects, pools).select(columns)]
    )
    people = people[rng.permutation(people.height)]
    total = people.height
    return _mess(rng, people, patients=patients, campaigns=campaigns).with_columns(
        Id=salesforce_ids("003", np.arange(total) + id_offset)
    )


def _mess(
    rng: np.random.Generator, people: pl.DataFrame, *, patients: pl.DataFrame, campaigns: pl.DataFrame
) -> pl.DataFrame:
    total = people.height
    kind = people["_kind"].to_numpy()
    linked = kind == KIND_LINKED
    draw = rng.random((8, total))
    stale_source = patients["MRN"].gather(rng.integers(0, patients.height, total))
    mrn_missing = np.where(linked, draw[0] < MRN_MISSING_SHARE, draw[0] < DUPLICATE_MRN_MISSING_SHARE)
    mrn_stale = linked & ~mrn_missing & (draw[1] < MRN_STALE_SHARE / (1 - MRN_MISSING_SHARE))
    stale_old_format = draw[2] < 0.5
    use_nickname = draw[3] < np.where(kind == KIND_DUPLICATE, 0.7, NICKNAME_USE_SHARE)
    birth_shift = np.where(draw[4] < 0.5, -1, 1)
    channel_names = list(CHANNEL_SHARES)
    channel = rng.choice(len(channel_names), size=total, p=np.array(list(CHANNEL_SHARES.values())))
    campaign_channels = campaigns["Channel"].to_numpy()
    rows_of_channel = np.array([np.flatnonzero(campaign_channels == name) for name in channel_names])
    campaign_row = rows_of_channel[channel, rng.integers(0, CAMPAIGNS_PER_CHANNEL, total)]
    campaign_start = campaigns["_start_day"].to_numpy()[campaign_row]
    created_day = np.minimum(campaign_start + rng.integers(0, 540, total), LATEST_CREATED_DAY)
    preferred = np.array([name for name, _ in PREFERRED_CHANNELS])[
        rng.choice(
            len(PREFERRED_CHANNELS), size=total, p=np.array([share for _, share in PREFERRED_CHANNELS])
        )
    ]
    frame = people.with_columns(
        _use_nickname=pl.Series(use_nickname),
        _stale_mrn=pl.Series(mrn_stale),
        _alt_mrn=pl.when(pl.Series(stale_old_format))
        .then(pl.format("NE-{}", pl.col("MRN").str.slice(2)))
        .otherwise(pl.lit(stale_source)),
        _first_typo=_typo("FIRST", rng, draw[5] < FIRST_NAME_TYPO_SHARE),
        _last_typo=_typo("LAST", rng, draw[6] < LAST_NAME_TYPO_SHARE),
        _campaign=pl.Series(campaign_row),
        _channel=pl.Series(np.array(channel_names)[channel]),
        _created_day=pl.Series(created_day),
        _opted_out=pl.Series(draw[7] < EMAIL_OPT_OUT_SHARE),
    )
    nickname = pl.col("FIRST").replace_strict(dict(NICKNAMES), default=None, return_dtype=pl.String)
    birth_missing = rng.random(total) < BIRTHDATE_MISSING_SHARE
    birth_typo = rng.random(total) < BIRTHDATE_TYPO_SHARE
    email_style = rng.random(total)
    mobile_other = rng.random(total) < 0.5
    phone_missing = rng.random(total) < 0.05
    upper_street = rng.random(total) < 0.1
    zip_plus_four = rng.random(total) < 0.1
    return frame.with_columns(
        FirstName=pl.when(pl.col("_use_nickname") & nickname.is_not_null())
        .then(nickname)
        .otherwise("_first_typo"),
        LastName=pl.col("_last_typo"),
        Birthdate=pl.when(pl.lit(pl.Series(birth_missing)))
        .then(pl.lit(None, pl.Date))
        .otherwise(date_from_day(pl.col("_birth_day") + pl.lit(pl.Series(birth_typo * birth_shift)))),
        Email=pl.when(pl.lit(pl.Series(email_style < 0.8)) & pl.col("EMAIL").is_not_null())
        .then("EMAIL")
        .when(pl.lit(pl.Series(email_style < 0.9)))
        .then(
            pl.format(
                "{}{}@{}",
                pl.col("FIRST").str.to_lowercase().str.slice(0, 1),
                pl.col("LAST").str.to_lowercase(),
                pl.lit(EMAIL_DOMAINS[2]),
            ).str.replace_all("[^a-z0-9.@]", "")
        ),
        Phone=pl.when(pl.lit(pl.Series(phone_missing)))
        .then(pl.lit(None, pl.String))
        .otherwise(_phone(pl.col("_area_code"), pl.col("_exchange"), pl.col("_line"), _styles(rng, total))),
        MobilePhone=pl.when(pl.lit(pl.Series(mobile_other))).then(
            _phone(
                pl.col("_area_code"),
                pl.lit(pl.Series(rng.integers(200, 1_000, total))),
                pl.lit(pl.Series(rng.integers(0, 10_000, total))).cast(pl.String).str.zfill(4),
                _styles(rng, total),
            )
        ),
        MailingStreet=pl.when(pl.lit(pl.Series(upper_street)))
        .then(pl.col("ADDRESS").str.to_uppercase())
        .otherwise("ADDRESS"),
        MailingCity=pl.col("CITY"),
        MailingState=pl.col("STATE"),
        MailingPostalCode=pl.when(pl.lit(pl.Series(zip_plus_four)))
        .then(pl.format("{}-{}", "ZIP", pl.lit(pl.Series(rng.integers(1000, 10_000, total)))))
        .otherwise("ZIP"),
        MRN__c=pl.when(pl.lit(pl.Series(mrn_missing)))
        .then(pl.lit(None, pl.String))
        .when(pl.col("_stale_mrn"))
        .then("_alt_mrn")
        .otherwise("MRN"),
        HasOptedOutOfEmail=pl.col("_opted_out"),
        PreferredChannel__c=pl.Series(preferred),
        CreatedDate=datetime_from_day(
            pl.col("_created_day"), pl.lit(pl.Series(rng.integers(7 * 60, 19 * 60, total)))
        ),
    )


def make_campaign_members(contacts: pl.DataFrame, campaigns: pl.DataFrame, *, id_offset: int) -> pl.DataFrame:
    """Return one acquisition membership per contact."""
    return contacts.select(
        Id=salesforce_ids("00v", np.arange(contacts.height) + id_offset),
        CampaignId=campaigns["Id"].gather(contacts["_campaign"]),
        ContactId=pl.col("Id"),
        Status=pl.lit("Responded"),
        FirstRespondedDate=date_from_day(pl.col("_created_day")),
    )
