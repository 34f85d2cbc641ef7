"""Plain log lines to stdout, one per action, with every known secret value masked."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterable

MASK = "[redacted]"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RedactingFilter(logging.Filter):
    """Replace known secret values wherever they appear in a record (message, args, traceback)."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets: set[str] = set()
        self._lock = threading.Lock()
        for secret in secrets:
            self.add(secret)

    def add(self, secret: str | None) -> None:
        """Mask this value from now on (e.g. a freshly refreshed token)."""
        # Very short values would mask ordinary words; real tokens are long.
        if secret and len(secret) >= 6:
            with self._lock:
                self._secrets.add(secret)

    def redact(self, text: str) -> str:
        """The text with every known secret masked (longest first, so overlaps mask fully)."""
        for secret in sorted(self._secrets, key=len, reverse=True):
            if secret in text:
                text = text.replace(secret, MASK)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place; never drops it."""
        if not self._secrets:
            return True
        record.msg = self.redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


REDACTOR = RedactingFilter()


def setup_logging(verbose: bool = False, secrets: Iterable[str] = (), stream=None) -> None:
    """Send plain lines to stdout (INFO, or DEBUG with --verbose) through the redaction filter."""
    for secret in secrets:
        REDACTOR.add(secret)
    handler = logging.StreamHandler(stream or sys.stdout)
    handler.setFormatter(logging.Formatter(FORMAT, datefmt="%Y-%m-%d %H:%M:%S"))
    handler.addFilter(REDACTOR)
    root = logging.getLogger()
    for old in list(root.handlers):
        if getattr(old, "_loti", False):
            root.removeHandler(old)
    handler._loti = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    # Libraries (and the client's one line per HTTP request) speak only with --verbose: the
    # default is one line per bot action, and an idle worker polls every minute.
    for name in ("urllib3", "apscheduler", "alembic", "bot.basecamp"):
        logging.getLogger(name).setLevel(logging.DEBUG if verbose else logging.WARNING)
