"""Identifier builders: UUID version 4 strings and Salesforce 18-character ids."""

from __future__ import annotations

import uuid

import numpy as np

from deid.synth._ids import salesforce_ids, uuid_strings

CHECKSUM_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"


def _reference_suffix(id15: str) -> str:
    suffix = ""
    for block in range(3):
        chunk = id15[block * 5 : block * 5 + 5]
        index = sum(1 << position for position, char in enumerate(chunk) if "A" <= char <= "Z")
        suffix += CHECKSUM_ALPHABET[index]
    return suffix


def test_uuid_strings_are_unique_version_4() -> None:
    ids = uuid_strings(np.random.default_rng(3), 2_000).to_list()
    assert len(set(ids)) == len(ids)
    assert all(uuid.UUID(value).version == 4 and str(uuid.UUID(value)) == value for value in ids)


def test_salesforce_ids_have_the_real_checksum() -> None:
    numbers = np.array([0, 1, 61, 62, 3_844, 987_654_321, 62**8 - 1])
    ids = salesforce_ids("003", numbers).to_list()
    assert len(set(ids)) == len(ids)
    assert _reference_suffix("001A0000006Vm9r") == "IAC"
    for value in ids:
        assert len(value) == 18
        assert value.startswith("0035g00")
        assert value[15:] == _reference_suffix(value[:15])
    assert ids == sorted(ids)
