"""Street lines of other countries: street word first or last, house number before or after the name."""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from data_contracts.entities import EntityType
from deid.text.recognizers._address_block import with_tails
from deid.text.recognizers._fragments import UPPER_ANY_SCRIPT, WORD_OF_ANY_SCRIPT
from deid.text.recognizers._regex_recognizer import RegexRecognizer

__all__ = ["InternationalStreetRecognizer"]

_UPPER = UPPER_ANY_SCRIPT
_WORD_OF_ANY_SCRIPT = WORD_OF_ANY_SCRIPT
_STREET_PREFIX_WORDS = (
    r"(?:ul\.|ulica|al\.|aleja|rua|avenida|avda\.|av\.|calle|c/|via|viale|vicolo|piazza|corso|rue|"
    r"chemin|strada|carrer|travessa|largo|pra[cç]a|camino|paseo|stra(?:ss|\u00df)e)"
)
_STREET_SUFFIX_WORDS = (
    r"(?:stra(?:ss|\u00df)e|str\.|gasse|weg|platz|allee|damm|vej|gade|str\u00e6de|straede|gatan|v\u00e4gen|"
    r"vagen|veien|vegen|vegur|gata|braut|laan|straat|plein|katu|kuja|polku|utca|\u00fatja|\u00fat|t\u00e9r)"
)
_PREFIX_PIECES = (
    *("ul.", "ulica", "al.", "aleja", "rua", "avenida", "avda.", "av.", "calle", "c/", "via", "viale"),
    *("vicolo", "piazza", "corso", "rue", "chemin", "strada", "carrer", "travessa", "largo", "praca"),
    *("pra\u00e7a", "camino", "paseo", "strasse", "stra\u00dfe"),
)
_SUFFIX_PIECES = (
    *("strasse", "stra\u00dfe", "str.", "gasse", "weg", "platz", "allee", "damm", "vej", "gade"),
    *("str\u00e6de", "straede", "gatan", "v\u00e4gen", "vagen", "veien", "vegen", "vegur", "gata"),
    *("braut", "laan", "straat", "plein", "katu", "kuja", "polku", "utca", "\u00fat", "t\u00e9r"),
)
_CLEAR_PREFIX_PIECES = (
    *("ul.", "ulica", "aleja", "rua", "r\u00faa", "avenida", "avda.", "avenue", "calle", "viale"),
    *("vicolo", "piazza", "rue", "carrer", "travessa", "praca", "pra\u00e7a", "paseo", "strada"),
    *("leoforos", "odos", "trg", "via", "corso", "largo", "camino", "chemin", "al.", "av.", "c/", "avda"),
)
_SEPARATE_SUFFIX_PIECES = (
    *("gate", "gata", "vei", "veg", "tee", "u.", "utca", "\u00fat", "rkp.", "t\u00e9r", "terrasse"),
    *("strasse", "stra\u00dfe", "str.", "weg", "laan", "straat", "vej", "katu", "tie"),
)
"""What every match of each pattern holds (its street words, lower case)."""
_HOUSE_LAST = r"[ \t]{1,2}\d{1,5}[A-Za-z]?(?:[/-]\d{1,4})?\.?(?![\w/-]|[.,]\d)"
_LEADING_HOUSE = r"(?<![\w./:-])(?:\d{1,6}[A-Za-z]?[ \t]{1,2}){1,2}"
"""One or two numbers before a street (``846 31 Rue ...``: a building and a house number)."""
_PREFIX_STREET = (
    rf"(?:{_LEADING_HOUSE})?(?<![\w.]){_STREET_PREFIX_WORDS}[ \t]{{1,2}}"
    rf"(?:{_WORD_OF_ANY_SCRIPT}[ \t]{{1,2}}){{0,3}}"
    rf"{_WORD_OF_ANY_SCRIPT}{_HOUSE_LAST}"
)
_CLEAR_PREFIX_WORDS = (
    r"(?:ul\.|ulica|aleja|rua|r\u00faa|avenida|avda\.|avenue|calle|viale|vicolo|piazza|rue|carrer|travessa|"
    r"pra[c\u00e7]a|paseo|strada|leoforos|odos|trg)"
)
_CAPITALISED_PREFIX_WORDS = r"(?-i:Via|Corso|Largo|Camino|Chemin|Al\.|Av\.|C/|Avda|Ave)"
_CONNECTOR = r"(?:de|del|della|di|da|do|dos|das|du|des|la|le|les|l'|d'|van|von|der|den|y|e)"
_NUMBER_THEN_STREET_WORD = (
    rf"{_LEADING_HOUSE}(?:{_CLEAR_PREFIX_WORDS}|{_CAPITALISED_PREFIX_WORDS})[ \t]{{1,2}}"
    rf"(?:(?:{_CONNECTOR}|{_UPPER}{_WORD_OF_ANY_SCRIPT}?)[ \t]{{1,2}}){{0,4}}{_UPPER}{_WORD_OF_ANY_SCRIPT}?"
    rf"(?:{_HOUSE_LAST})?"
)
"""House number first, then a street word that starts the name: ``31 Rue de Tanger``, ``9 Rua Nova``."""
_SUFFIX_STREET = (
    rf"(?:{_LEADING_HOUSE})?(?<![\w.])(?:{_UPPER}[^\W\d_]*[ \t]{{1,2}}){{0,2}}(?:{_UPPER}[^\W\d_]*)?"
    rf"{_STREET_SUFFIX_WORDS}{_HOUSE_LAST}"
)
_NUMBER_THEN_COMPOUND = rf"{_LEADING_HOUSE}[^\W\d_]{{2,20}}{_STREET_SUFFIX_WORDS}{_HOUSE_LAST}"
"""A house number, then a compound street name in any case: ``255 hersnapvej 18``."""
_SEPARATE_SUFFIX_WORDS = (
    r"(?:gate|gata|gatan|vei|veien|veg|vegen|tee|u\.|utca|\u00fat|\u00fatja|rkp\.|t\u00e9r|terrasse|"
    r"stra(?:ss|\u00df)e|str\.|weg|laan|straat|vej|katu|tie)"
)
_WORDS_THEN_SEPARATE_SUFFIX = (
    rf"(?:{_LEADING_HOUSE})?(?<![\w.]){_UPPER}{_WORD_OF_ANY_SCRIPT}?[ \t]{{1,2}}"
    rf"(?:{_WORD_OF_ANY_SCRIPT}[ \t]{{1,2}}){{0,2}}{_SEPARATE_SUFFIX_WORDS}{_HOUSE_LAST}"
)
"""A street name, then a separate street word, then the house number: ``Trenerys gate 232``."""
_LETTER_THEN_NUMBER = re.compile(r"[^\W\d_]\.?[ \t]{1,2}\d")
_NUMBER_THEN_LETTER = re.compile(r"\d[ \t]{1,2}(?=[^\W\d_])")
_STREET_WORD_AFTER = re.compile(rf"(?:{_CLEAR_PREFIX_WORDS}|{_CAPITALISED_PREFIX_WORDS})[ \t]", re.IGNORECASE)
_ENDS_IN_STREET_WORD = re.compile(rf"(?:{_STREET_SUFFIX_WORDS}|{_SEPARATE_SUFFIX_WORDS})\.?\Z", re.IGNORECASE)
_FIRST_STREET_WORD_LIST = (
    "ul. ulica al. aleja rua r\u00faa avenida avda. av. calle c/ via viale vicolo piazza corso rue "
    "chemin strada carrer travessa largo pra\u00e7a praca camino paseo avenue leoforos odos trg"
)
_FIRST_STREET_WORDS = frozenset(_FIRST_STREET_WORD_LIST.split())
_LINE_WORD = re.compile(r"[^\W\d_]+\.?|c/")
_LOOK_BACK = 70


def _has_street_line(text: str) -> bool:
    """Whether a street word sits before a house number, or after a building number.

    Cheaper than any street pattern: it looks at the words just before a number that
    follows a letter, and at the word right after a number.
    """
    for number in _LETTER_THEN_NUMBER.finditer(text):
        line_start = max(text.rfind("\n", 0, number.start()) + 1, number.start() - _LOOK_BACK)
        words = _LINE_WORD.findall(text, line_start, number.start() + 2)
        if words and (
            _ENDS_IN_STREET_WORD.search(words[-1])
            or any(word.lower() in _FIRST_STREET_WORDS for word in words)
        ):
            return True
    return any(_STREET_WORD_AFTER.match(text, number.end()) for number in _NUMBER_THEN_LETTER.finditer(text))


class InternationalStreetRecognizer(RegexRecognizer):
    """A street line in a European or Latin American layout, with the parts written after it.

    The street word may come first (``ul. Jesionowa 127``, ``31 Rue de Tanger``,
    ``Rua do Arenque 1634``), be part of the name (``Villacher Strasse 89``,
    ``Koskikatu 25``, ``255 hersnapvej 18``) or follow it (``Trenerys gate 232``,
    ``Kir\u00e1ly u. 15.``); a building number may precede the whole line. Units, town,
    region code, country and postcode written after the line (on the same line or the
    next ones) are reported too, as street address, city and ZIP code.

    Examples
    --------
    >>> text = "Send it to Rua do Arenque 1634, Goi\u00e2nia"
    >>> [(text[r.start : r.end], r.entity_type) for r in InternationalStreetRecognizer().analyze(text, [])]
    [('Rua do Arenque 1634', 'STREET_ADDRESS'), ('Goi\u00e2nia', 'CITY')]
    """

    ENTITY: ClassVar[EntityType] = EntityType.STREET_ADDRESS
    PATTERNS: ClassVar[tuple[Pattern, ...]] = (
        Pattern("street word then house number", _PREFIX_STREET, 0.7),
        Pattern("street suffix then house number", _SUFFIX_STREET, 0.7),
        Pattern("house number then street word", _NUMBER_THEN_STREET_WORD, 0.7),
        Pattern("house number then compound street name", _NUMBER_THEN_COMPOUND, 0.7),
        Pattern("street name, street word, house number", _WORDS_THEN_SEPARATE_SUFFIX, 0.6),
    )
    CONTEXT: ClassVar[tuple[str, ...]] = ("address", "lives", "street", "mailing")
    NEEDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "street word then house number": _PREFIX_PIECES,
        "street suffix then house number": _SUFFIX_PIECES,
        "house number then street word": _CLEAR_PREFIX_PIECES,
        "house number then compound street name": _SUFFIX_PIECES,
        "street name, street word, house number": _SEPARATE_SUFFIX_PIECES,
    }

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Find street lines (only in texts with a street word), then the parts after each."""
        if not _has_street_line(text):
            return []
        return with_tails(text, super().analyze(text, entities, nlp_artifacts, regex_flags))
