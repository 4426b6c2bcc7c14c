"""The shared machinery of the pattern recognizers: compiled-once regexes with a value group.

Each subclass declares its entity, its patterns (Presidio :class:`Pattern` objects), its
context words, an optional cheap prefilter and, per pattern, the pieces of text one of
which every match holds (a label, a month name, a separator) as class data: a pattern
whose pieces a text lacks is not run on it, which saves a scan of the text per pattern.
Patterns are compiled once per class with the standard library's :mod:`re`, and a
pattern may put its label in the match and the identifier itself in a group named
``value``, so "MRN: 1234567" reports only the number. A match whose pattern carries its
own label is marked as already enhanced by context, so Presidio's context enhancer does
not raise its score a second time.
"""

from __future__ import annotations

import re
from typing import ClassVar

from presidio_analyzer import (
    AnalysisExplanation,
    EntityRecognizer,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)
from presidio_analyzer.nlp_engine import NlpArtifacts

from data_contracts.entities import EntityType

__all__ = ["CompiledPattern", "RegexRecognizer"]

_VALUE_GROUP = "value"


class CompiledPattern:
    """One pattern compiled for scanning, with its score and whether it holds its own label.

    Parameters
    ----------
    pattern
        The Presidio pattern (name, regex source, score).
    flags
        :mod:`re` flags to compile with.
    """

    __slots__ = ("has_value_group", "name", "needs", "regex", "score")

    def __init__(self, pattern: Pattern, flags: int, needs: tuple[str, ...] = ()) -> None:
        self.name: str = pattern.name
        self.score: float = pattern.score
        self.regex: re.Pattern[str] = re.compile(pattern.regex, flags)
        self.has_value_group: bool = _VALUE_GROUP in self.regex.groupindex
        self.needs: tuple[str, ...] = needs
        """Lower-case pieces of which every match holds one (empty: no such piece is known)."""

    def may_match(self, lowered: str) -> bool:
        r"""Whether the lower-cased text holds one of the pieces every match needs.

        Examples
        --------
        >>> month = CompiledPattern(Pattern("month", r"(?i:jan|feb)\w*", 0.5), 0, needs=("jan", "feb"))
        >>> month.may_match("seen 5 jan"), month.may_match("seen 5/1")
        (True, False)
        """
        return not self.needs or any(piece in lowered for piece in self.needs)


class RegexRecognizer(PatternRecognizer):
    """A Presidio pattern recognizer whose patterns, context and prefilter are class data.

    Subclasses set ``ENTITY`` and ``PATTERNS`` (and optionally ``CONTEXT``, ``PREFILTER``
    and ``FLAGS``) and may override :meth:`rescore` to validate a match (check digits,
    number ranges, the words around it).
    """

    ENTITY: ClassVar[EntityType]
    PATTERNS: ClassVar[tuple[Pattern, ...]] = ()
    CONTEXT: ClassVar[tuple[str, ...]] = ()
    PREFILTER: ClassVar[re.Pattern[str] | None] = None
    """A cheap regex the text must contain somewhere, or the recognizer skips it."""
    FLAGS: ClassVar[int] = re.IGNORECASE
    NEEDS: ClassVar[dict[str, tuple[str, ...]]] = {}
    """Per pattern name, lower-case pieces of which every match of the pattern holds one."""
    COMPILED: ClassVar[tuple[CompiledPattern, ...]] = ()
    covered_by_backstop: ClassVar[bool] = False
    """Whether the safe-list backstop finds what this recognizer finds (then it is skipped under
    the ``high_recall`` policy, where the backstop runs)."""

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if cls.PATTERNS:
            unknown = set(cls.NEEDS) - {pattern.name for pattern in cls.PATTERNS}
            if unknown:
                msg = f"{cls.__name__}.NEEDS names no pattern: {sorted(unknown)}"
                raise TypeError(msg)
            cls.COMPILED = tuple(
                CompiledPattern(pattern, cls.FLAGS, cls.NEEDS.get(pattern.name, ()))
                for pattern in cls.PATTERNS
            )

    def __init__(self) -> None:
        super().__init__(
            supported_entity=self.ENTITY.value,
            name=type(self).__name__,
            patterns=list(self.PATTERNS),
            context=list(self.CONTEXT),
        )

    def rescore(self, text: str, start: int, end: int, pattern: CompiledPattern) -> float:
        """The score of a match of ``text[start:end]``; 0 drops it.

        Parameters
        ----------
        text
            The whole text (for looking around the match).
        start, end
            The reported span.
        pattern
            The pattern that matched (its ``name`` and ``score``).

        Returns
        -------
        float
            The score to report, by default the pattern's.
        """
        del text, start, end
        return pattern.score

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Find the entity in ``text``.

        Parameters
        ----------
        text
            The text to scan.
        entities
            Requested entity names (Presidio's interface; the engine only calls a
            recognizer for entities it supports).
        nlp_artifacts, regex_flags
            Unused: patterns are compiled once with the class's own flags.

        Returns
        -------
        list of RecognizerResult
            One result per distinct span, scores in (0, 1].
        """
        del entities, nlp_artifacts, regex_flags
        if self.PREFILTER is not None and self.PREFILTER.search(text) is None:
            return []
        results: list[RecognizerResult] = []
        lowered = text.lower()
        for compiled in self.COMPILED:
            if not compiled.may_match(lowered):
                continue
            for match in compiled.regex.finditer(text):
                labelled = compiled.has_value_group and match.start(_VALUE_GROUP) >= 0
                start, end = match.span(_VALUE_GROUP) if labelled else match.span()
                if start == end:
                    continue
                score = self.rescore(text, start, end, compiled)
                if score > 0:
                    results.append(self._result(compiled, start, end, score, labelled=labelled))
        if len(results) > 1:
            results = EntityRecognizer.remove_duplicates(results)
        return results

    def _result(
        self, compiled: CompiledPattern, start: int, end: int, score: float, *, labelled: bool
    ) -> RecognizerResult:
        name = type(self).__name__
        explanation = AnalysisExplanation(
            recognizer=name,
            original_score=compiled.score,
            pattern_name=compiled.name,
            textual_explanation=f"Detected by `{name}` using pattern `{compiled.name}`",
        )
        return RecognizerResult(
            entity_type=self.ENTITY.value,
            start=start,
            end=end,
            score=score,
            analysis_explanation=explanation,
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY: labelled,
            },
        )
