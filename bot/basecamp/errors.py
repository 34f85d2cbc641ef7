"""Errors raised by the Basecamp client.

One class per distinct caller reaction; `error_from_response` is the only place that maps an
HTTP status to a class, so jobs never inspect status codes::

    BasecampError                 status, url, message, retryable, retry_after, outcome_unknown
    ├── AuthError                 401 (after one refresh attempt) or a failed token refresh
    ├── Forbidden                 403
    ├── NotFound                  404: deleted, no access, or wrong id (never retried)
    │   └── AccountInactive       404 with `Reason: Account Inactive` (disable the account)
    ├── ValidationFailed          400, 422: Basecamp rejected the request as sent
    ├── RateLimited               429 (retried after Retry-After; raised when retries run out)
    ├── LimitReached              507: the account's project/webhook limit is full
    ├── ServerError               5xx (GETs are retried; writes raise with outcome_unknown)
    ├── ConnectionFailed          network error or timeout (no HTTP status)
    └── ConstructionFailed        a project construction ended in failure or timed out

`outcome_unknown` is True only for a write (POST/PUT/DELETE) that may have been committed:
ServerError and ConnectionFailed after the request was sent. `retryable` says whether the same
request may safely be sent again as it is. No message ever carries a token: known secrets and
anything token-shaped are redacted before the exception is built.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

REDACTED = "[redacted]"
_RETRYABLE_5XX = {500, 502, 503, 504}
_MAX_MESSAGE = 300
_SECRET_PARAMS = {
    "access_token", "refresh_token", "token", "client_secret", "code", "key", "api_key",
    "secret", "password",
}
# Token-shaped text that may turn up in a response body or an exception from a library.
_SECRET_PATTERNS = [
    re.compile(r"(Bearer\s+)[^\s\"',;]+", re.IGNORECASE),
    re.compile(
        r"((?:access_token|refresh_token|client_secret|password)[\"']?\s*[:=]\s*[\"']?)"
        r"[^\"'&\s,}]+",
        re.IGNORECASE,
    ),
    re.compile(r"(/integrations/)[^/\s]+", re.IGNORECASE),  # chatbot keys live in the path
]


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """Remove known secrets and token-shaped fragments from text."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, REDACTED)
    for pattern in _SECRET_PATTERNS:
        text = pattern.sub(lambda m: m.group(1) + REDACTED, text)
    return text


def safe_url(url: str) -> str:
    """The URL with secret-looking query values and chatbot keys redacted."""
    try:
        parts = urlsplit(url)
        query = [
            (k, REDACTED if k.lower() in _SECRET_PARAMS else v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
        ]
        cleaned = urlunsplit(parts._replace(query=urlencode(query, safe="[],"), fragment=""))
    except ValueError:
        cleaned = url.split("?", 1)[0]
    return redact(cleaned)


class BasecampError(Exception):
    """Base class: a Basecamp request failed."""

    default_retryable = False
    label = "Basecamp request failed"

    def __init__(
        self,
        status: int | None,
        url: str,
        message: str = "",
        *,
        method: str = "GET",
        retryable: bool | None = None,
        retry_after: float | None = None,
        outcome_unknown: bool = False,
        request_id: str | None = None,
        secrets: Iterable[str | None] = (),
    ) -> None:
        secrets = tuple(secrets)
        self.status = status
        self.method = method.upper()
        self.url = redact(safe_url(url), secrets)
        message = redact(message or "", secrets).strip()
        self.message = message[:_MAX_MESSAGE] + ("…" if len(message) > _MAX_MESSAGE else "")
        self.outcome_unknown = outcome_unknown
        if retryable is None:
            # A write that may have committed must not be blindly re-sent.
            retryable = self.default_retryable and not outcome_unknown
        self.retryable = retryable
        self.retry_after = retry_after
        self.request_id = request_id
        super().__init__(self._describe())

    # Backwards-friendly alias used by the SDK this follows.
    @property
    def http_status(self) -> int | None:
        """The HTTP status, or None for a network failure."""
        return self.status

    def _describe(self) -> str:
        status = f" ({self.status})" if self.status is not None else ""
        text = f"{self.label}{status}: {self.method} {self.url}"
        if self.message:
            text += f": {self.message}"
        if self.outcome_unknown:
            text += " [the write may have been applied]"
        return text

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status={self.status!r}, method={self.method!r}, "
            f"url={self.url!r}, message={self.message!r}, retryable={self.retryable!r}, "
            f"outcome_unknown={self.outcome_unknown!r})"
        )

    def __reduce__(self):  # keep pickling (e.g. logging to other processes) working
        return (_rebuild, (type(self), self.__dict__.copy()))


def _rebuild(cls: type[BasecampError], state: dict) -> BasecampError:
    err = cls.__new__(cls)
    err.__dict__.update(state)
    Exception.__init__(err, err._describe())
    return err


class AuthError(BasecampError):
    """The access token was rejected and could not be refreshed."""

    label = "Basecamp did not accept the bot's credentials"


class Forbidden(BasecampError):
    """The bot's user may not do this (403)."""

    label = "Basecamp refused permission"


class NotFound(BasecampError):
    """The resource does not exist or the bot cannot see it (404)."""

    label = "Not found in Basecamp"


class AccountInactive(NotFound):
    """The Basecamp account is inactive (trial ended or suspended)."""

    label = "The Basecamp account is inactive"


class ValidationFailed(BasecampError):
    """Basecamp rejected the request's content (400 or 422)."""

    label = "Basecamp rejected the request"


class RateLimited(BasecampError):
    """Too many requests (429); safe to retry after `retry_after` seconds."""

    default_retryable = True
    label = "Basecamp rate limit hit"


class LimitReached(BasecampError):
    """An account limit is full (507), e.g. the project limit on a free plan."""

    label = "A Basecamp account limit has been reached"


class ServerError(BasecampError):
    """Basecamp failed with a 5xx."""

    default_retryable = True
    label = "Basecamp had a server error"


class ConnectionFailed(BasecampError):
    """The request could not be completed: network error or timeout."""

    default_retryable = True
    label = "Could not reach Basecamp"


class ConstructionFailed(BasecampError):
    """A project construction from a template failed or did not finish in time."""

    label = "Basecamp could not build the project from its template"


def _message_from_body(body: bytes | str | Mapping | None) -> str:
    if body is None:
        return ""
    if isinstance(body, Mapping):
        data: object = body
    else:
        text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
        try:
            data = json.loads(text) if text.strip() else ""
        except ValueError:
            return " ".join(re.sub(r"<[^>]*>", " ", text).split())[:200]
    if isinstance(data, Mapping):
        parts = [str(data[k]) for k in ("error", "message") if data.get(k)]
        return " — ".join(dict.fromkeys(parts))
    return str(data)[:200] if data else ""


def _retry_after(headers: Mapping[str, str]) -> float | None:
    value = _header(headers, "Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None  # HTTP-date form: let the backoff policy decide


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name.lower():
            return value
    return None


def error_from_response(
    status: int,
    body: bytes | str | Mapping | None,
    headers: Mapping[str, str],
    url: str,
    *,
    method: str = "GET",
    secrets: Iterable[str | None] = (),
) -> BasecampError:
    """Map an unsuccessful HTTP response to the matching BasecampError."""
    message = _message_from_body(body)
    is_write = method.upper() != "GET"
    kwargs = {
        "method": method,
        "secrets": tuple(secrets),
        "request_id": _header(headers, "X-Request-Id"),
    }
    if status == 401:
        return AuthError(status, url, message, **kwargs)
    if status == 403:
        return Forbidden(status, url, message, **kwargs)
    if status == 404:
        reason = (_header(headers, "Reason") or "").strip().lower()
        cls = AccountInactive if reason == "account inactive" else NotFound
        return cls(status, url, message, **kwargs)
    if status in (400, 422):
        return ValidationFailed(status, url, message, **kwargs)
    if status == 429:
        return RateLimited(status, url, message, retry_after=_retry_after(headers), **kwargs)
    if status == 507:
        return LimitReached(status, url, message, **kwargs)
    if 500 <= status < 600:
        return ServerError(
            status, url, message, outcome_unknown=is_write,
            retryable=status in _RETRYABLE_5XX and not is_write,
            retry_after=_retry_after(headers), **kwargs,
        )
    return BasecampError(status, url, message, **kwargs)
