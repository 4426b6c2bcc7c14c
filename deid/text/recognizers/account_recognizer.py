"""Account and card numbers after their labels (``acct 00123``, ``card 4111...``), and long digit runs."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from data_contracts.entities import EntityType
from deid.text.recognizers._fragments import labelled
from deid.text.recognizers._regex_recognizer import RegexRecognizer

__all__ = ["AccountRecognizer"]

_LONG_DIGITS = r"(?<![\w.+/-])(?:\d{12,19}|\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,3})?)(?![\w/-]|[.,]\d)"
"""Twelve to nineteen digits, bare or in groups of four: card, account and other numbers (HIPAA item 18)."""


class AccountRecognizer(RegexRecognizer):
    """An account, invoice, claim, statement or card number after its label, or any long digit run.

    Examples
    --------
    >>> [(r.start, r.end) for r in AccountRecognizer().analyze("Acct# AC-55120 due", [])]
    [(6, 14)]
    """

    ENTITY: ClassVar[EntityType] = EntityType.ACCOUNT
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (
        Pattern(
            "labelled account number",
            labelled(
                r"(?:billing\s{1,2}|patient\s{1,2}|guarantor\s{1,2}|bank\s{1,2})?(?:acct|acc't|account|a/c)"
                r"|invoice|inv|claim|statement|billing\s{1,2}(?:no|number|id|#)|guarantor|reference|ref"
                r"|(?:credit\s{1,2}|debit\s{1,2}|bank\s{1,2})?card(?:\s{1,2}number)?"
            ),
            0.8,
        ),
        Pattern("long digit run", _LONG_DIGITS, 0.5),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = ("account", "acct", "invoice", "billing", "claim")
    PREFILTER: ClassVar[re.Pattern[str] | None] = re.compile(r"\d")
    NEEDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "labelled account number": (
            *("acc", "a/c", "inv", "claim", "statement", "billing", "guarantor", "ref", "card"),
        )
    }
