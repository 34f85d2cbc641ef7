"""HTTP transport for Basecamp: auth, token refresh, pacing, conditional GETs and retries."""

from __future__ import annotations

import json
import logging
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

import requests
from tenacity import RetryCallState, Retrying, retry_if_exception, stop_after_attempt

from bot.basecamp.cache import CachedResponse, ConditionalCache
from bot.basecamp.errors import (
    AuthError,
    BasecampError,
    ConnectionFailed,
    RateLimited,
    error_from_response,
    safe_url,
)
from bot.basecamp.models import TokenGrant
from bot.basecamp.paging import parse_next_link, parse_total_count

log = logging.getLogger("bot.basecamp")

JSON_CONTENT_TYPE = "application/json; charset=utf-8"


@dataclass(frozen=True)
class RawBody:
    """A binary request body (an attachment upload), sent as-is with its own Content-Type."""

    data: bytes
    content_type: str
_CONTACT = re.compile(r"\S+@\S+\.\S+|https?://\S+")


def check_user_agent(user_agent: str) -> str:
    """Basecamp answers 400 unless the User-Agent names the app and a contact."""
    text = (user_agent or "").strip()
    name = _CONTACT.sub("", text).strip(" ()<>")
    if not name or not _CONTACT.search(text):
        raise ValueError(
            "basecamp_user_agent must name the app and a contact email or URL, "
            "e.g. 'LOTI Network Bot (digital@loti.london)'"
        )
    return text


def _json_default(value: Any) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"cannot send {type(value).__name__} to Basecamp as JSON")


@dataclass
class ClientStats:
    """Counters for benchmarks and the status command."""

    requests: int = 0  # every HTTP request sent, retries and token refreshes included
    ok: int = 0  # 2xx answers
    not_modified: int = 0  # 304s answered from the cache
    errors: int = 0  # non-2xx/304 answers and network failures
    retries: int = 0
    refreshes: int = 0


@dataclass(frozen=True)
class Reply:
    """A successful answer: parsed JSON plus the paging headers."""

    status: int
    data: Any
    next_url: str | None
    total_count: int | None
    from_cache: bool = False


class Transport:
    """Sends one logical request, with everything Basecamp asks of a well-behaved client."""

    def __init__(
        self,
        access_token: str,
        user_agent: str,
        *,
        launchpad_url: str,
        refresh_token: str | None,
        client_id: str | None,
        client_secret: str | None,
        on_tokens: Callable[[str, str | None], None] | None,
        cache: ConditionalCache | None,
        pacer: Any,
        timeout: float,
        max_retries: int,
        backoff_base: float,
        backoff_max: float,
        max_retry_after: float,
        sleep: Callable[[float], None],
        session: requests.Session | None = None,
    ) -> None:
        if not access_token:
            raise ValueError("basecamp_access_token is empty; run `loti-bot auth` to get one")
        if timeout <= 0:
            raise ValueError("timeout must be positive")
        if max_retries < 0:
            raise ValueError("max_retries must be zero or more")
        self.user_agent = check_user_agent(user_agent)
        self.launchpad_url = launchpad_url.rstrip("/")
        self._access_token = access_token
        self._refresh_token = refresh_token
        self._client_id = client_id
        self._client_secret = client_secret
        self._old_secrets: set[str] = set()
        self.on_tokens = on_tokens
        self.cache = cache
        self.pacer = pacer
        self.timeout = timeout
        self.max_retries = max_retries
        self.max_retry_after = max_retry_after
        self._sleep = sleep
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self.session = session or requests.Session()
        # requests reads (and parses) the whole environment on every request for proxy and CA
        # settings: a sixth of each request's time. Read it once per host instead (_env_for);
        # this also stops a ~/.netrc entry from replacing the Bearer token.
        self.session.trust_env = False
        self._environment: dict[tuple[str, str], dict[str, Any]] = {}
        self.stats = ClientStats()

    def __repr__(self) -> str:
        return f"Transport(user_agent={self.user_agent!r})"

    def _env_for(self, url: str) -> dict[str, Any]:
        """The environment's proxies and CA bundle for this URL's host (read on first use)."""
        parts = urlsplit(url)
        origin = (parts.scheme, parts.netloc)
        found = self._environment.get(origin)
        if found is None:
            with requests.Session() as reader:  # trust_env on: what requests itself would use
                merged = reader.merge_environment_settings(url, {}, None, None, None)
            found = self._environment[origin] = {"proxies": merged["proxies"],
                                                 "verify": merged["verify"]}
        return found

    # -- secrets -------------------------------------------------------------------------

    def secrets(self) -> tuple[str, ...]:
        """Every secret this transport holds or has held, for redaction."""
        current = (self._access_token, self._refresh_token, self._client_secret)
        return tuple(s for s in (*current, *self._old_secrets) if s)

    @property
    def can_refresh(self) -> bool:
        """True when a refresh token and the app's client credentials are configured."""
        return bool(self._refresh_token and self._client_id and self._client_secret)

    # -- public entry point --------------------------------------------------------------

    def request(
        self, method: str, url: str, body: Any = None, *, conditional: bool = True
    ) -> Reply:
        """Send a request with pacing, refresh and retries; raise a BasecampError on failure."""
        method = method.upper()
        retrying = Retrying(
            stop=stop_after_attempt(self.max_retries + 1),
            wait=self._wait,
            retry=retry_if_exception(lambda e: isinstance(e, BasecampError) and e.retryable),
            sleep=self._sleep,
            before_sleep=self._before_sleep,
            reraise=True,
        )
        if isinstance(body, RawBody):
            data: bytes | RawBody | None = body
        else:
            data = None if body is None else json.dumps(body, default=_json_default).encode()
        return retrying(self._attempt, method, url, data, conditional)

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, BasecampError) and exc.retry_after is not None:
            return exc.retry_after
        # Capped exponential backoff with full jitter on top, so restarts don't stampede.
        delay = self.backoff_base * 2 ** (state.attempt_number - 1)
        return min(self.backoff_max, delay + random.uniform(0, self.backoff_base))

    def _before_sleep(self, state: RetryCallState) -> None:
        self.stats.retries += 1
        exc = state.outcome.exception() if state.outcome else None
        log.info("basecamp: retrying after %s (attempt %d)", exc, state.attempt_number)

    # -- one attempt ---------------------------------------------------------------------

    def _attempt(
        self, method: str, url: str, data: bytes | RawBody | None, conditional: bool
    ) -> Reply:
        cached = None
        if method == "GET" and conditional and self.cache is not None:
            cached = self.cache.get(url)
        response = self._send(method, url, data, cached)
        if response.status_code == 401 and self.can_refresh:
            self.refresh()
            response = self._send(method, url, data, cached)
            if response.status_code == 401:
                raise self._auth_error(response, url, method, "even after refreshing it")
        elif response.status_code == 401:
            raise self._auth_error(
                response, url, method,
                "and it cannot be refreshed: set BASECAMP_REFRESH_TOKEN, BASECAMP_CLIENT_ID "
                "and BASECAMP_CLIENT_SECRET, or run `loti-bot auth` for a new token",
            )
        if response.status_code == 304:
            if cached is not None:
                self.stats.not_modified += 1
                return self._reply_from_cache(self._refreshed(url, cached, response))
            # A 304 we cannot answer (the entry was evicted meanwhile): ask again in full.
            response = self._send(method, url, data, None)
        return self._handle(method, url, response)

    def _send(
        self, method: str, url: str, data: bytes | RawBody | None, cached: CachedResponse | None
    ) -> requests.Response:
        headers = {
            "Authorization": f"Bearer {self._access_token}",
            "User-Agent": self.user_agent,
            "Accept": "application/json",
        }
        if isinstance(data, RawBody):
            headers["Content-Type"] = data.content_type
            data = data.data
        elif data is not None:
            headers["Content-Type"] = JSON_CONTENT_TYPE
        if cached is not None:
            if cached.etag:
                headers["If-None-Match"] = cached.etag
            if cached.last_modified:
                headers["If-Modified-Since"] = cached.last_modified
        if self.pacer is not None:
            self.pacer.acquire()
        self.stats.requests += 1
        try:
            response = self.session.request(
                method, url, data=data, headers=headers, timeout=self.timeout,
                allow_redirects=method == "GET", **self._env_for(url),
            )
        except requests.RequestException as exc:
            self.stats.errors += 1
            sent = method != "GET" and not _never_sent(exc)
            raise ConnectionFailed(
                None, url, f"{type(exc).__name__}: {exc}", method=method,
                outcome_unknown=sent, secrets=self.secrets(),
            ) from None  # the chained exception could carry request headers
        log.info("basecamp: %s %s -> %s", method, safe_url(url), response.status_code)
        return response

    def _handle(self, method: str, url: str, response: requests.Response) -> Reply:
        status = response.status_code
        if 200 <= status < 300:
            self.stats.ok += 1
            text = response.text if response.content else ""
            link = response.headers.get("Link")
            total = parse_total_count(response.headers.get("X-Total-Count"))
            etag = response.headers.get("ETag")
            modified = response.headers.get("Last-Modified")
            if method == "GET" and self.cache is not None and (etag or modified):
                self.cache.put(url, CachedResponse(text, etag, modified, link, total))
            return Reply(status, self._parse_json(text, url, method), parse_next_link(link), total)
        self.stats.errors += 1
        err = error_from_response(
            status, response.content, response.headers, url, method=method,
            secrets=self.secrets(),
        )
        if isinstance(err, RateLimited) and (err.retry_after or 0) > self.max_retry_after:
            err.retryable = False  # a long ban: end this cycle rather than hang the worker
        raise err

    def _parse_json(self, text: str, url: str, method: str) -> Any:
        if not text.strip():
            return None
        try:
            return json.loads(text)
        except ValueError:
            raise BasecampError(
                None, url, "Basecamp sent a reply that is not JSON", method=method,
                secrets=self.secrets(),
            ) from None

    def _refreshed(
        self, url: str, cached: CachedResponse, response: requests.Response
    ) -> CachedResponse:
        """A 304 may carry newer paging headers (the total can change off this page)."""
        link = response.headers.get("Link", cached.link)
        total = parse_total_count(response.headers.get("X-Total-Count"))
        total = cached.total_count if total is None else total
        if (link, total) == (cached.link, cached.total_count):
            return cached
        fresh = CachedResponse(cached.body, cached.etag, cached.last_modified, link, total)
        if self.cache is not None:
            self.cache.put(url, fresh)
        return fresh

    def _reply_from_cache(self, cached: CachedResponse) -> Reply:
        return Reply(
            200, json.loads(cached.body) if cached.body.strip() else None,
            parse_next_link(cached.link), cached.total_count, from_cache=True,
        )

    def _auth_error(
        self, response: requests.Response, url: str, method: str, why: str
    ) -> AuthError:
        self.stats.errors += 1
        err = error_from_response(401, response.content, response.headers, url, method=method)
        detail = f"Basecamp rejected the access token {why}"
        if err.message:
            detail += f" (Basecamp said: {err.message})"
        return AuthError(401, url, detail, method=method, secrets=self.secrets())

    # -- OAuth refresh -------------------------------------------------------------------

    def refresh(self) -> None:
        """Swap the refresh token for a new access token and hand both to on_tokens."""
        if not self.can_refresh:
            raise AuthError(None, self.launchpad_url, "no refresh token or client credentials")
        url = f"{self.launchpad_url}/authorization/token"
        form = {
            "type": "refresh",  # legacy name, still accepted
            "grant_type": "refresh_token",
            "refresh_token": self._refresh_token,
            "client_id": self._client_id,
            "client_secret": self._client_secret,
        }
        self.stats.requests += 1
        self.stats.refreshes += 1
        try:
            response = self.session.post(
                url, data=form, timeout=self.timeout,
                headers={"User-Agent": self.user_agent, "Accept": "application/json"},
                **self._env_for(url),
            )
        except requests.RequestException as exc:
            raise AuthError(
                None, url, f"could not reach Launchpad to refresh the token: {type(exc).__name__}",
                method="POST", secrets=self.secrets(),
            ) from None
        if not 200 <= response.status_code < 300:
            err = error_from_response(
                response.status_code, response.content, response.headers, url,
                method="POST", secrets=self.secrets(),
            )
            raise AuthError(
                response.status_code, url,
                f"Launchpad refused to refresh the access token ({err.message or 'no reason'}); "
                "run `loti-bot auth` to authorise the bot again",
                method="POST", secrets=self.secrets(),
            )
        try:
            grant = TokenGrant.model_validate(response.json())
        except ValueError:
            raise AuthError(
                response.status_code, url, "Launchpad's token reply had no access token",
                method="POST", secrets=self.secrets(),
            ) from None
        self._old_secrets.update(s for s in (self._access_token, self._refresh_token) if s)
        self._access_token = grant.access_token
        if grant.refresh_token:
            self._refresh_token = grant.refresh_token
        log.info("basecamp: access token refreshed")
        if self.on_tokens is not None:
            self.on_tokens(self._access_token, self._refresh_token)


def _never_sent(exc: requests.RequestException) -> bool:
    """True when the request certainly never reached Basecamp (safe to send again)."""
    if isinstance(exc, requests.ConnectTimeout):
        return True
    text = repr(exc)
    return "NewConnectionError" in text or "NameResolutionError" in text

