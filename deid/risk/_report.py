"""The risk report: counts, sizes, shares and column names, never a data value."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = ["CLASS_SIZE_BUCKETS", "DEFINITIONS", "AttackerRisk", "ClassSizeBucket", "LDiversity", "RiskReport"]

CLASS_SIZE_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("1", 1, 1),
    ("2", 2, 2),
    ("3-4", 3, 4),
    ("5-10", 5, 10),
    ("11-19", 11, 19),
    ("20-49", 20, 49),
    ("50-99", 50, 99),
    ("100+", 100, None),
)
"""Class-size buckets of the distribution: label, smallest and largest size (None: open)."""

DEFINITIONS: Mapping[str, str] = MappingProxyType(
    {
        "records": "n, the number of records (one per person) in the sample.",
        "classes": "The number of equivalence classes: distinct combinations of the quasi-identifiers, "
        "null counted as a value.",
        "k": "The smallest equivalence class size, min f_j (k-anonymity).",
        "sample_uniques": "Records in equivalence classes of size f_j = 1.",
        "sample_uniques_share": "Sample uniques divided by n.",
        "class_sizes": "Classes and records per class-size bucket "
        "1, 2, 3-4, 5-10, 11-19, 20-49, 50-99, 100+.",
        "prosecutor.records_at_risk": "ARX prosecutor model: share of records in classes whose risk 1/f_j "
        "is above the threshold t.",
        "prosecutor.highest": "ARX prosecutor model: the highest record risk, 1/min f_j.",
        "prosecutor.average": "ARX prosecutor model: the average record risk, classes / n.",
        "journalist.records_at_risk": "ARX journalist model: share of records in classes whose risk 1/F_j "
        "is above the threshold t, F_j the class size in the population.",
        "journalist.highest": "ARX journalist model: the highest record risk, 1/min F_j over the sample's "
        "classes.",
        "journalist.average": "ARX journalist model: the average record risk, (1/n) sum_j f_j / F_j.",
        "marketer": "ARX marketer model: the expected share of records re-identified by matching all "
        "of them, "
        "(1/n) sum_j f_j / F_j with a population, classes / n without.",
        "l_diversity.distinct_l": "Distinct l-diversity of a sensitive attribute: the minimum over classes "
        "of the number of distinct values of the attribute in the class, null counted as a value.",
        "l_diversity.classes_with_l1": "Classes in which the sensitive attribute takes a single value.",
    }
)
"""One sentence per figure of :class:`RiskReport` saying which definition it uses."""


@dataclass(frozen=True, kw_only=True)
class AttackerRisk:
    """Re-identification risk under one ARX attacker model (prosecutor or journalist).

    Parameters
    ----------
    records_at_risk
        Share of records in classes whose record risk (1/f_j, or 1/F_j for the journalist)
        is above the threshold t.
    highest
        The highest record risk: 1/min f_j (prosecutor) or 1/min F_j (journalist).
    average
        The average record risk: classes / n (prosecutor), (1/n) sum_j f_j / F_j (journalist).
    """

    records_at_risk: float
    highest: float
    average: float

    def to_dict(self) -> dict[str, float]:
        """Return the three figures as a plain dict."""
        return {"records_at_risk": self.records_at_risk, "highest": self.highest, "average": self.average}


@dataclass(frozen=True, kw_only=True)
class ClassSizeBucket:
    """Equivalence classes whose size falls in one bucket, for a chart.

    Parameters
    ----------
    label
        The bucket as shown, such as ``"3-4"`` or ``"100+"``.
    smallest, largest
        The bucket's bounds, inclusive; ``largest`` is None for the open top bucket.
    classes
        Classes whose size f_j is in the bucket.
    records
        Records in those classes (the sum of their f_j).
    """

    label: str
    smallest: int
    largest: int | None
    classes: int
    records: int

    def to_dict(self) -> dict[str, object]:
        """Return the bucket as a plain dict."""
        return {
            "label": self.label,
            "smallest": self.smallest,
            "largest": self.largest,
            "classes": self.classes,
            "records": self.records,
        }


@dataclass(frozen=True, kw_only=True)
class LDiversity:
    """Distinct l-diversity of one sensitive attribute.

    Parameters
    ----------
    attribute
        The sensitive attribute's column name.
    distinct_l
        The minimum over classes of the number of distinct values of the attribute in the
        class (null counted as a value).
    classes_with_l1
        Classes in which the attribute takes a single value (everyone in the class shares it).
    """

    attribute: str
    distinct_l: int
    classes_with_l1: int

    def to_dict(self) -> dict[str, object]:
        """Return the figures as a plain dict."""
        return {
            "attribute": self.attribute,
            "distinct_l": self.distinct_l,
            "classes_with_l1": self.classes_with_l1,
        }


@dataclass(frozen=True, kw_only=True)
class RiskReport:
    """Re-identification risk of a frame over its quasi-identifiers (ARX definitions).

    f_j is the size of equivalence class j in the sample, n the number of records, F_j
    the class size in the population and t the risk threshold. ``definitions`` maps every
    figure's name to the sentence defining it.

    Parameters
    ----------
    quasi_identifiers
        The columns forming the equivalence classes, in the order given.
    records
        n, the number of records.
    classes
        The number of equivalence classes (null is a value of its own).
    k
        min f_j, the smallest class size.
    sample_uniques
        Records in classes with f_j = 1.
    sample_uniques_share
        ``sample_uniques / records``.
    class_sizes
        Classes and records per size bucket (1, 2, 3-4, 5-10, 11-19, 20-49, 50-99, 100+).
    risk_threshold
        t, the record risk above which a record counts as at risk.
    prosecutor
        ARX prosecutor risk, from the sample class sizes f_j.
    journalist
        ARX journalist risk, from the population class sizes F_j; None without a population.
    marketer
        ARX marketer risk: (1/n) sum_j f_j / F_j with a population, classes / n without.
    l_diversity
        Distinct l-diversity of each sensitive attribute, in the order given.
    definitions
        Figure name to its one-sentence definition (:data:`DEFINITIONS`).
    """

    quasi_identifiers: tuple[str, ...]
    records: int
    classes: int
    k: int
    sample_uniques: int
    sample_uniques_share: float
    class_sizes: tuple[ClassSizeBucket, ...]
    risk_threshold: float
    prosecutor: AttackerRisk
    journalist: AttackerRisk | None
    marketer: float
    l_diversity: tuple[LDiversity, ...] = ()
    definitions: Mapping[str, str] = field(default_factory=lambda: DEFINITIONS, repr=False)

    def to_dict(self) -> dict[str, object]:
        """Return the report as JSON-able plain Python types, keys in a stable order.

        Examples
        --------
        >>> import polars as pl
        >>> from deid.risk import measure_risk
        >>> report = measure_risk(pl.DataFrame({"sex": ["F", "F", "M"]}), ["sex"])
        >>> list(report.to_dict())[:4]
        ['quasi_identifiers', 'records', 'classes', 'k']
        """
        return {
            "quasi_identifiers": list(self.quasi_identifiers),
            "records": self.records,
            "classes": self.classes,
            "k": self.k,
            "sample_uniques": self.sample_uniques,
            "sample_uniques_share": self.sample_uniques_share,
            "class_sizes": [bucket.to_dict() for bucket in self.class_sizes],
            "risk_threshold": self.risk_threshold,
            "prosecutor": self.prosecutor.to_dict(),
            "journalist": None if self.journalist is None else self.journalist.to_dict(),
            "marketer": self.marketer,
            "l_diversity": [entry.to_dict() for entry in self.l_diversity],
            "definitions": dict(self.definitions),
        }
