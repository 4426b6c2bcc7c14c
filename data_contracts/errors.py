"""The healthtrove error hierarchy and the exit code of each error class.

Every error the toolkit raises on purpose derives from :class:`HealthtroveError`.
:class:`UserError` and its subclasses describe problems the user can fix (bad input,
bad configuration, a missing key); the CLI prints them without a traceback and exits
with the class's :attr:`~HealthtroveError.exit_code`. Anything else is a bug and exits
with :data:`EXIT_INTERNAL_ERROR` and a traceback.

Messages say what failed, where (file, table, column, rule), what was expected and how
to fix it. They never contain a data value from an input: that is a test-enforced rule.
"""

from __future__ import annotations

__all__ = [
    "EXIT_INTERNAL_ERROR",
    "EXIT_OK",
    "ConfigError",
    "HealthtroveError",
    "InputError",
    "InputValidationError",
    "KeyMissingError",
    "LeakGateError",
    "PipelineLockedError",
    "PrivacyGateError",
    "RiskGateError",
    "UserError",
    "exit_codes",
]

EXIT_OK = 0
EXIT_INTERNAL_ERROR = 70  # sysexits EX_SOFTWARE


class HealthtroveError(Exception):
    """Root of every error healthtrove raises on purpose."""

    exit_code: int = EXIT_INTERNAL_ERROR


class UserError(HealthtroveError):
    """A problem the user can fix; shown without a traceback."""

    exit_code = 2


class ConfigError(UserError):
    """A configuration file, option or argument is invalid."""

    exit_code = 3


class InputError(UserError):
    """An input file or folder is missing, unreadable, empty or wrongly encoded."""

    exit_code = 4


class InputValidationError(InputError):
    """Input data breaks its data contract (missing column, wrong type, bad dates, ...).

    Parameters
    ----------
    message
        The human-readable summary; never contains a data value.
    failures
        One entry per failing rule: ``(file, column, rule, failing_rows)``. ``column``
        is ``None`` for table-level rules such as duplicate primary keys.
    """

    exit_code = 5

    def __init__(self, message: str, *, failures: tuple[RuleFailure, ...] = ()) -> None:
        super().__init__(message)
        self.failures = failures


class KeyMissingError(UserError):
    """The secret project key is absent or unusable."""

    exit_code = 6


class PrivacyGateError(HealthtroveError):
    """A release gate failed (identifier leak, risk above threshold); nothing published."""

    exit_code = 8


class LeakGateError(PrivacyGateError):
    """The leak check found input identifiers in the output; nothing published."""

    exit_code = 8


class RiskGateError(PrivacyGateError):
    """Re-identification risk is above the enforced thresholds; nothing published."""

    exit_code = 9


class PipelineLockedError(UserError):
    """Another pipeline run holds the lock on the output folder."""

    exit_code = 10


RuleFailure = tuple[str, str | None, str, int]


def exit_codes() -> dict[str, int]:
    """Map every error class name to its exit code, for documentation.

    Returns
    -------
    dict[str, int]
        Class name to exit code, ``HealthtroveError`` last.

    Examples
    --------
    >>> exit_codes()["InputValidationError"]
    5
    """
    classes: list[type[HealthtroveError]] = [
        UserError,
        ConfigError,
        InputError,
        InputValidationError,
        KeyMissingError,
        PrivacyGateError,
        LeakGateError,
        RiskGateError,
        PipelineLockedError,
        HealthtroveError,
    ]
    return {cls.__name__: cls.exit_code for cls in classes}
