"""International bank account numbers (IBAN, ISO 13616), validated by length and the mod-97 check."""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import ClassVar

from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from data_contracts.entities import EntityType
from deid.text.recognizers._regex_recognizer import RegexRecognizer

__all__ = ["IbanAccountRecognizer", "is_valid_iban"]

_REGISTRY = (
    "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18 "
    "DO28 EE20 EG29 ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 "
    "IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 "
    "MT31 MU30 NL18 NO15 PK24 PL28 PS29 PT25 QA29 RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 "
    "ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20"
)
IBAN_LENGTHS = MappingProxyType({entry[:2]: int(entry[2:]) for entry in _REGISTRY.split()})
"""Characters in the IBAN of each country, from the SWIFT IBAN registry (ISO 13616)."""

_IBAN = r"(?<![\w-])[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]{4}){2,7}(?:[ ]?[A-Za-z0-9]{1,3})?(?![\w-])"
"""Country code, two check digits, then the account (BBAN), bare or in groups of four."""
_SPACES = re.compile(r"[ ]")
_MOD = 97
_VALID_REMAINDER = 1


def is_valid_iban(candidate: str) -> bool:
    """Whether ``candidate`` (spaces allowed, any case) has its country's length and a valid check.

    Parameters
    ----------
    candidate
        The IBAN as written.

    Returns
    -------
    bool
        True when the country is known, the length matches and the ISO 7064 mod-97-10
        check gives 1.

    Examples
    --------
    >>> is_valid_iban("GB82 WEST 1234 5698 7654 32")
    True
    >>> is_valid_iban("GB82 WEST 1234 5698 7654 33")
    False
    """
    compact = _SPACES.sub("", candidate).upper()
    if IBAN_LENGTHS.get(compact[:2]) != len(compact) or not compact.isascii() or not compact.isalnum():
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(char, 36)) for char in rearranged)
    return int(number) % _MOD == _VALID_REMAINDER


class IbanAccountRecognizer(RegexRecognizer):
    """An IBAN (``GB82 WEST 1234 5698 7654 32``), bare or grouped, in any case.

    Only a string of its country's length whose mod-97 check holds is reported, so
    random codes of the same shape almost never are. An IBAN is a bank account number,
    so it is reported as ``ACCOUNT``.

    Examples
    --------
    >>> text = "IBAN: DE89 3704 0044 0532 0130 00, thanks"
    >>> [(r.start, r.end) for r in IbanAccountRecognizer().analyze(text, [])]
    [(6, 33)]
    """

    ENTITY: ClassVar[EntityType] = EntityType.ACCOUNT
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (Pattern("IBAN", _IBAN, 0.9),)
    CONTEXT: ClassVar[tuple[str, ...]] = ("iban", "bank", "account", "transfer")
    PREFILTER: ClassVar[re.Pattern[str] | None] = re.compile(r"[A-Za-z]{2}\d{2}")

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Report each candidate cut to its country's length, when the check holds."""
        del entities, nlp_artifacts, regex_flags
        if self.PREFILTER is not None and self.PREFILTER.search(text) is None:
            return []
        (compiled,) = self.COMPILED
        results = []
        for match in compiled.regex.finditer(text):
            end = _end_at_length(text, match.start(), match.end())
            if end is not None and is_valid_iban(text[match.start() : end]):
                results.append(self._result(compiled, match.start(), end, compiled.score, labelled=False))
        return results


def _end_at_length(text: str, start: int, end: int) -> int | None:
    """Where the IBAN starting at ``start`` ends, given its country's length (a group may follow)."""
    wanted = IBAN_LENGTHS.get(text[start : start + 2].upper())
    if wanted is None:
        return None
    count = 0
    for position in range(start, end):
        if text[position] != " ":
            count += 1
            if count == wanted:
                after = position + 1
                return after if after == end or text[after] == " " else None
    return None
