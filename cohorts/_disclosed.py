"""The counts of a cohort a person may see: attrition and profile after disclosure control."""

from __future__ import annotations

from html import escape

import polars as pl

from cohorts.disclosure import (
    CheckEntry,
    DisclosurePolicy,
    check_sequence,
    display,
    suppress_counts,
)

__all__ = ["AGE_BANDS", "disclosed_attrition", "disclosed_profile", "display_attrition", "html_page"]

AGE_BANDS = ((0, 17), (18, 34), (35, 49), (50, 64), (65, 79), (80, None))
"""Age bands of the profile (years at index, inclusive; the last open)."""


def disclosed_attrition(
    raw: pl.DataFrame, policy: DisclosurePolicy
) -> tuple[pl.DataFrame, tuple[CheckEntry, ...]]:
    """Attrition with small counts, and counts that would reveal them, suppressed (null).

    ``persons`` goes through :func:`~cohorts.disclosure.check_sequence`; ``persons_removed``
    is shown only where both neighbouring counts are; ``persons_if_dropped`` (a rule's
    impact) only where neither it nor its difference from any count shown before it
    (remaining counts, earlier impacts) is small.
    Returns the table and the checks applied.
    """
    checked = check_sequence(raw["persons"].to_list(), policy=policy, output="attrition.persons")
    persons = list(checked.released)
    removed = [
        None if index == 0 else _difference(persons[index - 1], persons[index])
        for index in range(len(persons))
    ]
    removed[0] = 0
    shown_counts = [count for count in persons if count is not None]
    impact: list[int | None] = []
    hidden = 0
    for value in raw["persons_if_dropped"].to_list():
        shown = value is not None and not policy.hides(value)
        if shown and value is not None:
            shown = not any(policy.is_small(abs(value - other)) for other in shown_counts)
        hidden += int(value is not None and not shown)
        if shown and value is not None:
            shown_counts.append(value)
        impact.append(policy.round_count(value) if shown and value is not None else None)
    impact_check = CheckEntry(
        output="attrition.persons_if_dropped",
        rule=f"hidden if it or its difference from any shown count is 1 to {policy.threshold - 1}",
        cells_checked=len(impact) - 1,
        cells_suppressed=hidden,
        detail="differences from every shown remaining count and impact checked",
    )
    table = pl.DataFrame(
        {"step": raw["step"], "persons": persons, "persons_removed": removed, "persons_if_dropped": impact},
        schema={
            "step": pl.String,
            "persons": pl.Int64,
            "persons_removed": pl.Int64,
            "persons_if_dropped": pl.Int64,
        },
    )
    return table, (*checked.log, impact_check)


def display_attrition(attrition: pl.DataFrame, policy: DisclosurePolicy) -> pl.DataFrame:
    """Attrition as text: suppressed counts as the marker; the entry step has no impact (blank)."""
    shown = display(attrition, policy)
    return shown.with_columns(
        persons_if_dropped=pl.when(pl.int_range(pl.len()) == 0)
        .then(pl.lit(""))
        .otherwise("persons_if_dropped")
    )


def _difference(before: int | None, after: int | None) -> int | None:
    return None if before is None or after is None else before - after


def _band(age: pl.Expr) -> pl.Expr:
    expression = pl.lit(None, dtype=pl.String)
    for low, high in reversed(AGE_BANDS):
        label = f"{low}+" if high is None else f"{low}-{high}"
        condition = age >= low if high is None else age.is_between(low, high)
        expression = pl.when(condition).then(pl.lit(label)).otherwise(expression)
    return expression.fill_null("unknown")


def disclosed_profile(
    variables: pl.DataFrame, policy: DisclosurePolicy
) -> tuple[dict[str, pl.DataFrame], tuple[CheckEntry, ...]]:
    """People by sex, age band at index and state, each table after disclosure control, and the checks."""
    people = variables.unique("person_key")
    groups = {
        "sex": pl.col("sex").fill_null("unknown"),
        "age band": _band(pl.col("age_at_index")),
        "state": pl.col("state").fill_null("unknown"),
    }
    tables = {}
    checks: list[CheckEntry] = []
    for name, expression in groups.items():
        counts = people.group_by(expression.alias(name)).agg(people=pl.len().cast(pl.Int64)).sort(name)
        checked = suppress_counts(
            counts, ["people"], policy=policy, label_column=name, output=f"profile.{name}"
        )
        checks.extend(checked.log)
        tables[name] = checked.released
    return tables, tuple(checks)


def _html_table(shown: pl.DataFrame) -> str:
    head = "".join(f"<th>{escape(column)}</th>" for column in shown.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape(str(value))}</td>" for value in row) + "</tr>"
        for row in shown.iter_rows()
    )
    return f"<table><tr>{head}</tr>{rows}</table>"


def html_page(
    title: str,
    description: str,
    attrition: pl.DataFrame,
    profile: dict[str, pl.DataFrame],
    policy: DisclosurePolicy,
    *,
    standalone: bool,
) -> str:
    """The attrition and profile as HTML: a small page, or a fragment for Jupyter."""
    parts = [
        f"<h3>Cohort {escape(title)}</h3>",
        f"<p>{escape(description)}</p>" if description else "",
        f"<p>Counts from 1 to {policy.threshold - 1} are suppressed, with any count revealing them.</p>",
        "<h4>Attrition</h4>",
        _html_table(display_attrition(attrition, policy)),
        *(
            f"<h4>People by {escape(name)}</h4>{_html_table(display(table, policy))}"
            for name, table in profile.items()
        ),
    ]
    body = "".join(parts)
    if not standalone:
        return f"<div>{body}</div>"
    style = (
        "body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2430}"
        "table{border-collapse:collapse;margin:.4rem 0 1rem}"
        "td,th{border-bottom:1px solid #dde2ea;padding:.2rem .6rem;text-align:left}"
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Cohort {escape(title)}</title>'
        f"<style>{style}</style></head><body>{body}</body></html>"
    )
