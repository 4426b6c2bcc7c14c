"""Research zone: correlation studies and models with disclosure control."""

import logging

logging.getLogger(__name__).addHandler(logging.NullHandler())
