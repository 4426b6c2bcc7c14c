"""Research zone: cohorts sliced from the de-identified dataset (never imports deid)."""

import logging

logging.getLogger(__name__).addHandler(logging.NullHandler())
