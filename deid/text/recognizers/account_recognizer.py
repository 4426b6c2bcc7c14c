"""Account numbers after their usual labels (``acct 00123``, ``billing account # A-991``)."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern

from data_contracts.entities import EntityType
from deid.text.recognizers._fragments import labelled
from deid.text.recognizers._regex_recognizer import RegexRecognizer

__all__ = ["AccountRecognizer"]


class AccountRecognizer(RegexRecognizer):
    """An account, invoice, claim or statement number after its label.

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
            ),
            0.8,
        ),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = ("account", "acct", "invoice", "billing", "claim")
    PREFILTER: ClassVar[re.Pattern[str] | None] = re.compile(r"\d")
