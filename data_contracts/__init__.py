"""Shared core of healthtrove: table contracts, PHI policies, errors and loaders.

Imports nothing else of ours; both zones depend on it.
"""

import logging

logging.getLogger(__name__).addHandler(logging.NullHandler())
