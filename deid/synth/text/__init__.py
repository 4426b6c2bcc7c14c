"""Synthetic free text with embedded PHI and the exact character spans of every mention.

Clinical notes and CRM texts (calls, emails, SMS, reminders, billing notices,
survey comments) are rendered from templates, vectorised with polars: one pass
per template, no Python loop over rows. Every PHI mention comes with a gold span
whose offsets index the Python string, so ``text[start:end] == value``.

Examples
--------
>>> import datetime
>>> import polars as pl
>>> context = pl.DataFrame(
...     {
...         "record_id": ["n1"],
...         "first_name": ["Maria"],
...         "last_name": ["Ortiz"],
...         "phone": ["402-555-0134"],
...         "event_date": [datetime.date(2021, 3, 14)],
...     }
... )
>>> rendered = render_texts(context, kind=TextKind.CALL_NOTE, seed=7)
>>> row = rendered.row(0, named=True)
>>> all(row["text"][s["start"] : s["end"]] == s["value"] for s in row["spans"])
True
>>> gold_records(rendered, table="Task", column="Description").columns
['table', 'column', 'id', 'spans']
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import polars as pl

from deid.synth.text import _engine, _gold
from deid.synth.text._kinds import ENTITY_IDENTIFIER, ENTITY_TYPES, TextKind
from deid.synth.text._model import Template
from deid.synth.text._templates_calls import CALL_NOTE_TEMPLATES
from deid.synth.text._templates_clinical import CLINICAL_NOTE_TEMPLATES
from deid.synth.text._templates_messages import EMAIL_BODY_TEMPLATES, EMAIL_SUBJECT_TEMPLATES, SMS_TEMPLATES
from deid.synth.text._templates_outreach import (
    BILLING_NOTICE_TEMPLATES,
    REMINDER_TEMPLATES,
    SURVEY_COMMENT_TEMPLATES,
)

__all__ = ["ENTITY_IDENTIFIER", "ENTITY_TYPES", "TextKind", "gold_records", "render_texts"]

TEMPLATES: Mapping[TextKind, tuple[Template, ...]] = MappingProxyType(
    {
        TextKind.CLINICAL_NOTE: CLINICAL_NOTE_TEMPLATES,
        TextKind.CALL_NOTE: CALL_NOTE_TEMPLATES,
        TextKind.EMAIL_BODY: EMAIL_BODY_TEMPLATES,
        TextKind.EMAIL_SUBJECT: EMAIL_SUBJECT_TEMPLATES,
        TextKind.SMS: SMS_TEMPLATES,
        TextKind.REMINDER: REMINDER_TEMPLATES,
        TextKind.BILLING_NOTICE: BILLING_NOTICE_TEMPLATES,
        TextKind.SURVEY_COMMENT: SURVEY_COMMENT_TEMPLATES,
    }
)
"""The templates of each kind of text."""


def render_texts(context: pl.DataFrame, *, kind: TextKind, seed: int) -> pl.DataFrame:
    """Render one text of ``kind`` per context row, with the gold spans of its PHI.

    Parameters
    ----------
    context
        One row per text. ``record_id`` is required; the slots read ``first_name``,
        ``last_name``, ``nickname``, ``relative_name``, ``relative_role``,
        ``provider_name``, ``phone``, ``email``, ``mrn``, ``account_number``,
        ``member_id``, ``ssn``, ``street``, ``city``, ``zip``, ``sex`` (optional,
        for titles), ``event_date`` and ``birth_date`` (Date), ``age`` (Int64) and
        ``amount`` (Float64). Missing columns, nulls and blank strings are all
        treated as absent: a row only gets templates whose slots it can fill.
        Other columns are ignored.
    kind
        The kind of text to render.
    seed
        Non-negative seed; with the same context and seed the output is identical.
        Each kind draws from its own stream.

    Returns
    -------
    polars.DataFrame
        ``record_id``, ``text`` (never null) and ``spans``, a list of
        ``{start, end, entity_type, value}`` structs sorted by ``start`` and
        non-overlapping, with ``text[start:end] == value``; same rows and order as
        ``context``.
    """
    return _engine.render(context, TEMPLATES[TextKind(kind)], seed=seed, salt=TextKind(kind).value)


def gold_records(rendered: pl.DataFrame, *, table: str, column: str) -> pl.DataFrame:
    """Return the gold PHI annotations of rendered texts, one row per text.

    Parameters
    ----------
    rendered
        The output of :func:`render_texts`.
    table, column
        Where the texts land in the extracts (``"notes"``/``"TEXT"``,
        ``"Task"``/``"Description"``, ...).

    Returns
    -------
    polars.DataFrame
        ``table``, ``column``, ``id`` (the ``record_id``) and ``spans``, a list of
        ``{start, end, type, identifier, value}`` structs where ``type`` is the
        entity type and ``identifier`` its Safe Harbor category
        (:class:`data_contracts.phi.Identifier` value). Rows without PHI keep an
        empty list; input order is kept.
    """
    return _gold.gold_records(rendered, table=table, column=column)
