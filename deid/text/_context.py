"""Context enhancement from the words around a match, without tokenizing the whole text.

Presidio's ``LemmaContextAwareEnhancer`` raises a detection's score when one of its
recognizer's context words (``"mrn"``, ``"phone"``) is among the few keywords before
it; to find them it tokenizes and lemmatises the whole text, which cost more than all
the recognizers together. :class:`WindowContextEnhancer` applies the same rule
(Presidio's factors, substring matching, stop words skipped) to the words of a short
character window around the match, found with one regex.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.lang.en.stop_words import STOP_WORDS

__all__ = ["WindowContextEnhancer"]

_WORD = re.compile(r"[^\W_]+")
_CHARACTERS_PER_WORD = 16  # window width per context word wanted; long words only shorten it


class WindowContextEnhancer(ContextAwareEnhancer):
    """Raise scores of detections with a context word among the nearby keywords.

    Parameters
    ----------
    context_similarity_factor
        Added to the score when a context word is found (Presidio's default 0.35).
    min_score_with_context_similarity
        Lowest score of a detection with context (Presidio's default 0.4).
    context_prefix_count, context_suffix_count
        Keywords (non-stop words) looked at before and after the match.

    Examples
    --------
    >>> WindowContextEnhancer().keywords_around("phone the MRN of 12345", 17, 22)
    ['phone', 'mrn', '12345']
    """

    def __init__(
        self,
        context_similarity_factor: float = 0.35,
        min_score_with_context_similarity: float = 0.4,
        context_prefix_count: int = 5,
        context_suffix_count: int = 0,
    ) -> None:
        super().__init__(
            context_similarity_factor=context_similarity_factor,
            min_score_with_context_similarity=min_score_with_context_similarity,
            context_prefix_count=context_prefix_count,
            context_suffix_count=context_suffix_count,
        )

    def keywords_around(self, text: str, start: int, end: int) -> list[str]:
        """Lower-case keywords before ``start``, inside the match, and after ``end``."""
        before = text[max(0, start - _CHARACTERS_PER_WORD * self.context_prefix_count) : start]
        words = [word for word in _WORD.findall(before.lower()) if word not in STOP_WORDS]
        keywords = words[-self.context_prefix_count :] if self.context_prefix_count else []
        keywords.extend(_WORD.findall(text[start:end].lower()))
        if self.context_suffix_count:
            after = text[end : end + _CHARACTERS_PER_WORD * self.context_suffix_count].lower()
            keywords.extend(
                [word for word in _WORD.findall(after) if word not in STOP_WORDS][: self.context_suffix_count]
            )
        return keywords

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts | None,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        """Return ``raw_results`` with the scores of those with nearby context words raised.

        The results are updated in place (the analyzer made them for this call).
        """
        del nlp_artifacts
        by_id = {recognizer.id: recognizer for recognizer in recognizers}
        extra = [word.lower() for word in context or ()]
        for result in raw_results:
            metadata = result.recognition_metadata or {}
            if metadata.get(RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY):
                continue
            recognizer = by_id.get(metadata.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY))
            if recognizer is None or not recognizer.context:
                continue
            keywords = [*self.keywords_around(text, result.start, result.end), *extra]
            supporting = next(
                (word for word in recognizer.context if any(word.lower() in keyword for keyword in keywords)),
                None,
            )
            if supporting is None:
                continue
            result.score = min(
                max(result.score + self.context_similarity_factor, self.min_score_with_context_similarity),
                ContextAwareEnhancer.MAX_SCORE,
            )
            if result.analysis_explanation is not None:
                result.analysis_explanation.set_supportive_context_word(supporting)
                result.analysis_explanation.set_improved_score(result.score)
        return raw_results
