"""Replacing detected PHI: type tags, consistent surrogates, and shifted dates.

Which entity types are replaced depends on the HIPAA method
(:data:`~deid.text._config.METHOD_ENTITIES`); the rest of the text is untouched.

- ``tag`` mode writes the type tag (``[NAME]``, ``[PHONE]``, ...).
- ``surrogate`` mode writes a fake value of the same kind. Each choice is seeded by a
  keyed hash (HMAC-SHA256 with the project key's ``text-surrogates`` key) of the
  person, the entity type and the normalised real value, and drawn with Faker (offline,
  en_US): the same real name in any text of one person always becomes the same fake
  name, other persons get other fakes, and without the key nothing can be recomputed.
  Names are replaced word by word (``Mary Smith``, ``Smith`` and ``M. Smith`` stay
  consistent), keeping titles (``Dr.``) and letter case; numbers keep their layout with
  every digit and letter replaced; ages over 89 become ``90+``.
- Under ``expert_determination``, when the project key and the text's person are
  known, dates move by the person's offset from :func:`deid.shifting.shift_days` (the
  same offset as in the structured tables) and keep their format; a date that cannot be
  read, or has no person, becomes ``[DATE]``. Other methods never shift: dates are
  tagged (Safe Harbor) or kept (limited data set).
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import random
import re
import string
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from data_contracts.entities import ENTITY_TAG, EntityType
from data_contracts.errors import KeyMissingError
from data_contracts.phi import Method
from deid.config import ShiftConfig
from deid.keys import ProjectKey
from deid.shifting import shift_days
from deid.text._config import METHOD_ENTITIES
from deid.text._dateshift import shift_date_text
from deid.text._spans import TextSpan

if TYPE_CHECKING:
    from faker import Faker

__all__ = ["ReplaceMode", "Replacement", "replace_spans"]

ReplaceMode = Literal["tag", "surrogate"]

SURROGATE_PURPOSE = "text-surrogates"
SHIFT_PURPOSE = "date-shifts"  # the purpose deid.run derives its date-shift key with

_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)
_KEPT_NAME_WORDS = frozenset(
    [
        "dr",
        "doctor",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "prof",
        "md",
        "do",
        "rn",
        "np",
        "pa",
        "lpn",
        "cna",
        "phd",
        "jr",
        "sr",
        "ii",
        "iii",
        "iv",
        "pt",
    ]
)
_NON_ALNUM = re.compile(r"[\W_]+")
_FORMAT_PRESERVED = frozenset(
    {
        EntityType.ZIP,
        EntityType.PHONE,
        EntityType.FAX,
        EntityType.SSN,
        EntityType.MRN,
        EntityType.HEALTH_PLAN,
        EntityType.ACCOUNT,
        EntityType.LICENSE,
        EntityType.VEHICLE,
        EntityType.DEVICE,
    }
)
_NINETY_PLUS = "90+"


@dataclass(frozen=True, slots=True, kw_only=True)
class Replacement:
    """How detected PHI is replaced.

    Parameters
    ----------
    mode
        ``"tag"`` (type tags) or ``"surrogate"`` (consistent fake values).
    method
        The HIPAA method: which entity types are replaced, and whether dates shift.
    key
        The project key; needed for surrogates and for shifting dates.
    shift
        Date shift settings, as for the structured tables of the same run.

    Raises
    ------
    KeyMissingError
        If ``mode`` is ``"surrogate"`` and no key is given.

    Examples
    --------
    >>> Replacement(mode="surrogate")
    Traceback (most recent call last):
    ...
    data_contracts.errors.KeyMissingError: surrogate replacement needs the project key ...
    """

    mode: ReplaceMode = "tag"
    method: Method = Method.SAFE_HARBOR
    key: ProjectKey | None = field(default=None, repr=False)
    shift: ShiftConfig = field(default_factory=ShiftConfig)

    def __post_init__(self) -> None:
        if self.mode not in ("tag", "surrogate"):
            msg = f"mode must be 'tag' or 'surrogate', got {self.mode!r}"
            raise ValueError(msg)
        if self.mode == "surrogate" and self.key is None:
            msg = "surrogate replacement needs the project key (set HEALTHTROVE_KEY or pass --key-file)"
            raise KeyMissingError(msg)


@functools.cache
def _faker() -> Faker:
    from faker import Faker  # noqa: PLC0415 - slow import, only for surrogates

    return Faker("en_US")


@functools.cache
def _first_names() -> frozenset[str]:
    from faker.providers.person.en_US import Provider  # noqa: PLC0415

    return frozenset(name.lower() for name in (*Provider.first_names_female, *Provider.first_names_male))


def _seed(secret: bytes, person_key: str, entity: EntityType, value: str, attempt: int = 0) -> int:
    message = f"{person_key}\x1f{entity.value}\x1f{value}\x1f{attempt}".encode()
    return int.from_bytes(hmac.digest(secret, message, hashlib.sha256)[:8], "big")


def _same_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model.islower():
        return word.lower()
    return word


def _fake_name_word(secret: bytes, person_key: str, word: str) -> str:
    base = _POSSESSIVE.sub("", word)
    suffix = word[len(base) :]
    normalised = base.lower()
    if normalised.rstrip(".") in _KEPT_NAME_WORDS:
        return word
    if len(base) == 1:
        chooser = random.Random(_seed(secret, person_key, EntityType.PERSON, normalised))  # noqa: S311 - keyed seed
        letter = chooser.choice(string.ascii_uppercase)
        return _same_case(base, letter) + suffix
    fake = _faker()
    for attempt in range(8):
        fake.seed_instance(_seed(secret, person_key, EntityType.PERSON, normalised, attempt))
        chosen = fake.first_name() if normalised in _first_names() else fake.last_name()
        if chosen.lower() != normalised:
            break
    return _same_case(base, chosen) + suffix


def _fake_layout(seed: int, value: str) -> str:
    """``value`` with each digit and letter replaced, keeping punctuation and case."""
    chooser = random.Random(seed)  # noqa: S311 - keyed seed; not a security primitive
    out: list[str] = []
    for char in value:
        if char.isdigit():
            out.append(chooser.choice(string.digits))
        elif char.isalpha():
            letter = chooser.choice(string.ascii_uppercase)
            out.append(letter if char.isupper() else letter.lower())
        else:
            out.append(char)
    return "".join(out)


@functools.lru_cache(maxsize=65_536)
def _surrogate(secret: bytes, person_key: str, entity: EntityType, value: str) -> str:
    if entity is EntityType.PERSON:
        return _WORD.sub(lambda match: _fake_name_word(secret, person_key, match.group()), value)
    if entity is EntityType.AGE_OVER_89:
        return _NINETY_PLUS
    seed = _seed(secret, person_key, entity, _NON_ALNUM.sub("", value.casefold()))
    if entity in _FORMAT_PRESERVED:
        return _fake_layout(seed, value)
    fake = _faker()
    fake.seed_instance(seed)
    if entity is EntityType.EMAIL:
        return str(fake.safe_email())
    if entity is EntityType.URL:
        return f"https://www.{fake.safe_domain_name()}/{fake.uri_path()}"
    if entity is EntityType.IP:
        return str(fake.ipv4_private())
    if entity is EntityType.CITY:
        return str(fake.city())
    if entity is EntityType.STREET_ADDRESS:
        return str(fake.street_address())
    return ENTITY_TAG[entity]


@functools.lru_cache(maxsize=65_536)
def _offset(secret: bytes, person_id: str, shift: ShiftConfig) -> int:
    return shift_days(person_id, key=secret, max_days=shift.max_days, whole_weeks=shift.whole_weeks)


def _replacement(value: str, entity: EntityType, *, policy: Replacement, person_id: str | None) -> str:
    key = policy.key
    if entity is EntityType.DATE:
        if policy.method is Method.EXPERT_DETERMINATION and key is not None and person_id is not None:
            days = _offset(key.derive(SHIFT_PURPOSE), person_id, policy.shift)
            return shift_date_text(value, days) or ENTITY_TAG[entity]
        return ENTITY_TAG[entity]
    if policy.mode == "tag" or key is None:
        return ENTITY_TAG[entity]
    return _surrogate(key.derive(SURROGATE_PURPOSE), person_id or "", entity, value)


def replace_spans(
    text: str, spans: list[TextSpan], *, policy: Replacement, person_id: str | None = None
) -> tuple[str, tuple[TextSpan, ...]]:
    """Replace the spans the method removes; return the new text and the spans replaced.

    Parameters
    ----------
    text
        The input text.
    spans
        Disjoint detections sorted by start (as the engine returns them).
    policy
        Tags or surrogates, method and key.
    person_id
        Canonical identifier of the person the text is about (keys surrogates and the
        date shift), or None.

    Returns
    -------
    tuple of (str, tuple of TextSpan)
        The replaced text, and the replaced spans with offsets into the *input* text.

    Examples
    --------
    >>> from data_contracts.entities import EntityType
    >>> spans = [
    ...     TextSpan(start=4, end=8, entity_type=EntityType.PERSON, score=0.9, source="x"),
    ...     TextSpan(start=12, end=16, entity_type=EntityType.DATE, score=0.9, source="y"),
    ... ]
    >>> replace_spans("Saw Mary on 3/14", spans, policy=Replacement())[0]
    'Saw [NAME] on [DATE]'
    >>> replace_spans("Saw Mary on 3/14", spans, policy=Replacement(method=Method.LIMITED_DATA_SET))[0]
    'Saw [NAME] on 3/14'
    """
    removed = METHOD_ENTITIES[policy.method]
    replaced = tuple(span for span in spans if span.entity_type in removed)
    pieces: list[str] = []
    position = 0
    for span in replaced:
        pieces.append(text[position : span.start])
        pieces.append(
            _replacement(text[span.start : span.end], span.entity_type, policy=policy, person_id=person_id)
        )
        position = span.end
    pieces.append(text[position:])
    return "".join(pieces), replaced
