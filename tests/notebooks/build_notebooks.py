"""Write the four research notebooks in ``notebooks/`` (stripped: no outputs, no execution counts).

The notebooks are generated from the cell sources below so that they stay reviewable as
plain Python and are always stored without outputs; ``test_notebooks.py`` checks that the
stored files match what this script writes. Regenerate after editing a cell::

    .venv/bin/python tests/notebooks/build_notebooks.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

NOTEBOOKS_DIR = Path(__file__).resolve().parents[2] / "notebooks"

Cell = tuple[str, str]
"""A cell: its kind (``"md"`` or ``"code"``) and its source."""

SETUP = """\
%matplotlib inline
import os
from pathlib import Path

# The demo output folder (`make demo` writes ../demo-output); set HEALTHTROVE_DEMO to use another.
DEMO = Path(os.environ.get("HEALTHTROVE_DEMO", "../demo-output")).resolve()
DATASET = DEMO / "dataset"
EXAMPLES = Path("../examples").resolve()
if not (DATASET / "manifest.json").is_file():
    raise FileNotFoundError(
        f"no de-identified dataset in {DATASET}: run `make demo` at the repository root, "
        "or set HEALTHTROVE_DEMO to a demo output folder"
    )
print(f"dataset: {DATASET}")"""

SETUP_MD = """\
## Where the data is

The notebook reads the output of `make demo` (500 generated patients, de-identified as a
limited data set). It looks for it in `../demo-output`; set the environment variable
`HEALTHTROVE_DEMO` to point elsewhere."""

DEIDENTIFICATION: list[Cell] = [
    (
        "md",
        """\
# 1. De-identification: what was published, the verdict, the risk

For **auditors** (IRB, privacy office) and **data engineers**. A de-identification run
(`deid.run`) reads the identifiable EMR and CRM extracts in the trusted zone and publishes a
research dataset: Parquet tables, a `manifest.json` describing what was done, and a report
(`report/report.html`, with the same facts in `report/report.json`).

This notebook reads those files: the manifest, the report's verdict, the leak check, the
Safe Harbor checklist and the re-identification risk. At the end it runs a small
de-identification itself so you can see the `DeidResult` a run returns.

Nothing here shows a row of the dataset: only what the run recorded about itself.""",
    ),
    ("md", SETUP_MD),
    ("code", SETUP),
    (
        "md",
        """\
## The manifest: method and tables

`manifest.json` says which method was applied (Safe Harbor, limited data set or expert
determination), how people are pseudonymised, whether dates were shifted, and how many rows
each published table holds.""",
    ),
    (
        "code",
        """\
import json

import polars as pl

manifest = json.loads((DATASET / "manifest.json").read_text(encoding="utf-8"))
pl.DataFrame(
    {
        "field": ["method", "pseudonyms", "date shifting", "free text", "reference year", "version"],
        "value": [
            manifest["method"],
            manifest["pseudonyms"],
            "none (dates kept)" if manifest["date_shifting"] is None else "shifted per person",
            manifest["free_text"]["action"],
            str(manifest["reference_year"]),
            manifest["version"],
        ],
    }
)""",
    ),
    (
        "code",
        """\
tables = pl.DataFrame(
    [{"table": name, "rows": facts["rows"]} for name, facts in manifest["outputs"].items()]
).sort("table")
tables""",
    ),
    (
        "md",
        """\
## The verdict

A run publishes only when its release gates pass: the **leak check** (no input identifier
found anywhere in the output) always, and the **risk gate** when risk thresholds are
enforced (expert determination). Under a limited data set the risk is reported, not
enforced, and the verdict says so in a note.""",
    ),
    (
        "code",
        """\
report_json = DATASET / "report" / "report.json"
report = json.loads(report_json.read_text(encoding="utf-8"))
verdict = report["verdict"]
pl.DataFrame(
    {
        "item": ["status", "released", *(f"gate: {gate}" for gate in verdict["gates"])],
        "value": [verdict["status"], str(verdict["released"]), *verdict["gates"].values()],
    }
)""",
    ),
    (
        "code",
        """\
for note in verdict["notes"]:
    print("note:", note)
for reason in verdict["reasons"]:
    print("reason:", reason)""",
    ),
    (
        "md",
        """\
## The report

The HTML report is self-contained: open it in a browser (the path is below), or read it
embedded here.""",
    ),
    (
        "code",
        """\
import html

from IPython.display import HTML, Markdown, display

report_html = DATASET / "report" / "report.html"
display(Markdown(f"Report: `{report_html}` ([open]({report_html.as_uri()}))"))
page = report_html.read_text(encoding="utf-8")
frame_style = "width: 100%; height: 600px; border: 1px solid #ccc"
HTML(f'<div><iframe srcdoc="{html.escape(page)}" style="{frame_style}"></iframe></div>')""",
    ),
    (
        "md",
        """\
## The leak check and the Safe Harbor checklist

After writing, an independent check looks for every input identifier (names, phones,
emails, MRNs, addresses, record ids...) in every output cell. The checklist then goes
through the 18 Safe Harbor identifiers and says, for each, what the run did to it.""",
    ),
    (
        "code",
        """\
leak = report["residual"]["leak_check"]
print(f"leak check passed: {leak['passed']}; cells scanned: {leak['cells_scanned']:,}; "
      f"findings: {len(leak['findings'])}")
pl.DataFrame(
    [
        {
            "identifier": item["label"],
            "verdict": item["verdict"],
            "values transformed": item["values_transformed"],
            "detections in text": item["text_detections"],
            "cells found by the leak check": item["leak_cells"],
        }
        for item in report["safe_harbor"]["checklist"]
    ]
)""",
    ),
    (
        "md",
        """\
## Re-identification risk

People are grouped into **equivalence classes** by their quasi-identifiers (for example
birth year, sex, ZIP and first encounter year): everyone in a class looks alike to an
attacker who knows those facts. `k` is the size of the smallest class; a person alone in
a class (a *sample unique*) is at the highest risk. The prosecutor model assumes the
attacker knows the person is in the dataset.""",
    ),
    (
        "code",
        """\
risk = report["risk"]
measures = risk["measures"]
pl.DataFrame(
    {
        "measure": [
            "quasi-identifiers",
            "records (people)",
            "equivalence classes",
            "k (smallest class)",
            "sample uniques (share)",
            "prosecutor risk, highest",
            "prosecutor risk, average",
            "risk threshold",
            "thresholds enforced",
        ],
        "value": [
            ", ".join(measures["quasi_identifiers"]),
            str(measures["records"]),
            str(measures["classes"]),
            str(measures["k"]),
            f"{measures['sample_uniques_share']:.1%}",
            f"{measures['prosecutor']['highest']:.3f}",
            f"{measures['prosecutor']['average']:.3f}",
            str(measures["risk_threshold"]),
            str(risk["enforced"]),
        ],
    }
)""",
    ),
    (
        "md",
        """\
How many people are in classes of each size: the more sit in the small classes on the left,
the higher the risk. A limited data set keeps full dates and ZIP codes, so with a few
hundred people almost everyone is unique; it is released under a data use agreement, which
is why risk is reported and not enforced.""",
    ),
    (
        "code",
        """\
from matplotlib.figure import Figure

class_sizes = pl.DataFrame(measures["class_sizes"]).select("label", "classes", "records")
figure = Figure(figsize=(7, 3))
axes = figure.subplots()
axes.bar(class_sizes["label"].to_list(), class_sizes["records"].to_list(), color="#4C72B0")
axes.set_xlabel("equivalence class size")
axes.set_ylabel("people")
axes.set_title("People by the size of their equivalence class")
figure.tight_layout()
figure""",
    ),
    ("code", "class_sizes"),
    (
        "md",
        """\
## Running a de-identification

`deid.run(DeidConfig(...))` is the library entry point (the CLI's `healthtrove deid run`
calls it). Here it runs on the demo's synthetic extract into a temporary folder, with the
demo's project key (kept in `trusted/`, never beside the dataset). Free text is dropped
rather than scrubbed so the run takes seconds; the published dataset above was scrubbed.

The run returns a `DeidResult`, which Jupyter shows as a summary: verdict, `k`, leak check
and row counts.""",
    ),
    (
        "code",
        """\
import tempfile
import time

from deid import DeidConfig, RiskConfig, run

extract = DEMO / "extract"
key_file = DEMO / "trusted" / "demo.key"
result = None
if (extract / "emr").is_dir() and key_file.is_file():
    workspace = Path(tempfile.mkdtemp(prefix="healthtrove-deid-"))
    config = DeidConfig(
        emr=extract / "emr",
        crm=extract / "crm",
        environment=extract / "environment",
        out=workspace / "dataset",
        method=manifest["method"],
        key_file=key_file,
        free_text="drop",
        risk=RiskConfig(enforce=False),
    )
    started = time.perf_counter()
    result = run(config)
    print(f"de-identified in {time.perf_counter() - started:.1f} s into {result.out}")
else:
    print(f"no synthetic extract and key under {DEMO}: skipping the run")
result""",
    ),
    (
        "md",
        """\
What to check as an auditor: the verdict is `pass`, the leak check found nothing, the
method is the one the protocol approved, and the risk section matches what the data use
agreement allows. The full reasoning per column is in the HTML report.""",
    ),
    (
        "code",
        """\
import shutil

# The run above went to a temporary folder: remove it (keep it to open its report).
if result is not None:
    shutil.rmtree(workspace)""",
    ),
]

COHORTS: list[Cell] = [
    (
        "md",
        """\
# 2. Building cohorts

A **cohort** is the set of people a study looks at, each with an index date (when they
enter) and an end of follow-up. In healthtrove a cohort is declared in a small YAML spec
(`examples/cohorts/*.yaml`): the entry event, how much history is needed, named inclusion
rules applied in order, and when follow-up ends. `cohorts.build(dataset, spec)` turns it
into a `Cohort`.

We build three example slices: a **population** slice (adults in Nebraska at their first
respiratory infection), an **engagement** slice (patients reminded and reading emails
before an ambulatory visit) and an **environment** slice (first asthma or COPD encounter in
a year with a poor-air week).

Every count you see here passes **disclosure control**: counts from 1 to 10 are suppressed
(shown as empty or a marker), with extra cells suppressed where the small ones could be
worked out from totals.""",
    ),
    ("md", SETUP_MD),
    ("code", SETUP),
    (
        "code",
        """\
from cohorts import Dataset, build, load_spec

dataset = Dataset(DATASET)
print(f"method: {dataset.method}; dates at the level of the {dataset.resolution}")
slices = ("population", "engagement", "environment")
specs = {name: load_spec(EXAMPLES / "cohorts" / f"{name}.yaml") for name in slices}
cohorts = {name: build(dataset, spec) for name, spec in specs.items()}""",
    ),
    (
        "md",
        """\
## The population slice

A spec reads like a protocol. Here is the population slice's: who enters, the rules, the
end of follow-up.""",
    ),
    ("code", 'print((EXAMPLES / "cohorts" / "population.yaml").read_text(encoding="utf-8"))'),
    (
        "md",
        """\
Jupyter shows a cohort as its attrition table (people remaining after each step and how
many each rule removed) and its profile (people by sex, age band and state), after
disclosure control.""",
    ),
    ("code", 'cohorts["population"]'),
    (
        "md",
        """\
### Attrition

`attrition()` returns the same table as a DataFrame: `persons` remaining after each step,
`persons_removed` by it, and `persons_if_dropped`, the cohort size if only that rule were
dropped (how much the rule matters). Empty cells are suppressed small counts.""",
    ),
    ("code", 'cohorts["population"].attrition()'),
    (
        "code",
        """\
from matplotlib.figure import Figure


def attrition_figure(name):
    \"\"\"People remaining after each step; suppressed counts are drawn as a gap and labelled.\"\"\"
    attrition = cohorts[name].attrition()
    steps = attrition["step"].to_list()
    persons = attrition["persons"].to_list()
    figure = Figure(figsize=(7, 0.6 + 0.45 * len(steps)))
    axes = figure.subplots()
    positions = list(range(len(steps)))[::-1]
    axes.barh(positions, [count or 0 for count in persons], color="#4C72B0")
    for position, count in zip(positions, persons):
        axes.text(count or 0, position, f" {count}" if count is not None else " suppressed", va="center")
    axes.set_yticks(positions, steps)
    axes.set_xlabel("people remaining")
    axes.set_title(f"Attrition: {specs[name].name}")
    figure.tight_layout()
    return figure


attrition_figure("population")""",
    ),
    (
        "md",
        """\
### Profile

`profile()` gives one small table per characteristic, each checked for small counts.""",
    ),
    (
        "code",
        """\
from IPython.display import Markdown, display

for characteristic, table in cohorts["population"].profile().items():
    display(Markdown(f"**{characteristic}**"), table)""",
    ),
    (
        "md",
        """\
### Variables for analysis

`variables()` gives one row per person with analysis variables: age, sex, region, history
counts in the year before index, engagement, exposure summaries and outcomes. It holds
pseudonymous person keys and exact values, so it is for analysis, not for display: here we
only list its columns. Notebooks 3 and 4 analyse tables like this one.""",
    ),
    (
        "code",
        """\
variables = cohorts["population"].variables()
names = [column for column in variables.columns if column != "person_key"]
print(f"{len(names)} variables:", ", ".join(names))""",
    ),
    (
        "md",
        """\
## The engagement slice

Entry at the first check-up or follow-up visit; then two engagement rules from the CRM:
at least one appointment reminder, and an opened email, in the year before. With a few
hundred generated people the final steps can be small, and are then suppressed.""",
    ),
    ("code", 'cohorts["engagement"]'),
    ("code", 'attrition_figure("engagement")'),
    (
        "md",
        """\
## The environment slice

Entry at the first asthma or COPD encounter; inclusion needs a 7-day mean air quality index
of 50 or more at one of the person's encounters that year. The exposure comes from the
dataset's `exposures` table, attached to each encounter before de-identification.""",
    ),
    ("code", 'cohorts["environment"]'),
    ("code", 'attrition_figure("environment")'),
    (
        "code",
        """\
import polars as pl
from matplotlib.figure import Figure

ages = cohorts["environment"].profile()["age band"]
figure = Figure(figsize=(6, 3))
axes = figure.subplots()
axes.bar(ages[ages.columns[0]].to_list(), [count or 0 for count in ages["people"].to_list()], color="#55A868")
axes.set_xlabel("age band at index")
axes.set_ylabel("people (suppressed shown as 0)")
axes.set_title("Environment slice: age at index")
figure.tight_layout()
figure""",
    ),
    (
        "md",
        """\
## Comparing the slices

One line per slice: the number of people in the final cohort, after disclosure control
(the last step of the attrition).""",
    ),
    (
        "code",
        """\
pl.DataFrame(
    [
        {
            "slice": name,
            "cohort": specs[name].name,
            "people": cohort.attrition()["persons"][-1],
        }
        for name, cohort in cohorts.items()
    ]
)""",
    ),
    (
        "md",
        """\
To keep a cohort for later, `cohort.to_parquet(path)` writes its table (person keys,
index and end dates) and `healthtrove cohort` writes the attrition, profile, an HTML page
and the output-checking log.""",
    ),
]

ENGAGEMENT: list[Cell] = [
    (
        "md",
        """\
# 3. Engagement and outcomes: reminders, no-shows, satisfaction

Do appointment reminders lower no-shows? The CRM sends reminders 1 to 3 days before an
appointment, but not at random: mostly for appointments booked far ahead, and those are
missed more often. A crude comparison mixes the two; adjusting for the lead time separates
them. This notebook walks through that question with the `analysis` functions, then runs a
declared study with `run_study`.

Every result passes output checks: correlations from fewer than 11 pairs are suppressed,
models with too few people or events are withheld.""",
    ),
    ("md", SETUP_MD),
    ("code", SETUP),
    (
        "md",
        """\
## The `appointments` analysis table

Named analysis tables are built from the dataset by `analysis.studies.analysis_table`; one
row of `appointments` is a non-cancelled appointment, with `no_show`, `reminded` (a
reminder 1 to 3 days before), `lead_weeks` (from booking to the visit), `age` and `sex`.
We drop the pseudonymous person key straight away: the analyses below do not need it.""",
    ),
    (
        "code",
        """\
import polars as pl

from analysis.studies import ANALYSIS_TABLES, analysis_table
from cohorts import Dataset

dataset = Dataset(DATASET)
for name, variable in ANALYSIS_TABLES["appointments"].variables.items():
    print(f"{name:>10}: {variable}")
appointments = analysis_table(dataset, "appointments").collect().drop("person_key")
print(f"{appointments.height:,} appointments")""",
    ),
    (
        "md",
        """\
No-shows by lead time and reminder, as counts after disclosure control
(`cohorts.disclosure.suppress_counts`): appointments booked further ahead are both
reminded more often and missed more often.""",
    ),
    (
        "code",
        """\
from cohorts.disclosure import display as disclosed, suppress_counts

lead_band = (
    pl.when(pl.col("lead_weeks") < 1)
    .then(pl.lit("under 1 week"))
    .when(pl.col("lead_weeks") < 4)
    .then(pl.lit("1 to 4 weeks"))
    .otherwise(pl.lit("4 weeks or more"))
)
counts = (
    appointments.with_columns(
        lead=lead_band,
        reminder=pl.when(pl.col("reminded") == 1).then(pl.lit("reminded")).otherwise(pl.lit("not reminded")),
    )
    .group_by("lead", "reminder")
    .agg(
        attended=(pl.col("no_show") == 0).sum().cast(pl.Int64),
        no_show=pl.col("no_show").sum().cast(pl.Int64),
    )
    .sort("lead", "reminder")
)
checked = suppress_counts(
    counts, ["attended", "no_show"], label_column="lead", output="no-shows by lead time"
)
released = checked.released.with_columns(
    no_show_share=(pl.col("no_show") / (pl.col("attended") + pl.col("no_show"))).round(3)
)
disclosed(released, count_columns=["attended", "no_show"])""",
    ),
    (
        "md",
        """\
## Correlations

`correlate` measures every pair of variables with a measure that fits their kinds (here
phi and point-biserial correlations for the 0/1 variables, Pearson's r for the numeric
ones), with intervals and p-values adjusted for multiple comparisons.""",
    ),
    (
        "code",
        """\
from analysis import correlate

correlations = correlate(appointments, ["no_show", "reminded", "lead_weeks", "age"])
correlations""",
    ),
    ("code", "correlations.plot()"),
    (
        "md",
        """\
## Crude and adjusted models

A logistic regression of `no_show` on `reminded` alone (crude), then with `lead_weeks`
added (adjusted). `compare_adjustment` puts the reminder's odds ratio from both side by
side and says in a sentence what the adjustment did.""",
    ),
    (
        "code",
        """\
from analysis import logistic
from analysis.studies import compare_adjustment

crude = logistic(appointments, "no_show ~ reminded", output="crude")
adjusted = logistic(appointments, "no_show ~ reminded + lead_weeks + age + C(sex)", output="adjusted")
comparison = compare_adjustment(crude, adjusted, term="reminded")
comparison""",
    ),
    ("code", "comparison.plot()"),
    (
        "md",
        """\
The adjusted model in full (odds ratios with 95% intervals), and its forest plot.""",
    ),
    ("code", "adjusted"),
    ("code", "adjusted.plot()"),
    (
        "md",
        """\
## Predicting no-shows

`predict` fits a model with 5-fold cross-validation and reports how well it ranks
appointments by risk (AUROC), how close its probabilities are (Brier score, calibration)
and which features matter. Calibration bins are merged until each holds enough events and
non-events to be shown.""",
    ),
    (
        "code",
        """\
from analysis import predict

prediction = predict(appointments, outcome="no_show", features=["reminded", "lead_weeks", "age", "sex"])
prediction""",
    ),
    ("code", "prediction.plot()"),
    (
        "md",
        """\
## A declared study: satisfaction and waits

The same steps can be declared in a YAML study and run in one call, which is how a study
is reviewed and rerun. `satisfaction_and_waits.yaml` asks how the NPS answer after a visit
depends on the wait from booking to the visit (the `survey_waits` table).""",
    ),
    ("code", 'print((EXAMPLES / "studies" / "satisfaction_and_waits.yaml").read_text(encoding="utf-8"))'),
    (
        "code",
        """\
from analysis.studies import load_study, run_study

study = run_study(load_study(EXAMPLES / "studies" / "satisfaction_and_waits.yaml"), dataset)
print(study.summary())""",
    ),
    ("code", "study"),
    ("code", 'study["wait_adjusted"].plot()'),
    (
        "md",
        """\
`analysis.studies.write_study(study, folder)` (or `healthtrove analyze STUDY.yaml --data
DATASET --out FOLDER`) writes the tables as CSV, the figures, a self-contained HTML page
and the output-checking log, ready for output review.""",
    ),
]

ENVIRONMENT: list[Cell] = [
    (
        "md",
        """\
# 4. Environment and health: air quality, pollen and respiratory encounters

On days of poorer air or more pollen, do more people come in for respiratory problems?
Before de-identification, each encounter was enriched with the air quality index (AQI),
pollen count and temperature of the patient's county on that day (the `exposures` table:
same day, the day before and the 7-day mean). This notebook

1. looks at the `encounter_exposures` analysis table and runs the environment study,
2. draws an exposure-response view (odds ratios by pollen quartile),
3. runs a time-stratified case-crossover analysis of AQI and respiratory encounters.""",
    ),
    ("md", SETUP_MD),
    ("code", SETUP),
    (
        "md",
        """\
## The `encounter_exposures` table

One row per encounter with its same-day exposures: `respiratory` (the encounter's reason is
asthma, COPD, bronchitis, sinusitis, pharyngitis or pneumonia), `aqi_10` (AQI in units of
10), `log_pollen` (log of 1 + the pollen count), `temperature`, and `chronic_lung` (the
person has asthma or COPD). Non-respiratory encounters serve as controls. The person key
is dropped straight away.""",
    ),
    (
        "code",
        """\
import polars as pl

from analysis.studies import analysis_table
from cohorts import Dataset

dataset = Dataset(DATASET)
encounters = analysis_table(dataset, "encounter_exposures").collect().drop("person_key")
print(f"{encounters.height:,} encounters, {encounters['respiratory'].mean():.1%} respiratory")
exposures = encounters.select("aqi_10", "log_pollen", "temperature")
pl.concat(
    exposures.quantile(share).select(pl.lit(label).alias("statistic"), pl.all())
    for label, share in (("25th percentile", 0.25), ("median", 0.5), ("75th percentile", 0.75))
)""",
    ),
    (
        "md",
        """\
## The environment study

`environment_and_respiratory.yaml` correlates the exposures with respiratory encounters and
fits the odds of an encounter being respiratory per 10 AQI points and per unit of
log pollen, crude and adjusted for chronic lung disease and temperature.""",
    ),
    (
        "code",
        """\
from analysis.studies import load_study, run_study

study = run_study(load_study(EXAMPLES / "studies" / "environment_and_respiratory.yaml"), dataset)
print(study.summary())
study""",
    ),
    ("code", 'study["exposures"].plot()'),
    ("code", 'study["exposure_adjusted"].plot()'),
    (
        "md",
        """\
## Exposure-response: odds ratios by pollen quartile

A single odds ratio per unit assumes the effect grows in a straight line. To see the shape,
we cut `log_pollen` into quartiles and estimate the odds ratio of each against the lowest,
adjusted for AQI, temperature and chronic lung disease. The quartile cut-points are
computed on all encounters; each band holds about a quarter of them.""",
    ),
    (
        "code",
        """\
from analysis import logistic

cuts = [encounters["log_pollen"].quantile(share) for share in (0.25, 0.5, 0.75)]
bands = ["Q1 (lowest)", "Q2", "Q3", "Q4 (highest)"]
banded = encounters.with_columns(
    pollen_band=pl.when(pl.col("log_pollen") <= cuts[0])
    .then(pl.lit(bands[0]))
    .when(pl.col("log_pollen") <= cuts[1])
    .then(pl.lit(bands[1]))
    .when(pl.col("log_pollen") <= cuts[2])
    .then(pl.lit(bands[2]))
    .otherwise(pl.lit(bands[3]))
)
by_band = logistic(
    banded,
    "respiratory ~ C(pollen_band) + aqi_10 + temperature + chronic_lung",
    output="pollen quartiles",
)
by_band""",
    ),
    (
        "code",
        """\
from matplotlib.figure import Figure

estimates = by_band.table().filter(pl.col("term").str.starts_with("C(pollen_band)"))
if estimates["withheld"].any():
    raise SystemExit("the model was withheld by the output checks: too few encounters for quartiles")
odds = [1.0, *estimates["estimate"].to_list()]
low = [1.0, *estimates["ci_low"].to_list()]
high = [1.0, *estimates["ci_high"].to_list()]
figure = Figure(figsize=(6, 3.5))
axes = figure.subplots()
positions = range(len(bands))
axes.errorbar(
    positions,
    odds,
    yerr=[[o - lo for o, lo in zip(odds, low)], [hi - o for o, hi in zip(odds, high)]],
    fmt="o",
    capsize=4,
    color="#C44E52",
)
axes.axhline(1.0, color="grey", linewidth=0.8, linestyle="--")
axes.set_xticks(list(positions), bands)
axes.set_xlabel("pollen on the day (quartile of log(1 + count))")
axes.set_ylabel("odds ratio (vs lowest quartile)")
axes.set_title("Respiratory encounters by pollen quartile, adjusted")
figure.tight_layout()
figure""",
    ),
    (
        "md",
        """\
A daily time series (quasi-Poisson counts of respiratory encounters per day,
`analysis.poisson_timeseries`, which also draws a smooth exposure-response curve with
`exposure_df`) needs at least ten events per model parameter: with splines for time,
temperature and the weekday that is several hundred respiratory encounters in one area.
A few hundred generated patients spread over many counties do not have that, so we do not
fit it here; on a full extract, build the daily counts per county from `encounters` and
join the county's daily series (below).""",
    ),
    (
        "md",
        """\
## Case-crossover: AQI on the day of a respiratory encounter

In a **time-stratified case-crossover** design each person is their own control: the
exposure on the day of the event (the *case day*) is compared with the exposure on the
other days of the same month that fall on the same weekday (*referent days*). Anything
that does not change within a month (age, sex, chronic disease, where one lives) cancels
out. `case_crossover_referents` builds the strata and `conditional_logistic` fits them.

The design needs the exposure on **every** day, in the person's area. The de-identified
dataset does not hold such a series: its `exposures` table has values only on encounter
days. A series built from those would know a referent day only if someone in the county
had an encounter that day, and the chance of an encounter depends on the very exposure we
study, so the referent days would be a biased sample. We do not do that.

Instead we use the public daily AQI by county (the EPA's series), which is not patient
data; the demo ships it in `extract/environment/`. Matching it to encounters needs the
patient's county (kept in a limited data set) and real calendar dates (a dataset whose
dates were shifted cannot be matched to a calendar series). The cell below checks both and
skips the analysis otherwise.""",
    ),
    (
        "code",
        """\
import json

manifest = json.loads((DATASET / "manifest.json").read_text(encoding="utf-8"))
aqi_files = sorted((DEMO / "extract" / "environment").glob("daily_aqi*.csv"))
county_kept = "fips" in dataset.columns("patients")
dates_real = manifest["date_shifting"] is None and dataset.resolution == "day"
can_run = bool(aqi_files) and county_kept and dates_real
print(f"public daily AQI series: {'found' if aqi_files else 'missing'}; county kept: {county_kept}; "
      f"calendar dates kept: {dates_real}")
if not can_run:
    print("case-crossover skipped: it needs all three")""",
    ),
    (
        "code",
        """\
from analysis import case_crossover_referents, conditional_logistic
from analysis.studies import RESPIRATORY_REASONS as RESPIRATORY  # as in the encounter_exposures table

case_crossover = None
if can_run:
    series = (
        pl.read_csv(aqi_files[0], schema_overrides={"State Code": pl.String, "County Code": pl.String})
        .select(
            fips=pl.col("State Code") + pl.col("County Code"),
            date=pl.col("Date").str.to_date(),
            aqi=pl.col("AQI").cast(pl.Float64),
        )
    )
    counties = dataset.table("patients").select("person_key", "fips")
    events = (
        dataset.table("encounters")
        .filter(pl.col("reasoncode").is_in(RESPIRATORY))
        .join(counties, on="person_key")
        .select("person_key", "fips", day=pl.col("start").dt.date())
        .filter(pl.col("day").is_between(series["date"].min(), series["date"].max()))
        .collect()
    )
    strata = case_crossover_referents(
        events, person="person_key", event_date="day", series=series, date="date", exposure="aqi", by="fips"
    )
    case_crossover = conditional_logistic(strata, exposures=["aqi"], per=10)
case_crossover""",
    ),
    (
        "code",
        """\
if case_crossover is not None:
    print(case_crossover.summary())
case_crossover.plot() if case_crossover is not None else None""",
    ),
    (
        "md",
        """\
The odds ratio is per 10 AQI points on the day of the encounter, compared with the same
person's referent days. Unlike the encounter-level model above, it does not rely on
non-respiratory encounters being unrelated to air quality, but it only uses people's own
variation over a month, so its interval is wider. The two answers agreeing is reassuring;
the generator planted an AQI effect, so both should point above 1 on large extracts.""",
    ),
]

NOTEBOOKS: dict[str, list[Cell]] = {
    "01_deidentification.ipynb": DEIDENTIFICATION,
    "02_cohorts.ipynb": COHORTS,
    "03_engagement_and_outcomes.ipynb": ENGAGEMENT,
    "04_environment_and_health.ipynb": ENVIRONMENT,
}


def notebook(cells: list[Cell]) -> nbformat.NotebookNode:
    """A stripped notebook of ``cells``: no outputs, no execution counts, stable metadata."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    for index, (kind, source) in enumerate(cells):
        cell = nbformat.v4.new_markdown_cell(source) if kind == "md" else nbformat.v4.new_code_cell(source)
        cell.id = f"cell-{index:02d}"
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nb


def rendered(cells: list[Cell]) -> str:
    """The notebook file's text."""
    return nbformat.writes(notebook(cells)) + "\n"


def main() -> int:
    """Write every notebook into ``notebooks/``."""
    for name, cells in NOTEBOOKS.items():
        (NOTEBOOKS_DIR / name).write_text(rendered(cells), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
