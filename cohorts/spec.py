"""The cohort spec: entry events, observation window, named inclusion rules, exit, censoring.

Modelled on OHDSI Circe (entry events, inclusion rules with attrition, exit) and
OpenSAFELY ehrQL (typed, one row per person). A spec is written as YAML or built from
these frozen, validated Python objects; both give the same :class:`CohortSpec`.
Validation errors name the field (``inclusion.2.events.window``), never a value.

Windows are relative to the index date and inclusive at both ends: ``start: -365, end:
-1`` is the year before the index day, ``start: 0, end: 0`` the index day itself. Their
``unit`` is ``days`` (needs full or shifted dates) or ``years`` (works on every dataset,
including Safe Harbor's years).

Example YAML::

    name: asthma_adults
    entry: {events: conditions, codes: ["195967001"], occurrence: first}
    observation: {prior: 365}
    inclusion:
      - name: adults 18-64
        age: {min: 18, max: 64}
      - name: two or more reminders in the year before
        events: {events: reminders, window: {start: -365, end: -1}, min_count: 2}
    exit: {after: 365}
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, Self

import pydantic

from cohorts.events import DOMAINS, Domain
from data_contracts.config import FrozenConfig, config_from_mapping, read_yaml_mapping
from data_contracts.errors import ConfigError

__all__ = [
    "AgeRule",
    "CodeSet",
    "CohortSpec",
    "EngagementRule",
    "Entry",
    "EventsRule",
    "Exit",
    "ExposureRule",
    "Observation",
    "ObservationValueRule",
    "RegionRule",
    "Rule",
    "Unit",
    "Window",
    "load_spec",
]

Unit = Literal["days", "years"]
_RULE_KINDS = ("age", "sex", "region", "events", "observation", "engagement", "exposure")


class Window(FrozenConfig):
    """Days or years relative to the index date; both ends inclusive, 0 is the index day.

    Attributes
    ----------
    start
        First offset of the window from the index date, in ``unit`` (negative: before index).
        Inclusive; 0 is the index day.
    end
        Last offset of the window from the index date, in ``unit`` (inclusive).
        Must not be before ``start``.
    unit
        The unit of ``start`` and ``end``: ``days`` (needs day-level dates) or ``years``.
        Years are calendar years (event year minus index year) and work on every dataset,
        including Safe Harbor's; default ``days``.
    """

    start: int
    end: int
    unit: Unit = "days"

    @pydantic.model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end < self.start:
            msg = "window end is before its start"
            raise ValueError(msg)
        return self


class CodeSet(FrozenConfig):
    """Events of one domain, optionally restricted to a code set (a list or a file, one code per line).

    ``code_column`` matches the codes against another column of the domain's table (for
    example ``reasoncode`` of encounters: encounters *for* asthma).

    Attributes
    ----------
    events
        The event domain (``conditions``, ``encounters``, ``reminders``, ...); it fixes the
        table, the date and the code column read.
    codes
        Codes to keep, matched as text against the domain's code column (or ``code_column``).
        Omitted (and no ``codes_file``): every event of the domain. Not empty, and not
        together with ``codes_file``.
    codes_file
        A file of codes, one per line (blank lines and ``#`` comments skipped), instead of ``codes``.
        In a YAML spec a relative path is resolved against the spec's folder. Omitted: no file.
    code_column
        Column of the domain's table to match the codes against, instead of the domain's code column.
        Omitted: the domain's own code column (``status`` for appointments); domains without one
        (CRM tasks, surveys) need it to be restricted by codes.
    """

    events: Domain
    codes: tuple[str, ...] | None = None
    codes_file: Path | None = None
    code_column: str | None = None

    @pydantic.model_validator(mode="after")
    def _codes(self) -> Self:
        if self.codes is not None and self.codes_file is not None:
            msg = "give codes or codes_file, not both"
            raise ValueError(msg)
        if self.codes is not None and not self.codes:
            msg = "the code set is empty"
            raise ValueError(msg)
        restricted = self.codes is not None or self.codes_file is not None
        if restricted and DOMAINS[self.events].code is None and self.code_column is None:
            msg = f"events '{self.events}' have no codes to match"
            raise ValueError(msg)
        return self

    def code_list(self) -> tuple[str, ...] | None:
        """The codes, read from ``codes_file`` when given (blank lines and ``#`` comments skipped).

        Raises
        ------
        ConfigError
            If the file is missing or holds no code.
        """
        if self.codes_file is None:
            return self.codes
        try:
            lines = self.codes_file.read_text(encoding="utf-8").splitlines()
        except OSError:
            msg = f"code set file not found or unreadable: {self.codes_file}"
            raise ConfigError(msg) from None
        codes = tuple(line.split("#", 1)[0].strip() for line in lines)
        codes = tuple(code for code in codes if code)
        if not codes:
            msg = f"code set file {self.codes_file} holds no code"
            raise ConfigError(msg)
        return codes


class Entry(CodeSet):
    """Entry events: each qualifying event is a candidate index date.

    Attributes
    ----------
    occurrence
        Which qualifying events become index dates: ``first`` (default), ``last`` or ``all``.
        ``first`` and ``last`` give one episode per person (earliest or latest event date);
        ``all`` gives one episode per distinct event date of the person.
    """

    occurrence: Literal["first", "last", "all"] = "first"


class Observation(FrozenConfig):
    """History required before the index date and follow-up after it (the person's data span).

    The data span runs from the person's first to last encounter or CRM task. Even with
    both amounts 0 the index must lie within it; other episodes are removed at this step.

    Attributes
    ----------
    prior
        History required before the index date, in ``unit`` (0, the default: none beyond the index).
        The person's data must start at least this long before index.
    after
        Follow-up required after the index date, in ``unit`` (0, the default: none beyond the index).
        The person's data must end at least this long after index.
    unit
        The unit of ``prior`` and ``after``: ``days`` (default) or calendar ``years``.
        Non-zero amounts in days need day-level dates.
    """

    prior: int = pydantic.Field(default=0, ge=0)
    after: int = pydantic.Field(default=0, ge=0)
    unit: Unit = "days"


class AgeRule(FrozenConfig):
    """Age at index in whole years, bounds inclusive.

    On Safe Harbor data age is the index year minus the birth year; people flagged 90 or
    over count as 90. Give ``min``, ``max`` or both.

    Attributes
    ----------
    min
        Youngest age at index kept, in whole years (inclusive); omitted: no lower bound.
    max
        Oldest age at index kept, in whole years (inclusive); omitted: no upper bound.
        Must not be below ``min``.
    """

    min: int | None = pydantic.Field(default=None, ge=0)
    max: int | None = pydantic.Field(default=None, ge=0)

    @pydantic.model_validator(mode="after")
    def _bounds(self) -> Self:
        if self.min is None and self.max is None:
            msg = "give min, max or both"
            raise ValueError(msg)
        if self.min is not None and self.max is not None and self.max < self.min:
            msg = "max is below min"
            raise ValueError(msg)
        return self


class RegionRule(FrozenConfig):
    """Residence in any of the states or ZIP3 areas listed.

    The residence is the patient's, or the CRM contact's mailing address for people only in
    the CRM; people without one fail the rule. Give ``states``, ``zip3`` or both.

    Attributes
    ----------
    states
        States to keep, matched exactly as the dataset writes them; empty (default): none.
    zip3
        First three ZIP code digits to keep, as text (``"021"``); empty (default): none.
    """

    states: tuple[str, ...] = ()
    zip3: tuple[str, ...] = ()

    @pydantic.model_validator(mode="after")
    def _some(self) -> Self:
        if not self.states and not self.zip3:
            msg = "give states, zip3 or both"
            raise ValueError(msg)
        return self


class EventsRule(CodeSet):
    """Presence, absence or count of events in a window (absence: ``max_count: 0``).

    Attributes
    ----------
    window
        The window, relative to the index date, in which events are counted (both ends inclusive).
    min_count
        Fewest events in the window for the rule to hold (inclusive); the default 1 asks for presence.
    max_count
        Most events in the window for the rule to hold (inclusive); 0 asks for absence.
        Omitted: no upper bound. Must not be below ``min_count``.
    """

    window: Window
    min_count: int = pydantic.Field(default=1, ge=0)
    max_count: int | None = pydantic.Field(default=None, ge=0)

    @pydantic.model_validator(mode="after")
    def _counts(self) -> Self:
        if self.max_count is not None and self.max_count < self.min_count:
            msg = "max_count is below min_count"
            raise ValueError(msg)
        return self


class ObservationValueRule(FrozenConfig):
    """A numeric observation (LOINC codes) in a window, summarised, within bounds.

    With a bound, episodes without a numeric value in the window fail the rule.

    Attributes
    ----------
    codes
        LOINC codes of the observations (at least one); values that are not numbers are ignored.
    window
        The window, relative to the index date, whose values are summarised (both ends inclusive).
    statistic
        How the values in the window are summarised per episode: ``last`` (default), ``first``,
        ``max``, ``min`` or ``mean``. ``last`` and ``first`` are by observation date.
    min
        Lowest summary value kept, in the observation's units (inclusive); omitted: no lower bound.
    max
        Highest summary value kept, in the observation's units (inclusive); omitted: no upper bound.
    """

    codes: tuple[str, ...] = pydantic.Field(min_length=1)
    window: Window
    statistic: Literal["last", "first", "max", "min", "mean"] = "last"
    min: float | None = None
    max: float | None = None


class EngagementRule(FrozenConfig):
    """CRM engagement in a window: tasks of a kind (opened, clicked, ...), or survey NPS.

    Attributes
    ----------
    events
        What is counted: CRM tasks of a kind, survey responses (``surveys``) or campaign responses.
        Task kinds are ``reminders``, ``emails``, ``calls``, ``sms`` and ``billing_notices``.
    window
        The window, relative to the index date, in which events are counted (both ends inclusive).
    outcome
        Which tasks count: ``any`` (default), ``opened``, ``clicked``, ``replied`` or ``completed``.
        ``completed`` means status Completed; anything but ``any`` applies to CRM tasks only.
    min_count
        Fewest counted events in the window for the rule to hold (inclusive); default 1.
    max_count
        Most counted events in the window for the rule to hold (inclusive); 0 asks for none.
        Omitted: no upper bound.
    nps_min
        Lowest Net Promoter score (0 to 10) of a survey response that counts; surveys only.
        Omitted: no lower bound; with a bound, responses without a score do not count.
    nps_max
        Highest Net Promoter score (0 to 10) of a survey response that counts; surveys only.
        Omitted: no upper bound.
    """

    events: Literal["reminders", "emails", "calls", "sms", "billing_notices", "surveys", "campaign_responses"]
    window: Window
    outcome: Literal["any", "opened", "clicked", "replied", "completed"] = "any"
    min_count: int = pydantic.Field(default=1, ge=0)
    max_count: int | None = pydantic.Field(default=None, ge=0)
    nps_min: int | None = pydantic.Field(default=None, ge=0, le=10)
    nps_max: int | None = pydantic.Field(default=None, ge=0, le=10)

    @pydantic.model_validator(mode="after")
    def _fits(self) -> Self:
        if (self.nps_min is not None or self.nps_max is not None) and self.events != "surveys":
            msg = "nps_min and nps_max apply to surveys only"
            raise ValueError(msg)
        if self.outcome != "any" and self.events in ("surveys", "campaign_responses"):
            msg = f"outcome '{self.outcome}' applies to CRM tasks, not {self.events}"
            raise ValueError(msg)
        return self


class ExposureRule(FrozenConfig):
    """An environmental exposure at the person's encounters in a window before index.

    ``measure`` is one of the per-encounter exposures the dataset holds (same day, day
    before, mean of the 7 days before); ``statistic`` summarises it over the encounters
    in ``window`` (``days_above`` counts encounters whose measure exceeds ``above``).
    Episodes with no encounter in the window fail the rule, except with ``days_above``,
    where they count 0 encounters. Give ``min``, ``max`` or both.

    Attributes
    ----------
    variable
        Name of the environmental variable, as in the ``variable`` column of the exposures table.
    measure
        Which per-encounter value: ``same_day``, ``lag1`` (the day before) or ``mean_7d`` (default).
        ``mean_7d`` is the mean over the 7 days before the encounter.
    window
        The window, relative to the index date, whose encounters are summarised (both ends inclusive).
        Default: the index day only (``start: 0, end: 0`` in days).
    statistic
        How the measure is summarised over those encounters: ``max`` (default), ``mean``, ``min``
        or ``days_above``. ``days_above`` counts the encounters whose measure is above ``above``.
    above
        Threshold for ``days_above``, in the variable's units (strictly above counts).
        Required with ``days_above``, ignored otherwise.
    min
        Lowest summary value kept (inclusive); omitted: no lower bound.
    max
        Highest summary value kept (inclusive); omitted: no upper bound.
    """

    variable: str = pydantic.Field(min_length=1)
    measure: Literal["same_day", "lag1", "mean_7d"] = "mean_7d"
    window: Window = Window(start=0, end=0)
    statistic: Literal["max", "mean", "min", "days_above"] = "max"
    above: float | None = None
    min: float | None = None
    max: float | None = None

    @pydantic.model_validator(mode="after")
    def _threshold(self) -> Self:
        if self.statistic == "days_above" and self.above is None:
            msg = "statistic 'days_above' needs 'above'"
            raise ValueError(msg)
        if self.min is None and self.max is None:
            msg = "give min, max or both"
            raise ValueError(msg)
        return self


class Rule(FrozenConfig):
    """A named inclusion rule: exactly one criterion.

    Attributes
    ----------
    name
        The rule's name, unique in the spec; it labels the rule's step in the attrition table.
    age
        Criterion: age at index within bounds.
    sex
        Criterion: sex is one of these values, as the dataset writes them.
        People without a recorded sex (those only in the CRM) fail it.
    region
        Criterion: residence in one of the states or ZIP3 areas.
    events
        Criterion: presence, absence or count of events in a window.
    observation
        Criterion: a numeric observation in a window, summarised, within bounds.
    engagement
        Criterion: CRM engagement (tasks or survey scores) in a window.
    exposure
        Criterion: an environmental exposure at the person's encounters in a window.
    """

    name: str = pydantic.Field(min_length=1)
    age: AgeRule | None = None
    sex: tuple[str, ...] | None = None
    region: RegionRule | None = None
    events: EventsRule | None = None
    observation: ObservationValueRule | None = None
    engagement: EngagementRule | None = None
    exposure: ExposureRule | None = None

    @pydantic.model_validator(mode="after")
    def _exactly_one(self) -> Self:
        given = [kind for kind in _RULE_KINDS if getattr(self, kind) is not None]
        if len(given) != 1:
            msg = f"a rule has exactly one of {', '.join(_RULE_KINDS)}; got {len(given)}"
            raise ValueError(msg)
        return self

    @property
    def kind(self) -> str:
        """Which criterion the rule holds."""
        return next(kind for kind in _RULE_KINDS if getattr(self, kind) is not None)

    def windows(self) -> list[Window]:
        """The rule's windows (for the date-resolution check)."""
        criterion = getattr(self, self.kind)
        window = getattr(criterion, "window", None)
        return [window] if isinstance(window, Window) else []


class Exit(FrozenConfig):
    """When follow-up ends: a fixed offset after index, the end of the person's data, or an event.

    Give exactly one of ``after``, ``end_of_observation: true`` and ``event``. Whichever is
    given, exit is never later than the end of the person's data nor earlier than the
    index, and a censoring event ends follow-up sooner.

    Attributes
    ----------
    after
        Follow-up ends this long after the index date, in ``unit``; omitted: not a fixed offset.
    unit
        The unit of ``after``: ``days`` (default; needs day-level dates) or calendar ``years``.
    end_of_observation
        Whether follow-up ends at the end of the person's data (their last encounter or CRM task).
        It is the default exit when ``exit`` is omitted.
    event
        Follow-up ends at the first such event after the index day; omitted: no exit event.
        Episodes without one are followed to the end of their data.
    """

    after: int | None = pydantic.Field(default=None, ge=0)
    unit: Unit = "days"
    end_of_observation: bool = False
    event: CodeSet | None = None

    @pydantic.model_validator(mode="after")
    def _one(self) -> Self:
        if sum([self.after is not None, self.end_of_observation, self.event is not None]) != 1:
            msg = "give exactly one of after, end_of_observation: true, event"
            raise ValueError(msg)
        return self


class CohortSpec(FrozenConfig):
    """A cohort: who enters, when (index date), who stays (rules, in order), and until when.

    Attributes
    ----------
    name
        The cohort's name, used as the title of its page and in messages.
    description
        Free text shown on the cohort's page; default empty.
    entry
        The entry events, whose dates are the candidate index dates.
    observation
        History required before and follow-up required after the index date.
        Default: only that the index lies within the person's data.
    inclusion
        Named inclusion rules, in order; an episode stays only if it satisfies every rule.
        The order sets the attrition table's steps; empty (default): every observed entry episode.
    exit
        When follow-up ends; default: at the end of the person's data.
    censor
        Event selections whose first event after the index day ends follow-up early.
        Empty (default): no censoring.
    disclosure_threshold
        Smallest count shown in the attrition table and profile (default 11).
        Counts from 1 to threshold - 1, and counts they could be derived from, are hidden.

    Examples
    --------
    >>> spec = CohortSpec.model_validate(
    ...     {
    ...         "name": "asthma",
    ...         "entry": {"events": "conditions", "codes": ["195967001"]},
    ...         "inclusion": [{"name": "adults", "age": {"min": 18}}],
    ...     }
    ... )
    >>> spec.inclusion[0].kind, spec.exit.end_of_observation
    ('age', True)
    """

    name: str = pydantic.Field(min_length=1)
    description: str = ""
    entry: Entry
    observation: Observation = Observation()
    inclusion: tuple[Rule, ...] = ()
    exit: Exit = Exit(end_of_observation=True)
    censor: tuple[CodeSet, ...] = ()
    disclosure_threshold: int = pydantic.Field(default=11, ge=1)

    @pydantic.model_validator(mode="after")
    def _unique_names(self) -> Self:
        names = [rule.name for rule in self.inclusion]
        if len(set(names)) != len(names):
            msg = "inclusion rule names must be unique"
            raise ValueError(msg)
        return self

    def code_sets(self) -> list[tuple[str, CodeSet]]:
        """Every event selection of the spec with its field path (``inclusion.2.events``)."""
        found: list[tuple[str, CodeSet]] = [("entry", self.entry)]
        for index, rule in enumerate(self.inclusion):
            if rule.events is not None:
                found.append((f"inclusion.{index}.events", rule.events))
        if self.exit.event is not None:
            found.append(("exit.event", self.exit.event))
        found.extend((f"censor.{index}", code_set) for index, code_set in enumerate(self.censor))
        return found

    def day_level_fields(self) -> list[str]:
        """Fields that need day-level dates (windows, observation and exit in days)."""
        fields = [
            f"inclusion.{index}.{rule.kind}.window"
            for index, rule in enumerate(self.inclusion)
            for window in rule.windows()
            if window.unit == "days"
        ]
        if self.observation.unit == "days" and (self.observation.prior or self.observation.after):
            fields.insert(0, "observation")
        if self.exit.after is not None and self.exit.unit == "days":
            fields.append("exit.after")
        return fields


def load_spec(path: Path | str) -> CohortSpec:
    """Read a YAML cohort spec; ``codes_file`` paths are relative to the spec's folder.

    Raises
    ------
    ConfigError
        If the file is missing, not YAML, or does not fit; the message names the file
        and the fields.
    """
    path = Path(path)
    document = read_yaml_mapping(path)
    _resolve_code_files(document, path.parent)
    return config_from_mapping(document, CohortSpec, source=str(path))


def _resolve_code_files(node: object, folder: Path) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "codes_file" and isinstance(value, str) and not Path(value).is_absolute():
                node[key] = str(folder / value)
            else:
                _resolve_code_files(value, folder)
    elif isinstance(node, list):
        for item in node:
            _resolve_code_files(item, folder)
