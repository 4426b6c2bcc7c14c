"""The errors of risk measurement and reduction (messages name columns, never values)."""

from __future__ import annotations

from data_contracts.errors import InputError, UserError

__all__ = ["RiskInputError", "RiskTargetUnreachableError"]


class RiskInputError(InputError, ValueError):
    """The frame or arguments given to a risk function cannot be measured.

    Raised for an empty frame, a missing or repeated column, or an argument outside its
    range. Also a ``ValueError``, so callers may catch either.
    """


class RiskTargetUnreachableError(UserError, ValueError):
    """No generalisation reaches the target k within the suppression limit."""
