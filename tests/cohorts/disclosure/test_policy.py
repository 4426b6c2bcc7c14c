"""DisclosurePolicy: defaults, validation naming the parameter, small counts and rounding."""

from __future__ import annotations

import pytest

from cohorts.disclosure import DisclosurePolicy
from data_contracts import ConfigError


def test_defaults_follow_the_cms_rule() -> None:
    policy = DisclosurePolicy()
    assert (policy.threshold, policy.suppress_zero, policy.rounding, policy.marker) == (
        11,
        False,
        None,
        "[suppressed]",
    )
    assert [count for count in range(15) if policy.is_small(count)] == list(range(1, 11))


def test_zero_is_small_only_when_asked() -> None:
    assert not DisclosurePolicy().is_small(0)
    assert DisclosurePolicy(suppress_zero=True).is_small(0)


@pytest.mark.parametrize(
    ("arguments", "parameter"),
    [
        ({"threshold": 1}, "threshold"),
        ({"threshold": 0}, "threshold"),
        ({"threshold": 11.0}, "threshold"),
        ({"threshold": True}, "threshold"),
        ({"rounding": 0}, "rounding"),
        ({"rounding": -5}, "rounding"),
        ({"marker": ""}, "marker"),
        ({"suppress_zero": 1}, "suppress_zero"),
    ],
)
def test_invalid_parameters_are_named(arguments: dict[str, object], parameter: str) -> None:
    with pytest.raises(ConfigError, match=f"DisclosurePolicy.{parameter}"):
        DisclosurePolicy(**arguments)  # type: ignore[arg-type]


def test_policy_is_frozen() -> None:
    policy = DisclosurePolicy()
    with pytest.raises(AttributeError):
        policy.threshold = 5  # type: ignore[misc]


@pytest.mark.parametrize(("count", "rounded"), [(0, 0), (2, 0), (3, 5), (12, 10), (13, 15), (1002, 1000)])
def test_rounding_to_nearest_multiple_halves_up(count: int, rounded: int) -> None:
    assert DisclosurePolicy(rounding=5).round_count(count) == rounded


def test_a_count_that_rounds_to_a_small_number_is_hidden() -> None:
    policy = DisclosurePolicy(rounding=5)
    assert policy.hides(12)  # shown as 10
    assert not policy.hides(13)  # shown as 15
    assert not DisclosurePolicy().hides(12)
