"""Trusted zone: the only package that reads identifiable data, keys or crosswalks."""

import logging

logging.getLogger(__name__).addHandler(logging.NullHandler())
