"""Statistical disclosure control for every count the research zone shows.

Counts from 1 to ``threshold - 1`` (CMS: 1 to 10) are suppressed, together with the cells
from which they could be derived: complementary cells of frequency tables
(:func:`suppress_counts`) and neighbouring steps of attrition sequences
(:func:`suppress_sequence`). Every check is recorded as a :class:`CheckEntry` for the
output-checking log (:class:`OutputLog`), which never holds a suppressed value.

Examples
--------
>>> import polars as pl
>>> table = pl.DataFrame({"region": ["north", "south", "east"], "people": [120, 97, 4]})
>>> checked = suppress_counts(table, ["people"], output="region")
>>> display(checked.released)["people"].to_list()
['120', '[suppressed]', '[suppressed]']
>>> OutputLog().add(*checked.log).to_dict()[0]["cells_suppressed"]
1
"""

import logging

from cohorts.disclosure._display import display
from cohorts.disclosure._log import CheckEntry, OutputLog
from cohorts.disclosure._policy import DisclosurePolicy
from cohorts.disclosure._sequence import CheckedSequence, check_sequence, suppress_sequence
from cohorts.disclosure._table import Checked, suppress_counts

__all__ = [
    "CheckEntry",
    "Checked",
    "CheckedSequence",
    "DisclosurePolicy",
    "OutputLog",
    "check_sequence",
    "display",
    "suppress_counts",
    "suppress_sequence",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
