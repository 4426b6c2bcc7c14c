"""healthtrove: the command-line shell over deid, cohorts and analysis."""

import logging
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("healthtrove")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
