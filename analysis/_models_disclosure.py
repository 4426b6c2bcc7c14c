"""Output checks for a regression model (ACRO / OpenSAFELY style).

Each rule is a small pure function of counts and the policy. A failing rule withholds
every estimate of the model; the checks say which rule failed, never a count.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from cohorts.disclosure import CheckEntry, DisclosurePolicy

__all__ = ["MIN_EVENTS_PER_VARIABLE", "ModelCounts", "Verdict", "apply_rules", "check_model"]

logger = logging.getLogger(__name__)

MIN_EVENTS_PER_VARIABLE = 10
"""Smallest number of the rarer outcome per estimated parameter for a logistic model."""


@dataclass(frozen=True)
class ModelCounts:
    """The counts the rules look at (kept private to the checks, never shown when withheld).

    ``events`` is ``None`` for a linear model of a numeric outcome: it has no events, and
    the events rule is not applied. ``events_per_variable`` says whether the rule of
    :data:`MIN_EVENTS_PER_VARIABLE` applies (logistic models).
    """

    persons: int
    events: int | None
    non_events: int | None
    parameters: int
    df_resid: int
    level_counts: dict[str, int]
    events_per_variable: bool


@dataclass(frozen=True)
class Verdict:
    """The checks, and why estimates are withheld (``None`` when they are released)."""

    checks: tuple[CheckEntry, ...]
    withheld: str | None


def check_model(
    counts: ModelCounts, *, policy: DisclosurePolicy, override: bool, output: str, terms: int
) -> Verdict:
    """Apply every rule; withhold the estimates if one fails, unless ``override``."""
    rules = [
        (
            "minimum persons",
            policy.hides(counts.persons),
            f"models on fewer than {policy.threshold} persons withheld",
        ),
    ]
    if counts.events is not None:
        rules.append(
            (
                "minimum events",
                policy.hides(counts.events)
                or (counts.non_events is not None and policy.hides(counts.non_events)),
                f"models with events (or non-events) from 1 to {policy.threshold - 1} withheld",
            )
        )
    rules += [
        (
            "residual degrees of freedom",
            counts.df_resid < policy.threshold,
            f"models with fewer than {policy.threshold} residual degrees of freedom withheld",
        ),
        (
            "categorical level size",
            any(policy.hides(size) for size in counts.level_counts.values()),
            f"models with a categorical predictor level of fewer than {policy.threshold} persons withheld",
        ),
    ]
    if counts.events is not None and counts.non_events is not None and counts.events_per_variable:
        rarer = min(counts.events, counts.non_events)
        rules.append(
            (
                "events per variable",
                rarer < MIN_EVENTS_PER_VARIABLE * max(counts.parameters, 1),
                (
                    f"logistic models with fewer than {MIN_EVENTS_PER_VARIABLE} of the rarer outcome per "
                    "estimated parameter withheld"
                ),
            )
        )
    return apply_rules(rules, override=override, output=output, cells=terms)


def apply_rules(rules: list[tuple[str, bool, str]], *, override: bool, output: str, cells: int) -> Verdict:
    """Log each ``(rule, failed, detail)`` as a check on ``cells`` cells and decide the release.

    A failed rule withholds every cell, unless ``override``: then nothing is suppressed, a
    warning is logged and an ``override`` entry names the rules that failed.
    """
    failed_rules = [rule for rule, failed, _ in rules if failed]
    withheld_cells = 0 if override else cells
    checks = [
        CheckEntry(output, rule, cells, withheld_cells if failed else 0, detail)
        for rule, failed, detail in rules
    ]
    if not failed_rules:
        return Verdict(tuple(checks), None)
    if override:
        logger.warning("output %s: disclosure checks overridden (%s)", output, ", ".join(failed_rules))
        checks.append(
            CheckEntry(
                output,
                "override",
                cells,
                0,
                f"estimates released despite failing checks ({', '.join(failed_rules)}), by explicit "
                "override inside the secure environment; not for export",
            )
        )
        return Verdict(tuple(checks), None)
    return Verdict(tuple(checks), "withheld: failed " + ", ".join(failed_rules))
