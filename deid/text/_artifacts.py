"""Presidio NLP artifacts computed only when a recognizer or the context enhancer asks.

Presidio's ``AnalyzerEngine`` runs the full spaCy pipeline on every text to build its
``NlpArtifacts`` (tokens, lemmas, keywords, entities). The engine passes these lazy
artifacts instead: most texts have no detection that needs context words, and then no
token is ever made. When one is needed, a blank English tokenizer (microseconds per
text) supplies tokens, lower-cased words stand in for lemmas, and spaCy's stop-word and
punctuation flags filter the keywords as Presidio does. Entities come from NER when it
ran on the text, else there are none.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from presidio_analyzer.nlp_engine import NlpArtifacts

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

__all__ = ["LazyNlpArtifacts"]


class LazyNlpArtifacts(NlpArtifacts):
    """NLP artifacts of ``text`` whose tokens are made on first use.

    Parameters
    ----------
    text
        The analysed text.
    tokenizer
        A spaCy pipeline used only to tokenize (``spacy.blank("en")``).
    doc
        A document already processed by NER, if any; its entities and tokens are used.
    entities, scores
        The NER entities to expose (already filtered and relabelled) and their scores.
    """

    def __init__(
        self,
        text: str,
        *,
        tokenizer: Language,
        doc: Doc | None = None,
        entities: list[Span] | None = None,
        scores: list[float] | None = None,
    ) -> None:
        # NlpArtifacts.__init__ is skipped on purpose: it would build every list eagerly.
        self._text = text
        self._tokenizer = tokenizer
        self._doc = doc
        self.entities = entities or []
        self.scores = scores or []
        self.nlp_engine = None

    @cached_property
    def tokens(self) -> Doc:  # type: ignore[override]
        """The tokenized text."""
        return self._doc if self._doc is not None else self._tokenizer(self._text)

    @cached_property
    def tokens_indices(self) -> list[int]:  # type: ignore[override]
        """Character offset of each token."""
        return [token.idx for token in self.tokens]

    @cached_property
    def lemmas(self) -> list[str]:  # type: ignore[override]
        """Lower-cased tokens, standing in for lemmas."""
        return [token.lower_ for token in self.tokens]

    @cached_property
    def keywords(self) -> list[str]:  # type: ignore[override]
        """Lemmas that are neither stop words nor punctuation, split at colons (as Presidio)."""
        words = [token.lower_ for token in self.tokens if not (token.is_stop or token.is_punct)]
        return [part for word in words for part in word.split(":")]

    def to_json(self) -> str:
        """Presidio's JSON view (used only when it traces decisions)."""
        fields: dict[str, Any] = {"tokens": [token.text for token in self.tokens], "lemmas": self.lemmas}
        import json  # noqa: PLC0415 - tracing only

        return json.dumps(fields)
