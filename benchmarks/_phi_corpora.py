"""Corpora for the free-text PHI benchmark: texts, gold spans and ignored spans.

- ``generated``: healthtrove's own generator (clinical notes, CRM task subjects and
  descriptions, survey comments) with its exact gold spans, already in our entity types;
- ``presidio_synth``: Microsoft presidio-research's template sentences;
- ``wnut17``: WNUT-17 test tweets, person and location tokens as gold.

Ignored spans count neither as a hit nor as a false alarm. They are annotations, or
tokens, whose status under HIPAA Safe Harbor (45 CFR 164.514(b)(2)) differs from the
corpus's own labels:

- presidio_synth: ORGANIZATION, TITLE and NRP spans (not PHI); AGE spans whose value is
  under 90 and DATE_TIME spans that are a bare year (``2019``, ``in 1998``, ``the
  1990s``): item (C) removes ages over 89 and all elements of dates *except the year*,
  so a detector built for Safe Harbor rightly leaves them;
- presidio_synth GPE and wnut17 location spans that name a US state, a country or a
  continent (``deid/text/lists/regions.txt``): item (B) removes only geographic
  subdivisions smaller than a state; inside a longer place, address or date span of
  presidio_synth, the region and weekday names (``Nicosia, Cyprus``; ``Tuesday, March
  3``): neither is PHI, and the rest of the span stays gold;
- wnut17: tokens that are URLs, e-mail addresses or @handles and not gold. They are PHI
  under HIPAA (items 6, 14 and 18) and healthtrove removes them, but WNUT-17 annotates
  only named entities, so flagging them would count as false alarms.

The real corpora are read from ``../shared/benchmarks/`` next to the project root and
never copied; a reader returns ``None`` when its file is absent. Nothing here prints a
text or a value.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from deid.synth import generate
from deid.text import KnownPhi
from deid.text._allow import REGIONS, is_region
from deid.text.evaluation import GoldSpan

SHARED_BENCHMARKS = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks"

HANDWRITTEN_CORPUS = (
    Path(__file__).resolve().parent.parent / "tests" / "deid" / "text" / "handwritten" / "corpus.jsonl"
)
PRESIDIO_SYNTH_FILE = Path("presidio_synth") / "synth_dataset_v2.json"
PRESIDIO_SYNTH_IGNORED = frozenset({"ORGANIZATION", "TITLE", "NRP"})
WNUT17_FILE = Path("wnut17") / "emerging.test.annotated"
WNUT17_GOLD = frozenset({"person", "location"})
OLDEST_UNPOOLED_AGE = 89
"""Safe Harbor pools ages over 89; younger ages are not PHI."""
_NUMBER = re.compile(r"\d+")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SPLIT_LABELS = frozenset({"GPE", "STREET_ADDRESS", "DATE_TIME", "location"})
_BARE_YEAR = re.compile(r"(?i)(?:(?:in|the|year|the year)\s+)?(?:1[89]\d\d|20\d\d)'?s?")
_WEB_TOKEN = re.compile(
    r"(?i)(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|@\w+"  # URL, e-mail address, @handle
)

# (folder, table, text column, linked person column) of every free-text column the generator writes.
GENERATED_TEXT_COLUMNS = (
    ("emr", "notes", "TEXT", "PATIENT"),
    ("crm", "Task", "Subject", "WhoId"),
    ("crm", "Task", "Description", "WhoId"),
    ("crm", "SurveyResponse__c", "Comment__c", "Contact__c"),
)
# The linked record's columns that become KnownPhi fields, for patients and CRM contacts.
PATIENT_KNOWN: dict[str, tuple[tuple[str, ...], ...]] = {
    "names": (("FIRST", "LAST"), ("FIRST", "MIDDLE", "LAST"), ("FIRST", "MAIDEN")),
    "phones": (("PHONE",),),
    "emails": (("EMAIL",),),
    "addresses": (("ADDRESS",),),
    "mrns": (("MRN",),),
    "other_ids": (("SSN",), ("DRIVERS",), ("PASSPORT",)),
}
CONTACT_KNOWN: dict[str, tuple[tuple[str, ...], ...]] = {
    "names": (("FirstName", "LastName"),),
    "phones": (("Phone",), ("MobilePhone",)),
    "emails": (("Email",),),
    "addresses": (("MailingStreet",),),
    "mrns": (("MRN__c",),),
}


@dataclass(frozen=True, kw_only=True)
class Corpus:
    """Texts with, per text, the gold PHI spans and the annotated spans to ignore."""

    name: str
    description: str
    attribution: str
    texts: tuple[str, ...]
    gold: tuple[tuple[GoldSpan, ...], ...]
    ignored: tuple[tuple[GoldSpan, ...], ...]
    known: tuple[KnownPhi | None, ...] | None = None
    """Per text, the identifiers of its linked structured record (generated corpus only)."""
    styles: tuple[str, ...] | None = None
    """Per text, its style (hand-written corpus only)."""

    def __post_init__(self) -> None:
        lengths = {len(self.texts), len(self.gold), len(self.ignored)}
        if len(lengths) > 1 or (self.known is not None and len(self.known) not in lengths):
            msg = f"corpus {self.name}: texts, gold, ignored and known differ in length"
            raise ValueError(msg)

    def subset(self, indices: list[int]) -> Corpus:
        """The same corpus restricted to the texts at ``indices`` (in that order)."""
        return Corpus(
            name=self.name,
            description=f"{len(indices):,}-text sample of {self.description}",
            attribution=self.attribution,
            texts=tuple(self.texts[i] for i in indices),
            gold=tuple(self.gold[i] for i in indices),
            ignored=tuple(self.ignored[i] for i in indices),
            known=None if self.known is None else tuple(self.known[i] for i in indices),
            styles=None if self.styles is None else tuple(self.styles[i] for i in indices),
        )


def _check_spans(
    name: str, texts: list[str], gold: list[tuple[GoldSpan, ...]], values: list[list[str]]
) -> None:
    """Refuse a corpus whose span offsets do not match the annotated values (no value is shown)."""
    bad = sum(
        text[span.start : span.end] != value
        for text, spans, text_values in zip(texts, gold, values, strict=True)
        for span, value in zip(spans, text_values, strict=True)
    )
    if bad:
        msg = f"corpus {name}: {bad} gold spans do not match their annotated values"
        raise ValueError(msg)


def _known_by_id(path: Path, fields: dict[str, tuple[tuple[str, ...], ...]]) -> dict[str, KnownPhi]:
    """Per record id, its identifiers as KnownPhi (multi-part names joined by spaces)."""
    frame = pl.read_csv(path, infer_schema=False)
    known = {}
    for row in frame.iter_rows(named=True):
        values = {
            field: tuple(
                dict.fromkeys(
                    " ".join(row[column] for column in columns)
                    for columns in combinations
                    if all(row[column] for column in columns)
                )
            )
            for field, combinations in fields.items()
        }
        known[row["Id"]] = KnownPhi(**values)
    return known


def generated(patients: int, seed: int, work_dir: Path) -> Corpus:
    """Generate ``patients`` patients into ``work_dir``; read every text, its gold spans and linked record."""
    extract = work_dir / "extract"
    generate(extract, patients=patients, seed=seed, file_format="csv")
    records = {
        "emr": _known_by_id(extract / "emr" / "patients.csv", PATIENT_KNOWN),
        "crm": _known_by_id(extract / "crm" / "Contact.csv", CONTACT_KNOWN),
    }
    by_key: dict[tuple[str, str, str], tuple[str, KnownPhi | None]] = {}
    for folder, table, column, person in GENERATED_TEXT_COLUMNS:
        frame = pl.read_csv(
            extract / folder / f"{table}.csv", infer_schema=False, columns=["Id", column, person]
        )
        for row_id, text, person_id in frame.drop_nulls(column).iter_rows():
            by_key[(table, column, row_id)] = (text, records[folder].get(person_id))
    texts, gold, known, values = [], [], [], []
    per_column: Counter[str] = Counter()
    with (extract / "gold_phi.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            text, linked = by_key[(record["table"], record["column"], record["id"])]
            texts.append(text)
            known.append(linked)
            gold.append(
                tuple(GoldSpan(start=s["start"], end=s["end"], label=s["type"]) for s in record["spans"])
            )
            values.append([s["value"] for s in record["spans"]])
            per_column[f"{record['table']}.{record['column']}"] += 1
    _check_spans("generated", texts, gold, values)
    columns = ", ".join(f"{column} {count:,}" for column, count in sorted(per_column.items()))
    linked_count = sum(item is not None for item in known)
    return Corpus(
        name="generated",
        description=f"healthtrove synth, {patients:,} patients, seed {seed}: "
        f"{len(texts):,} texts ({columns}), {linked_count:,} with a linked record",
        attribution="healthtrove's own generator (synthetic, no real person)",
        texts=tuple(texts),
        gold=tuple(gold),
        ignored=((),) * len(texts),
        known=tuple(known),
    )


def _phi_under_safe_harbor(label: str, value: str) -> bool:
    """False for an age under 90, a bare year or a state, country or continent: not PHI under Safe Harbor."""
    if label == "AGE":
        number = _NUMBER.search(value)
        return number is None or int(number.group()) > OLDEST_UNPOOLED_AGE
    if label == "DATE_TIME":
        return _BARE_YEAR.fullmatch(value.strip()) is None
    if label in {"GPE", "location"}:
        return not is_region(value)
    return True


def handwritten(path: Path = HANDWRITTEN_CORPUS, *, style: str | None = None) -> Corpus:
    """Read the hand-written corpus (``tests/deid/text/handwritten/corpus.jsonl``), or one style of it."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if style is not None:
        records = [record for record in records if record["style"] == style]
    texts = [record["text"] for record in records]
    gold = [
        tuple(GoldSpan(start=s["start"], end=s["end"], label=s["label"]) for s in record["spans"])
        for record in records
    ]
    _check_spans("handwritten", texts, gold, [[s["value"] for s in record["spans"]] for record in records])
    negatives = sum(record["hard_negative"] for record in records)
    return Corpus(
        name="handwritten" if style is None else f"handwritten:{style}",
        description=f"{len(texts):,} hand-written texts ({negatives:,} hard negatives)"
        + (f", style {style}" if style else f" in {len({r['style'] for r in records})} styles"),
        attribution="healthtrove's hand-written evaluation corpus (invented; not the generator's)",
        texts=tuple(texts),
        gold=tuple(gold),
        ignored=((),) * len(texts),
        styles=tuple(record["style"] for record in records),
    )


def handwritten_styles(path: Path = HANDWRITTEN_CORPUS) -> list[str]:
    """The styles of the hand-written corpus, sorted."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return sorted({json.loads(line)["style"] for line in lines if line.strip()})


@functools.cache
def _not_phi_inside() -> re.Pattern[str]:
    """Regions (states, countries, continents) and weekday names, as whole words."""
    words = sorted((*REGIONS.words, *_WEEKDAYS), key=len, reverse=True)
    alternatives = "|".join(re.escape(word.strip()) for word in words if word.strip())
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _split_not_phi(text: str, span: GoldSpan) -> tuple[list[GoldSpan], list[GoldSpan]]:
    """Split a place, address or date span around the regions and weekdays inside it.

    ``Nicosia, Cyprus`` keeps ``Nicosia`` as gold and ignores ``Cyprus``; ``Tuesday, March
    3`` keeps ``March 3``: a country, a state or a weekday is not PHI under Safe Harbor,
    inside a longer span or alone.
    """
    if span.label not in _SPLIT_LABELS:
        return [span], []
    gold: list[GoldSpan] = []
    ignored: list[GoldSpan] = []
    position = span.start
    for match in _not_phi_inside().finditer(text, span.start, span.end):
        if text[position : match.start()].strip(" ,.\n"):
            gold.append(GoldSpan(start=position, end=match.start(), label=span.label))
        ignored.append(GoldSpan(start=match.start(), end=match.end(), label="NOT_PHI"))
        position = match.end()
    if text[position : span.end].strip(" ,.\n"):
        gold.append(GoldSpan(start=position, end=span.end, label=span.label))
    return gold, ignored


def presidio_synth(root: Path = SHARED_BENCHMARKS) -> Corpus | None:
    """Read presidio-research's synthetic sentences; spans that are not PHI under Safe Harbor are ignored."""
    path = root / PRESIDIO_SYNTH_FILE
    if not path.is_file():
        return None
    records = json.loads(path.read_text(encoding="utf-8"))
    texts, gold, ignored, values = [], [], [], []
    for record in records:
        kept, left = [], []
        for s in record["spans"]:
            span = GoldSpan(start=s["start_position"], end=s["end_position"], label=s["entity_type"])
            if span.label in PRESIDIO_SYNTH_IGNORED or not _phi_under_safe_harbor(
                span.label, s["entity_value"]
            ):
                left.append(span)
                continue
            pieces, not_phi = _split_not_phi(record["full_text"], span)
            kept.extend((piece, record["full_text"][piece.start : piece.end]) for piece in pieces)
            left.extend(not_phi)
        texts.append(record["full_text"])
        gold.append(tuple(span for span, _ in kept))
        ignored.append(tuple(left))
        values.append([value for _, value in kept])
    _check_spans("presidio_synth", texts, gold, values)
    return Corpus(
        name="presidio_synth",
        description=f"{len(texts):,} template sentences (ORGANIZATION, TITLE, NRP spans, ages under 90, "
        "bare years, states, countries and continents ignored)",
        attribution="microsoft/presidio-research @ 7622dec1, data/synth_dataset_v2.json, MIT licence",
        texts=tuple(texts),
        gold=tuple(gold),
        ignored=tuple(ignored),
    )


def _wnut_sentence(rows: list[tuple[str, str]]) -> tuple[str, tuple[GoldSpan, ...], tuple[GoldSpan, ...]]:
    """Join one sentence's tokens with spaces; merge B-/I- person and location tokens into spans.

    Returns the text, its gold spans and its ignored spans (URL, e-mail and @handle tokens
    that are not gold; locations naming a state, a country or a continent).
    """
    pieces: list[str] = []
    spans: list[GoldSpan] = []
    ignored: list[GoldSpan] = []
    offset = 0
    for word, tag in rows:
        start, end = offset, offset + len(word)
        pieces.append(word)
        offset = end + 1
        prefix, _, label = tag.partition("-")
        if label not in WNUT17_GOLD:
            if _WEB_TOKEN.fullmatch(word):
                ignored.append(GoldSpan(start=start, end=end, label="WEB_ADDRESS"))
            continue
        if prefix == "I" and spans and spans[-1].label == label and spans[-1].end == start - 1:
            spans[-1] = GoldSpan(start=spans[-1].start, end=end, label=label)
        else:
            spans.append(GoldSpan(start=start, end=end, label=label))
    text = " ".join(pieces)
    regions = [span for span in spans if not _phi_under_safe_harbor(span.label, text[span.start : span.end])]
    gold = tuple(span for span in spans if span not in regions)
    return text, gold, (*ignored, *regions)


def wnut17(root: Path = SHARED_BENCHMARKS) -> Corpus | None:
    """Read the WNUT-17 test set (CoNLL: token, tab, tag; a blank line between sentences)."""
    path = root / WNUT17_FILE
    if not path.is_file():
        return None
    sentences: list[list[tuple[str, str]]] = [[]]
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            if sentences[-1]:
                sentences.append([])
            continue
        word, separator, tag = line.partition("\t")
        if not separator:
            msg = f"{path}: line {number} has no tab between token and tag"
            raise ValueError(msg)
        sentences[-1].append((word, tag.strip()))
    texts, gold, ignored = zip(*(_wnut_sentence(rows) for rows in sentences if rows), strict=True)
    return Corpus(
        name="wnut17",
        description=f"{len(texts):,} tokenised tweets, tokens joined by spaces (person and location as gold; "
        "URL, e-mail and @handle tokens, states, countries and continents ignored)",
        attribution="WNUT-17 test set, leondz/emerging_entities_17 @ e52a2d2a, CC-BY-4.0",
        texts=tuple(texts),
        gold=tuple(gold),
        ignored=tuple(ignored),
    )
