"""The disclosure-control policy: threshold, zero handling, rounding and display marker."""

from __future__ import annotations

from dataclasses import dataclass

from data_contracts import ConfigError

__all__ = ["DEFAULT_MARKER", "DEFAULT_THRESHOLD", "DisclosurePolicy"]

DEFAULT_THRESHOLD = 11
"""CMS cell-size rule: no cell from 1 to 10 may be shown, so 11 is the smallest shown count."""

DEFAULT_MARKER = "[suppressed]"
"""What :func:`~cohorts.disclosure.display` writes in place of a suppressed count."""


@dataclass(frozen=True)
class DisclosurePolicy:
    """Which counts are too small to show, and how shown counts are rounded.

    Parameters
    ----------
    threshold
        Smallest count that may be shown; counts from 1 to ``threshold - 1`` are small.
        At least 2.
    suppress_zero
        Treat zero as small as well (off by default: a zero tells no one about a person).
    rounding
        Round every released count to the nearest multiple of this base (halves up),
        OpenSAFELY style; ``None`` releases exact counts. A count whose rounded value
        would be small is suppressed too, so no shown number is ever small.
    marker
        Text shown in place of a suppressed count by :func:`~cohorts.disclosure.display`.

    Raises
    ------
    ConfigError
        If a parameter is out of range; the message names the parameter.

    Examples
    --------
    >>> policy = DisclosurePolicy()
    >>> [policy.is_small(count) for count in (0, 1, 10, 11)]
    [False, True, True, False]
    >>> DisclosurePolicy(rounding=5).round_count(12)
    10
    """

    threshold: int = DEFAULT_THRESHOLD
    suppress_zero: bool = False
    rounding: int | None = None
    marker: str = DEFAULT_MARKER

    def __post_init__(self) -> None:
        if isinstance(self.threshold, bool) or not isinstance(self.threshold, int) or self.threshold < 2:
            raise ConfigError(
                "DisclosurePolicy.threshold must be an integer of at least 2 (the smallest count "
                f"that may be shown); got {self.threshold!r}. The CMS rule is 11."
            )
        if not isinstance(self.suppress_zero, bool):
            raise ConfigError("DisclosurePolicy.suppress_zero must be True or False.")
        if self.rounding is not None and (
            isinstance(self.rounding, bool) or not isinstance(self.rounding, int) or self.rounding < 1
        ):
            raise ConfigError(
                "DisclosurePolicy.rounding must be None or a positive integer base such as 5; "
                f"got {self.rounding!r}."
            )
        if not isinstance(self.marker, str) or not self.marker:
            raise ConfigError("DisclosurePolicy.marker must be a non-empty string such as '[suppressed]'.")

    def is_small(self, count: int) -> bool:
        """Whether ``count`` (a cell, or a difference or sum a reader can derive) must be hidden.

        Examples
        --------
        >>> DisclosurePolicy(suppress_zero=True).is_small(0)
        True
        """
        if count == 0:
            return self.suppress_zero
        return 0 < count < self.threshold

    def round_count(self, count: int) -> int:
        """Round ``count`` to the nearest multiple of :attr:`rounding` (halves up).

        Examples
        --------
        >>> DisclosurePolicy(rounding=5).round_count(13)
        15
        >>> DisclosurePolicy().round_count(13)
        13
        """
        if self.rounding is None:
            return count
        return (count + self.rounding // 2) // self.rounding * self.rounding

    def hides(self, count: int) -> bool:
        """Whether a count must be suppressed: it is small, or it rounds to a small number.

        Examples
        --------
        >>> DisclosurePolicy(rounding=5).hides(12)  # 12 would be shown as 10
        True
        """
        return self.is_small(count) or self.is_small(self.round_count(count))
