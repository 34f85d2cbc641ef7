"""`Sandbox`: a Basecamp-compatible server on loopback, driven from Python or /__sandbox."""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from bot.sandbox import api
from bot.sandbox.clock import SandboxClock
from bot.sandbox.faults import Faults
from bot.sandbox.limiter import SlidingWindowLimiter
from bot.sandbox.server import Request, make_server, serve
from bot.sandbox.state import DEFAULT_TOOLS, State
from bot.sandbox.views import SYSTEM_ACTORS, Views

BOT_NAME = "LOTI Network Bot"
BOT_EMAIL = "network-bot@loti.london"


class LoggedRequest(NamedTuple):
    """One API or Launchpad request (status 0: the connection was dropped)."""

    method: str
    path: str
    status: int


class Sandbox:
    """A stateful, threaded Basecamp stand-in for tests and the demo."""

    def __init__(self, state_file: str | Path | None = None, validate_requests: bool = False,
                 *, validate_responses: bool = False, host: str = "127.0.0.1", port: int = 0,
                 account_id: int = 1000001, start_time: datetime | None = None, seed: int = 0,
                 bot_admin: bool = False,
                 limiter_clock: Callable[[], float] = time.monotonic) -> None:
        self.lock = threading.RLock()
        self.state_file = Path(state_file) if state_file else None
        self.validate_requests = validate_requests
        self.validate_responses = validate_responses  # its own answers, against the spec
        self.writes: list[tuple[str, str, bytes]] = []  # (method, path, body) of API writes
        self.clock = SandboxClock(start_time)
        self.faults = Faults(seed=seed)
        self.limiter = SlidingWindowLimiter(clock=limiter_clock)  # monotonic seconds
        self.request_log: list[LoggedRequest] = []
        self.violations: list[str] = []
        self.client_id = "sandbox-client-id"
        self.client_secret = "sandbox-client-secret"
        if self.state_file and self.state_file.exists():
            self.state = State.load(self.state_file)
        else:
            self.state = State(account_id)
            me = self.state.add_person(BOT_NAME, BOT_EMAIL, self.clock.iso(), company="LOTI",
                                       title="Network organiser (bot)", admin=bot_admin)
            self.state.bot_person_id = me["id"]
        self._server = make_server(self, host, port)
        host, port = self._server.server_address[:2]
        self.api_url = f"http://{host}:{port}"
        self.launchpad_url = f"{self.api_url}/launchpad"
        self.views = Views(self.state, self.api_url)
        self._thread: threading.Thread | None = None

    # --- lifecycle --------------------------------------------------------------------
    def start(self) -> Sandbox:
        """Serve in a background thread; returns self."""
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and save the state file."""
        if self._thread:
            self._server.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._server.server_close()
        self.save()

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def serve(self, req: Request) -> None:
        """Handle one HTTP request (called by the server threads)."""
        serve(self, req)

    def save(self) -> None:
        """Write the state file, if there is one."""
        if self.state_file:
            with self.lock:
                self.state.save(self.state_file)

    # --- identity and auth ------------------------------------------------------------
    @property
    def account_id(self) -> int:
        return self.state.account_id

    @property
    def token(self) -> str:
        """The current access token (owned by the bot person)."""
        return self.state.auth["access_token"]

    @property
    def refresh_token(self) -> str:
        return self.state.auth["refresh_token"]

    @property
    def bot_person(self) -> dict:
        """The bot's own person, as /my/profile.json shows it."""
        with self.lock:
            return self.views.person(self.state.bot_person_id)

    def token_valid(self, token: str) -> bool:
        """True for the current, unexpired access token."""
        auth = self.state.auth
        return bool(token) and secrets.compare_digest(token, auth["access_token"]) \
            and not auth["expired"]

    def expire_token(self) -> None:
        """Make the current access token expire (401 until refreshed)."""
        with self.lock:
            self.state.auth["expired"] = True
            self.save()

    def issue_token(self) -> str:
        """A new access token; the old one stops working."""
        with self.lock:
            self.state.auth.update(access_token=secrets.token_urlsafe(24), expired=False)
            return self.state.auth["access_token"]

    def rate_limit(self, requests: int = 50, per_seconds: float = 10.0,
                   enabled: bool = True) -> None:
        """Set the per-client limit (on by default: 50 per 10 s); enabled=False turns it off."""
        self.limiter.configure(requests, per_seconds, enabled)

    def set_project_limit(self, limit: int | None) -> None:
        """Answer 507 once this many projects and templates are active (None: no limit)."""
        with self.lock:
            self.state.project_limit = limit

    def info(self) -> dict:
        """Connection details for the demo."""
        return {"api_url": self.api_url, "launchpad_url": self.launchpad_url,
                "account_id": self.account_id, "access_token": self.token,
                "refresh_token": self.refresh_token, "client_id": self.client_id,
                "client_secret": self.client_secret, "bot_person_id": self.state.bot_person_id}

    # --- logs ---------------------------------------------------------------------------
    def log(self, method: str, path: str, status: int) -> None:
        """Record one API request."""
        self.request_log.append(LoggedRequest(method, path, status))

    def log_write(self, method: str, path: str, body: bytes) -> None:
        """Keep a write's body (tests check what the bot sent, e.g. verbatim times)."""
        with self.lock:
            self.writes.append((method, path, body))

    def sent(self, method: str, fragment: str) -> list[Any]:
        """JSON bodies of the API writes whose path contains `fragment`, oldest first."""
        with self.lock:
            return [json.loads(body) for m, path, body in self.writes
                    if m == method and fragment in path]

    def check_response(self, method: str, path: str, status: int, body: Any) -> None:
        """Validate one of the sandbox's own answers; problems go to `violations`."""
        from bot.sandbox.spec import load_spec

        if status in (0, 304) or not path.startswith(f"/{self.account_id}/"):
            return
        problems = load_spec().validate_response(method, path, status, body)
        if status in (404, 429):  # Basecamp answers these anywhere (API-NOTES §7); the spec
            problems = [p for p in problems if "status not declared" not in p]  # lists fewer
        with self.lock:
            self.violations.extend(problems)

    def check_request(self, method: str, path: str, query: dict, body: Any) -> None:
        """Validate a request against the OpenAPI spec; record problems, never fail it."""
        from bot.sandbox.spec import SPEC_ENV, default_spec_path, load_spec

        try:
            spec = load_spec()
        except OSError:
            problems = [f"cannot validate: no OpenAPI spec at {default_spec_path()} "
                        f"(set {SPEC_ENV})"]
        else:
            problems = spec.validate_request(method, path, query, body)
        with self.lock:
            self.violations.extend(problems)

    # --- seeding and member actions -----------------------------------------------------
    def _write(self, fn, *args, **kwargs) -> Any:
        with self.lock:
            result = fn(*args, **kwargs)
            self.save()
            return result

    def add_person(self, name: str, email: str, company: str | None = None,
                   title: str | None = None) -> dict:
        """Add a person to the account."""
        def run() -> dict:
            person = self.state.add_person(name, email, self.clock.iso(), company, title)
            return self.views.person(person["id"])
        return self._write(run)

    def add_project(self, name: str, tools=DEFAULT_TOOLS, description: str | None = None,
                    people: list[int] = (), bot: bool = True) -> dict:
        """Add a project with these dock tools enabled and these people on it.

        bot=False: staff made it and forgot to add the bot, which then gets 404 for it.
        """
        def run() -> dict:
            on = [self.state.bot_person_id] if bot else []
            project = self.state.add_project(name, self.clock.iso(), description, tools,
                                             people=on + [p for p in people if p not in on])
            return self.views.project(project["id"])
        return self._write(run)

    def add_template(self, name: str, tools=DEFAULT_TOOLS) -> dict:
        """Add a project template."""
        def run() -> dict:
            return self.views.template(self.state.add_template(name, self.clock.iso(),
                                                               tools=tools)["id"])
        return self._write(run)

    def grant(self, project_id: int, person_ids: list[int]) -> None:
        """Put people on a project."""
        def run() -> None:
            people = self.state.projects[project_id]["people"]
            people += [p for p in person_ids if p not in people]
        self._write(run)

    def revoke(self, project_id: int, person_ids: list[int]) -> None:
        """Take people off a project (the bot too: it then gets 404 for the project)."""
        def run() -> None:
            project = self.state.projects[project_id]
            project["people"] = [p for p in project["people"] if p not in person_ids]
        self._write(run)

    def post_message(self, person_id: int, board_id: int, subject: str,
                     content: str = "") -> dict:
        """Post a message on a board as a person."""
        def run() -> dict:
            board = self.state.recordings[board_id]
            message = self.state.add_recording("Message", board["bucket_id"], board_id,
                                               person_id, self.clock.iso(), subject=subject,
                                               content=self.views.rich_text(content))
            return self.views.recording(message)
        return self._write(run)

    def post_comment(self, person_id: int | str, recording_id: int, html: str) -> dict:
        """Reply to a recording as a person, or as a system actor ("basecamp", "campfire").

        The HTML is stored as Basecamp would store it (allowed tags, mentions expanded).
        """
        def run() -> dict:
            if person_id not in SYSTEM_ACTORS:
                self.state.people[person_id]
            parent = self.state.recordings[recording_id]
            comment = api.add_comment(self.state, parent, person_id,
                                      self.views.rich_text(html), self.clock.iso())
            return self.views.recording(comment)
        return self._write(run)

    def _comment(self, comment_id: int) -> dict:
        comment = self.state.recordings[comment_id]
        if comment["type"] != "Comment":
            raise KeyError(comment_id)
        return comment

    def edit_comment(self, comment_id: int, html: str) -> dict:
        """Edit a comment (bumps its updated_at)."""
        def run() -> dict:
            comment = self._comment(comment_id)
            comment.update(content=self.views.rich_text(html), updated_at=self.clock.iso())
            return self.views.recording(comment)
        return self._write(run)

    def trash_comment(self, comment_id: int) -> None:
        """Trash a comment (bumps its updated_at)."""
        def run() -> None:
            comment = self._comment(comment_id)
            comment.update(status="trashed", updated_at=self.clock.iso())
            self.state.add_event(comment_id, "trashed", comment["creator_id"], self.clock.iso())
        self._write(run)

    def boost(self, person_id: int, recording_id: int, content: str) -> dict:
        """Boost a recording as a person (its updated_at is unchanged)."""
        def run() -> dict:
            self.state.people[person_id]
            self.state.recordings[recording_id]
            boost = self.state.add_boost(recording_id, person_id, content, self.clock.iso())
            return self.views.boost(boost["id"])
        return self._write(run)

    def unboost(self, boost_id: int) -> None:
        """Remove a boost."""
        self._write(lambda: self.state.boosts.pop(boost_id))

    def get(self, recording_id: int) -> dict:
        """A recording as the API would show it (for assertions)."""
        with self.lock:
            return self.views.recording(self.state.recordings[recording_id])

    def recordings(self, rtype: str, **match: Any) -> list[dict]:
        """Rendered recordings of a type whose internal fields equal `match`."""
        with self.lock:
            return [self.views.recording(r) for r in self.state.recordings.values()
                    if r["type"] == rtype and all(r.get(k) == v for k, v in match.items())]
