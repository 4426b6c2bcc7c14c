"""Link CRM contacts to EMR patients: deterministic rules, precision first.

:func:`link_contacts` decides, for every CRM contact, which EMR patient it is (if any),
by which rule and with what confidence; :func:`summarise_links` counts the decisions
for the report (counts only, never a name or value). See :data:`LINK_RULES` for the
rules and :mod:`deid.linkage._rules` for their confidences.
"""

from __future__ import annotations

import logging

from deid.linkage._link import link_contacts
from deid.linkage._rules import LINK_RULES
from deid.linkage._summary import LinkageSummary, summarise_links

__all__ = ["LINK_RULES", "LinkageSummary", "link_contacts", "summarise_links"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
