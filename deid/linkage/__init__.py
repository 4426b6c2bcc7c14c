"""Link CRM contacts to EMR patients: deterministic rules, precision first.

:func:`link_contacts` decides, for every CRM contact, which EMR patient it is (if any),
by which rule and with what confidence; :func:`summarise_links` counts the decisions
for the report (counts only, never a name or value).

=====================  ====  ==========  ===============================================
rule                   tier  confidence  evidence
=====================  ====  ==========  ===============================================
``mrn_confirmed``      1     0.99        MRN held by exactly one patient, corroborated
                                         by birth date, surname or given name
``name_dob_phone``     1     0.97        names + birth date + a phone number
``name_dob_email``     1     0.96        names + birth date + email
``name_dob_zip``       1     0.93        names + birth date + five-digit ZIP code
``name_two_contacts``  2     0.90        names + two of phone, email, ZIP, street;
                                         birth date missing or one part off
``initial_dob_phone``  2     0.85        given-name initial or short form + surname +
                                         birth date + phone
``ambiguous``          -     0           the best evidence fits two or more patients
``unlinked``           -     0           no rule matched
=====================  ====  ==========  ===============================================

"Names" are the given name (equal after normalisation, a nickname of it, or one typo
away) and the surname (equal or one typo away). A match that needed a one-typo name,
or an MRN backed by the given name alone, loses 0.05 confidence and yields to an exact
match in the same tier. The constants live in :mod:`deid.linkage._rules`.
"""

from __future__ import annotations

import logging

from deid.linkage._link import link_contacts
from deid.linkage._rules import LINK_RULES
from deid.linkage._summary import LinkageSummary, summarise_links

__all__ = ["LINK_RULES", "LinkageSummary", "link_contacts", "summarise_links"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
