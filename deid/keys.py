"""The secret project key: where it comes from and the purpose keys derived from it.

The key comes from the ``HEALTHTROVE_KEY`` environment variable or a key file; it is
never logged, echoed or written. Each use (pseudonyms, date shifts) gets its own key
derived with HMAC-SHA256, so one purpose's outputs reveal nothing about another's.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path

from data_contracts.errors import KeyMissingError

__all__ = ["KEY_ENV", "MIN_KEY_BYTES", "ProjectKey", "load_project_key"]

KEY_ENV = "HEALTHTROVE_KEY"
MIN_KEY_BYTES = 16
_DERIVATION_PREFIX = b"healthtrove/v1/"


class ProjectKey:
    """A project's secret key. Its ``repr`` never shows the secret.

    Parameters
    ----------
    secret
        The key bytes (at least :data:`MIN_KEY_BYTES`).

    Examples
    --------
    >>> key = ProjectKey(b"0123456789abcdef0123")
    >>> key
    ProjectKey(<secret>)
    >>> len(key.derive("pseudonyms"))
    32
    """

    __slots__ = ("_secret",)

    def __init__(self, secret: bytes) -> None:
        if len(secret) < MIN_KEY_BYTES:
            msg = f"the project key is too short: use at least {MIN_KEY_BYTES} bytes (e.g. 64 hex digits)"
            raise KeyMissingError(msg)
        self._secret = secret

    def __repr__(self) -> str:
        return "ProjectKey(<secret>)"

    def derive(self, purpose: str) -> bytes:
        """Return the 32-byte key for ``purpose`` (HMAC-SHA256 of the secret)."""
        return hmac.digest(self._secret, _DERIVATION_PREFIX + purpose.encode(), hashlib.sha256)


def load_project_key(key_file: Path | None = None) -> ProjectKey:
    """Read the project key from ``key_file`` if given, else from ``HEALTHTROVE_KEY``.

    Surrounding white space is ignored (a trailing newline in a key file is usual).

    Raises
    ------
    KeyMissingError
        If neither source holds a key, the file cannot be read, or the key is too short.
    """
    if key_file is not None:
        try:
            secret = key_file.read_bytes().strip()
        except OSError as error:
            reason = type(error).__name__
            msg = f"cannot read the key file {key_file} ({reason}); check the path and permissions"
            raise KeyMissingError(msg) from None
        if not secret:
            msg = f"the key file {key_file} is empty"
            raise KeyMissingError(msg)
        return ProjectKey(secret)
    from_environment = os.environ.get(KEY_ENV, "").strip()
    if not from_environment:
        msg = (
            f"no project key: set {KEY_ENV} or pass --key-file PATH "
            '(create one with: python -c "import secrets; print(secrets.token_hex(32))" > project.key)'
        )
        raise KeyMissingError(msg)
    return ProjectKey(from_environment.encode())
