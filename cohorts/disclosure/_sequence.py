"""Disclosure control for attrition: a non-increasing sequence of remaining counts."""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from dataclasses import dataclass

from cohorts.disclosure._log import CheckEntry
from cohorts.disclosure._policy import DisclosurePolicy
from data_contracts import InputError

__all__ = ["CheckedSequence", "check_sequence", "suppress_sequence"]


@dataclass(frozen=True)
class CheckedSequence:
    """A sequence of counts after disclosure control.

    Parameters
    ----------
    released
        One value per input count: the (possibly rounded) count, or ``None`` if suppressed.
    suppressed_cells
        How many counts are ``None``.
    log
        The checks applied, for the output-checking log.
    """

    released: tuple[int | None, ...]
    suppressed_cells: int
    log: tuple[CheckEntry, ...]


def check_sequence(
    counts: Sequence[int], *, policy: DisclosurePolicy | None = None, output: str = "sequence"
) -> CheckedSequence:
    """Suppress counts of an attrition sequence so no small count or step can be derived.

    Readers see each remaining count ``n[i]`` and each removed count ``n[i-1] - n[i]``;
    once counts are hidden they can still subtract any two shown counts. The rule:

    1. a count is hidden if it is small (or, with rounding, rounds to a small number);
    2. between any two consecutive *shown* counts, the difference (exact and rounded) must
       not be small either. As the sequence never increases, every difference of two shown
       counts is then a sum of such steps, each zero or at least the threshold, so it is
       never small (and never zero, when zero counts as small);
    3. among the sets of shown counts meeting 1 and 2, the largest is released; ties keep
       the earliest counts, i.e. a small step hides the count *after* it unless hiding the
       one before costs fewer suppressions overall. This is an exact longest-path search,
       quadratic in the number of steps.

    A hidden count is never recoverable exactly: it lies between its shown neighbours
    (or zero), and two shown neighbours are never equal, for then the hidden count
    between them would have been shown.

    Parameters
    ----------
    counts
        Remaining counts, non-increasing and non-negative: ``n[0]`` is the start population.
    policy
        The disclosure policy; defaults to :class:`DisclosurePolicy` ``()``.
    output
        Name of the output, for the log.

    Returns
    -------
    CheckedSequence
        The released counts and the log entries.

    Raises
    ------
    InputError
        If a count is negative or larger than the one before (the message names the position).

    Examples
    --------
    >>> check_sequence([500, 495, 300, 8], output="attrition").released
    (500, None, 300, None)
    """
    policy = policy or DisclosurePolicy()
    values = _validate(counts, output)
    shown = _largest_safe_subset(values, policy)
    released = tuple(
        policy.round_count(count) if index in shown else None for index, count in enumerate(values)
    )
    small = sum(policy.hides(count) for count in values)
    zero_word = "0 and " if policy.suppress_zero else ""
    log = [
        CheckEntry(
            output,
            "primary",
            len(counts),
            small,
            f"remaining counts of {zero_word}1 to {policy.threshold - 1} suppressed",
        ),
        CheckEntry(
            output,
            "differences",
            max(len(counts) - 1, 0),
            len(counts) - len(shown) - small,
            f"further counts suppressed so no difference of shown counts is {zero_word}"
            f"1 to {policy.threshold - 1}",
        ),
    ]
    if policy.rounding is not None:
        log.append(
            CheckEntry(
                output, "rounding", len(shown), 0, f"shown counts rounded to a multiple of {policy.rounding}"
            )
        )
    return CheckedSequence(released, len(counts) - len(shown), tuple(log))


def suppress_sequence(counts: Sequence[int], *, policy: DisclosurePolicy | None = None) -> list[int | None]:
    """The released counts of :func:`check_sequence`, as a list (``None`` = suppressed).

    Examples
    --------
    >>> suppress_sequence([500, 495, 300, 8])
    [500, None, 300, None]
    >>> suppress_sequence([1000, 980, 975, 960])  # 975 is 5 below 980: hide 975
    [1000, 980, None, 960]
    """
    return list(check_sequence(counts, policy=policy).released)


def _validate(counts: Sequence[object], output: str) -> list[int]:
    values: list[int] = []
    for index, count in enumerate(counts):
        if isinstance(count, bool) or not isinstance(count, numbers.Integral):
            raise InputError(f"{output}: count at position {index} is not an integer; counts must be int.")
        value = int(count)
        if value < 0:
            raise InputError(f"{output}: count at position {index} is negative; counts must be >= 0.")
        if values and value > values[-1]:
            raise InputError(
                f"{output}: count at position {index} is larger than the one before; an attrition "
                "sequence never increases (pass the people remaining after each rule)."
            )
        values.append(value)
    return values


def _largest_safe_subset(counts: Sequence[int], policy: DisclosurePolicy) -> set[int]:
    rounded = [policy.round_count(count) for count in counts]
    showable = [not policy.hides(count) for count in counts]

    def may_follow(earlier: int, later: int) -> bool:
        return not (
            policy.is_small(counts[earlier] - counts[later])
            or policy.is_small(rounded[earlier] - rounded[later])
        )

    # longest[i]: most counts that can be shown from i onwards when i is shown.
    longest = [0] * len(counts)
    for index in reversed(range(len(counts))):
        if showable[index]:
            followers = [
                longest[later]
                for later in range(index + 1, len(counts))
                if longest[later] and may_follow(index, later)
            ]
            longest[index] = 1 + max(followers, default=0)
    shown: set[int] = set()
    remaining = max(longest, default=0)
    previous: int | None = None
    for index in range(len(counts)):
        if remaining and longest[index] == remaining and (previous is None or may_follow(previous, index)):
            shown.add(index)
            previous = index
            remaining -= 1
    return shown
