"""Study specs: YAML and Python agree, every invalid spec is a ConfigError naming the field."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from analysis.studies import (
    AnalysisStep,
    CompareStep,
    CorrelateStep,
    ModelStep,
    StudySpec,
    load_study,
)
from data_contracts import ConfigError

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "studies"

VALID = """\
name: reminders
title: Reminders and attendance
question: Do reminders help?
table: appointments
analyses:
  - name: associations
    correlate: {variables: [no_show, reminded, lead_weeks], confounders: [age]}
  - name: crude
    logistic: {formula: "no_show ~ reminded"}
  - name: adjusted
    logistic: {formula: "no_show ~ reminded + lead_weeks"}
  - name: reminder_effect
    compare: {crude: crude, adjusted: adjusted, term: reminded}
headline: crude
alpha: 0.1
"""


def write(folder: Path, text: str, *, name: str = "study.yaml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_yaml_and_python_objects_give_equal_specs(tmp_path: Path) -> None:
    built = StudySpec(
        name="reminders",
        title="Reminders and attendance",
        question="Do reminders help?",
        table="appointments",
        analyses=(
            AnalysisStep(
                name="associations",
                correlate=CorrelateStep(
                    variables=("no_show", "reminded", "lead_weeks"), confounders=("age",)
                ),
            ),
            AnalysisStep(name="crude", logistic=ModelStep(formula="no_show ~ reminded")),
            AnalysisStep(name="adjusted", logistic=ModelStep(formula="no_show ~ reminded + lead_weeks")),
            AnalysisStep(
                name="reminder_effect",
                compare=CompareStep(crude="crude", adjusted="adjusted", term="reminded"),
            ),
        ),
        headline="crude",
        alpha=0.1,
    )

    loaded = load_study(write(tmp_path, VALID))

    assert loaded == built
    assert [step.kind for step in loaded.analyses] == ["correlate", "logistic", "logistic", "compare"]
    assert loaded.headline_step.name == "crude"


def test_the_headline_defaults_to_the_last_analysis(tmp_path: Path) -> None:
    spec = load_study(write(tmp_path, VALID.replace("headline: crude\n", "")))
    assert spec.headline is None
    assert spec.headline_step.name == "reminder_effect"


ANALYSES_HEAD = "name: s\ntitle: T\ntable: appointments\nanalyses:\n"
CRUDE = '  - name: crude\n    logistic: {formula: "y ~ x"}\n'


@pytest.mark.parametrize(
    ("text", "field", "rule"),
    [
        pytest.param(
            ANALYSES_HEAD + CRUDE + "colour: blue\n",
            "colour",
            "Extra inputs are not permitted",
            id="unknown-key",
        ),
        pytest.param(
            ANALYSES_HEAD + '  - name: a\n    logistic: {formula: "y ~ x", family: binomial}\n',
            "analyses.0.logistic.family",
            "Extra inputs are not permitted",
            id="unknown-step-key",
        ),
        pytest.param(
            ANALYSES_HEAD
            + '  - name: a\n    logistic: {formula: "y ~ x"}\n    poisson: {formula: "y ~ x"}\n',
            "analyses.0",
            "exactly one of",
            id="two-kinds",
        ),
        pytest.param(ANALYSES_HEAD + "  - name: a\n", "analyses.0", "exactly one of", id="no-kind"),
        pytest.param(ANALYSES_HEAD + CRUDE + CRUDE, "(top level)", "repeated: crude", id="duplicate-names"),
        pytest.param(
            ANALYSES_HEAD + "  - name: cmp\n    compare: {crude: crude, adjusted: crude, term: x}\n" + CRUDE,
            "analyses.0.compare.crude",
            "earlier model analysis",
            id="compare-names-a-later-analysis",
        ),
        pytest.param(
            ANALYSES_HEAD
            + CRUDE
            + "  - name: assoc\n    correlate: {variables: [x, y]}\n"
            + "  - name: cmp\n    compare: {crude: crude, adjusted: assoc, term: x}\n",
            "analyses.2.compare.adjusted",
            "earlier model analysis",
            id="compare-names-a-non-model",
        ),
        pytest.param(
            ANALYSES_HEAD + CRUDE + "headline: adjusted\n", "headline", "headline must name", id="headline"
        ),
        pytest.param(
            "name: s\ntitle: T\ntable: appointments\ncohort: c.yaml\nanalyses:\n" + CRUDE,
            "table or cohort",
            "exactly one",
            id="table-and-cohort",
        ),
        pytest.param(
            "name: s\ntitle: T\nanalyses:\n" + CRUDE, "table or cohort", "exactly one", id="neither"
        ),
        pytest.param(
            ANALYSES_HEAD + '  - name: a\n    logistic: {formula: "y ~ x", offset: years}\n',
            "analyses.0",
            "offset is only for poisson and negative_binomial",
            id="offset-on-logistic",
        ),
        pytest.param(
            "name: Bad-Name\ntitle: T\ntable: appointments\nanalyses:\n" + CRUDE,
            "name",
            "should match pattern",
            id="bad-study-name",
        ),
        pytest.param(
            ANALYSES_HEAD + '  - name: 1st\n    logistic: {formula: "y ~ x"}\n',
            "analyses.0.name",
            "should match pattern",
            id="bad-analysis-name",
        ),
        pytest.param(
            ANALYSES_HEAD.replace("analyses:\n", "analyses: []\n"), "analyses", "", id="no-analyses"
        ),
    ],
)
def test_an_invalid_spec_is_a_config_error_naming_the_field(
    tmp_path: Path, text: str, field: str, rule: str
) -> None:
    path = write(tmp_path, text)

    with pytest.raises(ConfigError) as raised:
        load_study(path)

    message = str(raised.value)
    assert message.startswith(f"{path}: invalid StudySpec: ")
    assert field in message
    assert rule in message


def test_an_invalid_spec_message_never_echoes_a_value(tmp_path: Path) -> None:
    path = write(tmp_path, "name: Secret-Value-987654\ntitle: T\ntable: appointments\nanalyses:\n" + CRUDE)
    with pytest.raises(ConfigError) as raised:
        load_study(path)
    assert "987654" not in str(raised.value)


def test_a_missing_study_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_study(tmp_path / "absent.yaml")


def test_a_relative_cohort_resolves_against_the_study_folder(tmp_path: Path) -> None:
    folder = tmp_path / "studies"
    folder.mkdir()
    path = write(folder, "name: s\ntitle: T\ncohort: ../cohorts/adults.yaml\nanalyses:\n" + CRUDE)

    spec = load_study(path)

    assert spec.cohort is not None
    assert spec.cohort.resolve() == (tmp_path / "cohorts" / "adults.yaml").resolve()
    assert spec.table is None


def test_an_absolute_cohort_is_kept(tmp_path: Path) -> None:
    absolute = tmp_path / "elsewhere" / "adults.yaml"
    path = write(tmp_path, f"name: s\ntitle: T\ncohort: {absolute}\nanalyses:\n" + CRUDE)
    assert load_study(path).cohort == absolute


def test_every_example_study_loads() -> None:
    paths = sorted(EXAMPLES.glob("*.yaml"))
    assert [path.stem for path in paths] == [
        "channel_and_retention",
        "engagement_and_follow_up",
        "environment_and_respiratory",
        "reminders_and_attendance",
        "satisfaction_and_waits",
    ]
    for path in paths:
        spec = load_study(path)
        assert spec.name == path.stem
        assert spec.table is not None or spec.cohort is not None
