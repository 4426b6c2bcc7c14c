"""Presidio and tldextract run with every network call forbidden."""

from __future__ import annotations

import socket

import pytest

from data_contracts import ConfigError
from deid.offline import build_analyzer, load_nlp_engine


class NetworkUsedError(AssertionError):
    """Raised by the guarded socket when any code tries to connect."""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise NetworkUsedError

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.mark.usefixtures("no_network")
def test_analyzer_finds_emails_and_urls_without_network() -> None:
    analyzer = build_analyzer()
    results = analyzer.analyze(
        "Write to someone@example.org or see https://portal.example.com/x", language="en"
    )
    found = {result.entity_type for result in results}
    assert {"EMAIL_ADDRESS", "URL"} <= found


@pytest.mark.usefixtures("no_network")
def test_missing_pipeline_is_a_config_error_not_a_download() -> None:
    with pytest.raises(ConfigError, match="is not installed; healthtrove never downloads models"):
        load_nlp_engine("en_core_web_lg_not_installed")


def test_presidio_default_analyzer_builds_after_healthtrove_recognizers_are_loaded() -> None:
    # Presidio finds its predefined recognizers by class name among all loaded
    # subclasses: a healthtrove recognizer sharing a name would be picked instead.
    from presidio_analyzer.predefined_recognizers import __all__ as presidio_names  # noqa: PLC0415

    from deid.text.recognizers import default_recognizers  # noqa: PLC0415

    ours = {type(recognizer).__name__ for recognizer in default_recognizers()}
    assert not ours & set(presidio_names)
    analyzer = build_analyzer()
    found = analyzer.analyze("write to ann@example.org", language="en")
    assert "EMAIL_ADDRESS" in {result.entity_type for result in found}
