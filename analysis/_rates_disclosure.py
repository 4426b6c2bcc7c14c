"""Which strata of a rate table are suppressed, why, and the checks for the output log."""

from __future__ import annotations

from dataclasses import dataclass

from cohorts.disclosure import CheckEntry, DisclosurePolicy

__all__ = ["StrataSuppression", "suppress_strata"]


@dataclass(frozen=True)
class StrataSuppression:
    """The outcome of disclosure control on the strata of a rate table.

    Parameters
    ----------
    suppressed
        One flag per stratum, in order.
    reasons
        Why each stratum is suppressed, ``None`` where it is shown; never a count.
    checks
        The checks applied, for the output-checking log.
    """

    suppressed: tuple[bool, ...]
    reasons: tuple[str | None, ...]
    checks: tuple[CheckEntry, ...]


def suppress_strata(
    events: list[int], persons: list[int], *, policy: DisclosurePolicy, output: str
) -> StrataSuppression:
    """Suppress strata with a small event or person count, and strata that would reveal them.

    *Primary*: a stratum whose events or persons the policy hides (1 to ``threshold - 1``)
    is suppressed. *Complementary*: readers are assumed to know the totals over strata, so
    while exactly one stratum is suppressed, or the suppressed strata add up to a small
    number of events or persons, the shown stratum with the fewest events (then persons)
    is suppressed as well.

    Examples
    --------
    >>> outcome = suppress_strata([5, 40, 60], [50, 400, 600], policy=DisclosurePolicy(), output="x")
    >>> outcome.suppressed
    (True, True, False)
    >>> outcome.reasons[0]
    'events from 1 to 10'
    """
    limit = policy.threshold - 1
    reasons: list[str | None] = []
    for event_count, person_count in zip(events, persons, strict=True):
        small = [
            word
            for word, count in (("events", event_count), ("persons", person_count))
            if policy.hides(count)
        ]
        reasons.append(
            " and ".join(small) + f" from {'0 and ' if policy.suppress_zero else ''}1 to {limit}"
            if small
            else None
        )
    primary = sum(reason is not None for reason in reasons)
    while len(reasons) > 1 and _reveals(events, persons, reasons, policy):
        shown = [index for index, reason in enumerate(reasons) if reason is None]
        if not shown:
            break
        chosen = min(shown, key=lambda index: (events[index], persons[index], index))
        reasons[chosen] = "complementary: would reveal a suppressed stratum from the totals"
    suppressed = tuple(reason is not None for reason in reasons)
    checks = (
        CheckEntry(
            output,
            "primary",
            2 * len(reasons),
            primary,
            f"strata with events or persons from 1 to {limit} suppressed (rate and interval)",
        ),
        CheckEntry(
            output,
            "complementary",
            len(reasons),
            sum(suppressed) - primary,
            "further strata suppressed so no suppressed stratum, nor a small sum of them, "
            "follows from the totals over strata",
        ),
    )
    return StrataSuppression(suppressed, tuple(reasons), checks)


def _reveals(
    events: list[int], persons: list[int], reasons: list[str | None], policy: DisclosurePolicy
) -> bool:
    hidden = [index for index, reason in enumerate(reasons) if reason is not None]
    if not hidden:
        return False
    return (
        len(hidden) == 1
        or policy.is_small(sum(events[index] for index in hidden))
        or policy.is_small(sum(persons[index] for index in hidden))
    )
