"""The name recognizers (titles and roles, signatures, name lists, handles), in evaluation order.

Each entry is a recognizer class whose constructor takes no argument.
"""

from __future__ import annotations

from collections.abc import Callable

from presidio_analyzer import EntityRecognizer

from deid.text.recognizers.census_name import CensusNameRecognizer
from deid.text.recognizers.cued_name import CuedNameRecognizer
from deid.text.recognizers.enumerated_name import EnumeratedNameRecognizer
from deid.text.recognizers.handle_name import HandleNameRecognizer
from deid.text.recognizers.initials_name import InitialsNameRecognizer
from deid.text.recognizers.introduced_name import IntroducedNameRecognizer
from deid.text.recognizers.name_line import NameLineRecognizer
from deid.text.recognizers.relative_name import RelativeNameRecognizer
from deid.text.recognizers.signature_name import SignatureNameRecognizer
from deid.text.recognizers.titled_name import TitledNameRecognizer

__all__ = ["NAME_RECOGNIZERS"]

NAME_RECOGNIZERS: tuple[Callable[[], EntityRecognizer], ...] = (
    TitledNameRecognizer,
    RelativeNameRecognizer,
    SignatureNameRecognizer,
    IntroducedNameRecognizer,
    CensusNameRecognizer,
    HandleNameRecognizer,
    EnumeratedNameRecognizer,
    NameLineRecognizer,
    InitialsNameRecognizer,
    CuedNameRecognizer,
)
