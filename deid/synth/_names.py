"""Pools of names and streets, built once per run with a seeded Faker.

Rows never call Faker: they index these pools with numpy. Formal given names that have
a common nickname are always in the pools, so CRM contacts can be typed as "Bill" for
an EMR "William".
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from faker import Faker

NICKNAMES = MappingProxyType(
    {
        "William": "Bill",
        "Robert": "Bob",
        "Richard": "Rick",
        "James": "Jim",
        "John": "Jack",
        "Michael": "Mike",
        "Christopher": "Chris",
        "Thomas": "Tom",
        "Joseph": "Joe",
        "Daniel": "Dan",
        "Matthew": "Matt",
        "Anthony": "Tony",
        "Charles": "Chuck",
        "Alexander": "Alex",
        "Nicholas": "Nick",
        "Benjamin": "Ben",
        "Andrew": "Andy",
        "Edward": "Ed",
        "Steven": "Steve",
        "Timothy": "Tim",
        "Kenneth": "Ken",
        "Ronald": "Ron",
        "Donald": "Don",
        "Gregory": "Greg",
        "Theodore": "Ted",
        "Elizabeth": "Liz",
        "Margaret": "Peggy",
        "Katherine": "Kate",
        "Jennifer": "Jen",
        "Patricia": "Pat",
        "Susan": "Sue",
        "Deborah": "Debbie",
        "Rebecca": "Becky",
        "Samantha": "Sam",
        "Jessica": "Jess",
        "Victoria": "Vicky",
        "Barbara": "Barb",
        "Kimberly": "Kim",
        "Catherine": "Cathy",
        "Judith": "Judy",
        "Virginia": "Ginny",
        "Dorothy": "Dot",
    }
)
_FEMALE_FORMAL = frozenset(
    {"Elizabeth", "Margaret", "Katherine", "Jennifer", "Patricia", "Susan", "Deborah", "Rebecca"}
    | {"Samantha", "Jessica", "Victoria", "Barbara", "Kimberly", "Catherine", "Judith", "Virginia"}
    | {"Dorothy"}
)
_DRAWS_PER_POOL = 3_000
STREET_SUFFIXES = ("Apt", "Unit", "Suite")
EMAIL_DOMAINS = ("example.com", "example.org", "example.net", "mail.example.com", "inbox.example.org")


@dataclass(frozen=True, kw_only=True)
class NamePools:
    """Sorted, de-duplicated pools every row draws from."""

    male_first: tuple[str, ...]
    female_first: tuple[str, ...]
    last: tuple[str, ...]
    streets: tuple[str, ...]
    companies: tuple[str, ...]


def build_pools(seed: int) -> NamePools:
    """Build the pools with Faker (en_US) seeded by ``seed``.

    Examples
    --------
    >>> pools = build_pools(7)
    >>> "William" in pools.male_first and len(pools.last) > 100
    True
    """
    faker = Faker("en_US")
    faker.seed_instance(seed)
    male = {faker.first_name_male() for _ in range(_DRAWS_PER_POOL)}
    female = {faker.first_name_female() for _ in range(_DRAWS_PER_POOL)}
    male |= {name for name in NICKNAMES if name not in _FEMALE_FORMAL}
    female |= {name for name in NICKNAMES if name in _FEMALE_FORMAL}
    last = {faker.last_name() for _ in range(_DRAWS_PER_POOL)}
    streets = {faker.street_name() for _ in range(_DRAWS_PER_POOL // 3)}
    companies = {faker.last_name() for _ in range(200)}
    return NamePools(
        male_first=tuple(sorted(male)),
        female_first=tuple(sorted(female)),
        last=tuple(sorted(last)),
        streets=tuple(sorted(streets)),
        companies=tuple(sorted(companies)),
    )
