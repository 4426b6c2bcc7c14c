"""Configuration of a de-identification run (YAML file or CLI flags).

Every CLI flag has a config key of the same name. Secrets are not configuration: the
project key comes from the environment or a key file (:mod:`deid.keys`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Literal

import pydantic

from data_contracts.config import FrozenConfig
from data_contracts.phi import Method

__all__ = ["DeidConfig", "QuasiIdentifier", "RiskConfig", "ShiftConfig"]


class ShiftConfig(FrozenConfig):
    """Per-person date shifting under expert determination.

    Attributes
    ----------
    max_days
        Offsets lie in ``[-max_days, max_days]``, never zero.
    whole_weeks
        Shift by whole weeks, which keeps weekdays.
    """

    max_days: int = pydantic.Field(default=182, ge=7, le=3650)
    whole_weeks: bool = False


QuasiIdentifier = Literal[
    "birth_year", "sex", "zip3", "zip", "state", "first_encounter_year", "race", "ethnicity", "marital"
]
"""Person-level attributes of the output the risk measures can use (see ``deid.report``)."""


class RiskConfig(FrozenConfig):
    """Re-identification risk measured on the output, and when it stops a release.

    Attributes
    ----------
    quasi_identifiers
        Attributes an attacker may know; default per method (``deid.report``).
    sensitive
        Attributes whose l-diversity is reported.
    k
        Smallest equivalence class allowed.
    highest_risk
        Largest prosecutor risk allowed for any record (1 / smallest class).
    enforce
        Fail the run when a threshold is missed. Default: only under expert
        determination, where the expert's thresholds are the standard; Safe Harbor and
        limited data sets are rule-based, so their risk is reported, not gated.
    population
        Parquet file with the quasi-identifiers of the population (one row per person),
        for journalist and marketer risk.
    """

    quasi_identifiers: tuple[QuasiIdentifier, ...] | None = None
    sensitive: tuple[QuasiIdentifier, ...] = ()
    k: int = pydantic.Field(default=11, ge=1)
    highest_risk: float = pydantic.Field(default=0.09, gt=0.0, le=1.0)
    enforce: bool | None = None

    population: Path | None = None

    def enforced(self, method: Method) -> bool:
        """Whether missed thresholds fail a run under ``method``."""
        return self.enforce if self.enforce is not None else method is Method.EXPERT_DETERMINATION


class DeidConfig(FrozenConfig):
    """A de-identification run.

    Attributes
    ----------
    emr, crm, environment
        Extract folders (CRM and environment optional).
    out
        Output folder; written only when everything succeeded.
    method
        ``safe_harbor``, ``limited_data_set`` or ``expert_determination``.
    key_file
        File holding the project key; otherwise ``HEALTHTROVE_KEY`` is used.
    pseudonyms
        ``hmac`` (keyed, deterministic) or ``surrogate`` (random, with a crosswalk).
    crosswalk_dir
        Trusted-zone folder for the surrogate crosswalk; required for surrogates and
        never inside ``out``.
    drop_undeclared
        Drop input columns the contracts do not declare instead of failing.
    shift
        Date shifting settings (expert determination).
    reference_date
        The day ages are computed on for 90+ pooling; default: the latest encounter day.
    site_mapping
        YAML mapping of a site's header names to contract columns.
    row_group_rows
        Rows per Parquet row group.
    free_text
        ``scrub`` free-text columns with the text engine (default), or ``drop`` them.
    text_replacement
        Replace PHI found in text by type ``tag`` (``[NAME]``, default) or by consistent
        ``surrogate`` values per person.
    text_policy
        ``high_recall`` (default, every method): after the detectors, the safe-list
        backstop replaces every word and number of free text not known to be safe.
        ``balanced``: the detectors alone, for users who accept lower recall for higher
        precision. Printed in the manifest and the report.
    text_workers
        Processes scrubbing text; default: one per core. Does not change the output.
    risk
        Re-identification risk: quasi-identifiers, thresholds, whether they gate.
    report_host_name
        Name the machine in the report (off by default: host names can be sensitive).
    seed
        Seed of the report's random choices (which de-identified excerpts it shows).
    """

    emr: Path
    crm: Path | None = None
    environment: Path | None = None
    out: Path
    method: Method
    key_file: Path | None = None
    pseudonyms: Literal["hmac", "surrogate"] = "hmac"
    crosswalk_dir: Path | None = None
    drop_undeclared: bool = False
    shift: ShiftConfig = ShiftConfig()
    reference_date: dt.date | None = None
    site_mapping: Path | None = None
    row_group_rows: int = pydantic.Field(default=131_072, ge=1_024)
    free_text: Literal["scrub", "drop"] = "scrub"
    text_replacement: Literal["tag", "surrogate"] = "tag"
    text_policy: Literal["high_recall", "balanced"] = "high_recall"
    text_workers: int | None = pydantic.Field(default=None, ge=1)
    risk: RiskConfig = RiskConfig()
    report_host_name: bool = False
    seed: int = pydantic.Field(default=0, ge=0)

    @pydantic.model_validator(mode="after")
    def _crosswalk_outside_output(self) -> DeidConfig:
        if self.pseudonyms == "surrogate" and self.crosswalk_dir is None:
            msg = "pseudonyms 'surrogate' needs crosswalk_dir, a trusted-zone folder outside the output"
            raise ValueError(msg)
        if self.crosswalk_dir is not None:
            crosswalk, out = self.crosswalk_dir.resolve(), self.out.resolve()
            if crosswalk == out or out in crosswalk.parents:
                msg = "crosswalk_dir must not be inside out: the crosswalk re-identifies people"
                raise ValueError(msg)
        return self

    def settings_hash(self) -> str:
        """Return a SHA-256 of the settings that shape the output (not the paths).

        Reruns with the same inputs, key and settings write the same bytes wherever
        their folders are.
        """
        settings = self.model_dump(
            mode="json",
            exclude={"emr", "crm", "environment", "out", "key_file", "text_workers", "report_host_name"},
        )
        settings.pop("crosswalk_dir", None)
        settings.pop("site_mapping", None)
        settings["risk"].pop("population", None)
        canonical = json.dumps(settings, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()
