"""BasecampClient: small typed methods over the Basecamp 4 API (and Launchpad)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any, TypeVar
from urllib.parse import urlencode

import requests
from pydantic import BaseModel

from bot.basecamp.attachments import AttachmentsMixin
from bot.basecamp.cache import ConditionalCache, MemoryCache
from bot.basecamp.errors import BasecampError, ConstructionFailed
from bot.basecamp.models import (
    AccessChange,
    Authorization,
    Comment,
    Construction,
    Event,
    Message,
    MessageBoard,
    NewPerson,
    Person,
    Project,
    Template,
)
from bot.basecamp.pacing import default_pacer
from bot.basecamp.paging import Page, Paged
from bot.basecamp.tools import ToolsMixin, check_choice
from bot.basecamp.transport import ClientStats, Reply, Transport

M = TypeVar("M", bound=BaseModel)

RECORDING_TYPES = frozenset({
    "Comment", "Document", "Door", "Kanban::Card", "Kanban::Step", "Message",
    "Question::Answer", "Schedule::Entry", "Todo", "Todolist", "Upload", "Vault",
})
_CONSTRUCTION_PENDING = {"pending"}  # anything but pending or completed is a failure


class BasecampClient(ToolsMixin, AttachmentsMixin):
    """The bot's only door to Basecamp; every list is a lazy Link-following iterator."""

    def __init__(
        self,
        account_id: int,
        access_token: str,
        user_agent: str,
        api_url: str = "https://3.basecampapi.com",
        launchpad_url: str = "https://launchpad.37signals.com",
        refresh_token: str | None = None,
        client_id: str | None = None,
        client_secret: str | None = None,
        on_tokens: Callable[[str, str | None], None] | None = None,
        cache: ConditionalCache | None = None,
        pacer: Any = None,
        timeout: float = 30.0,
        max_retries: int = 4,
        backoff_base: float = 1.0,
        backoff_max: float = 30.0,
        *,
        max_retry_after: float = 600.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        session: requests.Session | None = None,
    ) -> None:
        if int(account_id) <= 0:
            raise ValueError("basecamp_account_id must be a positive number")
        self.account_id = int(account_id)
        self.api_url = api_url.rstrip("/")
        self.base_url = f"{self.api_url}/{self.account_id}"
        self.launchpad_url = launchpad_url.rstrip("/")
        self._sleep = sleep
        self._clock = clock
        self.last_total_count: int | None = None
        self.http = Transport(
            access_token, user_agent, launchpad_url=self.launchpad_url,
            refresh_token=refresh_token, client_id=client_id, client_secret=client_secret,
            on_tokens=on_tokens,
            cache=cache if cache is not None else MemoryCache(),
            pacer=pacer if pacer is not None else default_pacer(clock=clock, sleep=sleep),
            timeout=timeout, max_retries=max_retries, backoff_base=backoff_base,
            backoff_max=backoff_max, max_retry_after=max_retry_after, sleep=sleep,
            session=session,
        )

    def __repr__(self) -> str:
        return f"BasecampClient(account_id={self.account_id}, api_url={self.api_url!r})"

    # -- plumbing ------------------------------------------------------------------------

    @property
    def request_count(self) -> int:
        """Total HTTP requests sent (retries and token refreshes included)."""
        return self.http.stats.requests

    @property
    def stats(self) -> ClientStats:
        """Request counters: ok, not_modified (304), errors, retries, refreshes."""
        return self.http.stats

    def url(self, path: str, **params: Any) -> str:
        """Absolute account URL for a path like "projects/1.json" plus non-None params."""
        query = {k: v for k, v in params.items() if v is not None}
        url = f"{self.base_url}/{path.lstrip('/')}"
        return f"{url}?{urlencode(query, safe=',')}" if query else url

    def get_json(self, url: str) -> Any:
        """GET any Basecamp URL (e.g. a resource's `url` field) and return its JSON."""
        return self.http.request("GET", url).data

    def _get(self, model: type[M], path: str, **params: Any) -> M:
        return model.model_validate(self.http.request("GET", self.url(path, **params)).data)

    def _list(self, model: type[M], path: str, **params: Any) -> Paged[M]:
        return Paged(self.url(path, **params), self._page, model.model_validate, self._on_total)

    def _page(self, url: str) -> Page:
        reply = self.http.request("GET", url)
        if not isinstance(reply.data, list):
            raise BasecampError(None, url, "expected a list from Basecamp but got something else")
        return Page(reply.data, reply.next_url, reply.total_count, reply.from_cache)

    def _on_total(self, total: int | None) -> None:
        self.last_total_count = total

    def _write(self, method: str, path: str, body: Any = None) -> Reply:
        return self.http.request(method, self.url(path), body)

    def _create(self, model: type[M], path: str, body: Any, method: str = "POST") -> M:
        data = self._write(method, path, body).data
        if data is None and method == "PUT":  # some updates answer 204: read the result back
            return self._get(model, path)
        return model.model_validate(data)

    # -- identity and people -------------------------------------------------------------

    def authorization(self) -> Authorization:
        """Launchpad's view of the token: identity, expiry and accounts."""
        reply = self.http.request("GET", f"{self.launchpad_url}/authorization.json")
        return Authorization.model_validate(reply.data)

    def my_profile(self) -> Person:
        """The bot's own Basecamp person."""
        return self._get(Person, "my/profile.json")

    def people(self) -> Paged[Person]:
        """Everyone the bot can see."""
        return self._list(Person, "people.json")

    def person(self, person_id: int) -> Person:
        """One person."""
        return self._get(Person, f"people/{int(person_id)}.json")

    def project_people(self, project_id: int) -> Paged[Person]:
        """Active people on one project."""
        return self._list(Person, f"projects/{int(project_id)}/people.json")

    def update_project_access(
        self,
        project_id: int,
        grant: Iterable[int] = (),
        revoke: Iterable[int] = (),
        create: Iterable[NewPerson | dict] = (),
    ) -> AccessChange:
        """Grant, revoke or invite people to a project."""
        body: dict[str, Any] = {}
        if grant := [int(i) for i in grant]:
            body["grant"] = grant
        if revoke := [int(i) for i in revoke]:
            body["revoke"] = revoke
        new = [NewPerson.model_validate(p).model_dump(exclude_none=True) for p in create]
        if new:
            body["create"] = new
        if not body:
            raise ValueError("update_project_access needs at least one of grant, revoke, create")
        path = f"projects/{int(project_id)}/people/users.json"
        return self._create(AccessChange, path, body, method="PUT")

    # -- projects, templates, constructions ----------------------------------------------

    def projects(self, status: str | None = None) -> Paged[Project]:
        """Active projects (or archived/trashed ones)."""
        check_choice("status", status, {"archived", "trashed"})
        return self._list(Project, "projects.json", status=status)

    def project(self, project_id: int) -> Project:
        """One project with its dock."""
        return self._get(Project, f"projects/{int(project_id)}.json")

    def create_project(self, name: str, description: str | None = None) -> Project:
        """Create an empty project (507 LimitReached when the plan is full)."""
        body = {"name": name, **({"description": description} if description else {})}
        return self._create(Project, "projects.json", body)

    def templates(self, status: str | None = None) -> Paged[Template]:
        """Project templates."""
        check_choice("status", status, {"archived", "trashed"})
        return self._list(Template, "templates.json", status=status)

    def template(self, template_id: int) -> Template:
        """One template with its dock."""
        return self._get(Template, f"templates/{int(template_id)}.json")

    def create_project_construction(
        self, template_id: int, name: str, description: str | None = None
    ) -> Construction:
        """Start building a project from a template (poll with wait_for_construction)."""
        project = {"name": name, **({"description": description} if description else {})}
        path = f"templates/{int(template_id)}/project_constructions.json"
        return self._create(Construction, path, {"project": project})

    def project_construction(self, template_id: int, construction_id: int) -> Construction:
        """The construction's current status."""
        path = f"templates/{int(template_id)}/project_constructions/{int(construction_id)}.json"
        return self._get(Construction, path)

    def wait_for_construction(
        self, template_id: int, construction_id: int, poll_seconds: float = 1.0,
        timeout: float = 120,
    ) -> Project:
        """Poll (at most once per poll_seconds) until the project is built; return it."""
        deadline = self._clock() + timeout
        while True:
            construction = self.project_construction(template_id, construction_id)
            if construction.status == "completed":
                if construction.project is None:
                    raise ConstructionFailed(
                        None, construction.url or "", "completed without a project"
                    )
                return construction.project
            if construction.status not in _CONSTRUCTION_PENDING:
                raise ConstructionFailed(
                    None, construction.url or "", f"status is {construction.status!r}"
                )
            if self._clock() + poll_seconds > deadline:
                raise ConstructionFailed(
                    None, construction.url or "", f"still pending after {timeout:g} s",
                    outcome_unknown=True,
                )
            self._sleep(poll_seconds)

    # -- message boards, messages, comments ----------------------------------------------

    def message_board(self, board_id: int) -> MessageBoard:
        """A message board."""
        return self._get(MessageBoard, f"message_boards/{int(board_id)}.json")

    def messages(
        self, board_id: int, sort: str | None = None, direction: str | None = None
    ) -> Paged[Message]:
        """Active messages on a board."""
        check_choice("sort", sort, {"created_at", "updated_at"})
        check_choice("direction", direction, {"asc", "desc"})
        path = f"message_boards/{int(board_id)}/messages.json"
        return self._list(Message, path, sort=sort, direction=direction)

    def message(self, message_id: int) -> Message:
        """One message."""
        return self._get(Message, f"messages/{int(message_id)}.json")

    def create_message(
        self, board_id: int, subject: str, content: str | None = None,
        subscriptions: Iterable[int] | None = None, category_id: int | None = None,
    ) -> Message:
        """Publish a message; without subscriptions everyone on the project is notified."""
        body: dict[str, Any] = {"subject": subject, "status": "active"}
        if content is not None:
            body["content"] = content
        if subscriptions is not None:
            body["subscriptions"] = [int(i) for i in subscriptions]
        if category_id is not None:
            body["category_id"] = int(category_id)
        return self._create(Message, f"message_boards/{int(board_id)}/messages.json", body)

    def update_message(
        self, message_id: int, subject: str | None = None, content: str | None = None
    ) -> Message:
        """Change a message's subject and/or content."""
        body = {k: v for k, v in {"subject": subject, "content": content}.items() if v is not None}
        if not body:
            raise ValueError("update_message needs a subject or content")
        return self._create(Message, f"messages/{int(message_id)}.json", body, method="PUT")

    def comments(self, recording_id: int) -> Paged[Comment]:
        """Active comments on a recording."""
        return self._list(Comment, f"recordings/{int(recording_id)}/comments.json")

    def comment(self, comment_id: int) -> Comment:
        """One comment."""
        return self._get(Comment, f"comments/{int(comment_id)}.json")

    def create_comment(self, recording_id: int, content: str) -> Comment:
        """Comment on a recording; subscribers are notified."""
        path = f"recordings/{int(recording_id)}/comments.json"
        return self._create(Comment, path, {"content": content})

    def update_comment(self, comment_id: int, content: str) -> Comment:
        """Replace a comment's content."""
        path = f"comments/{int(comment_id)}.json"
        return self._create(Comment, path, {"content": content}, method="PUT")

    def recordings(
        self, type: str, bucket: int | Iterable[int] | None = None, status: str | None = None,
        sort: str | None = None, direction: str | None = None,
    ) -> Paged[dict]:
        """Recordings of one type across projects (dicts; validate with the matching model)."""
        check_choice("type", type, RECORDING_TYPES)
        check_choice("status", status, {"active", "archived", "trashed"})
        check_choice("sort", sort, {"created_at", "updated_at"})
        check_choice("direction", direction, {"asc", "desc"})
        if bucket is not None and not isinstance(bucket, int):
            bucket = ",".join(str(int(b)) for b in bucket) or None
        url = self.url("projects/recordings.json", type=type, bucket=bucket, status=status,
                       sort=sort, direction=direction)
        return Paged(url, self._page, dict, self._on_total)

    def comment_recordings(
        self, bucket: int | Iterable[int] | None = None, status: str | None = None,
        sort: str | None = None, direction: str | None = None,
    ) -> Paged[Comment]:
        """recordings(type="Comment", ...) parsed as Comment models."""
        first = self.recordings("Comment", bucket, status, sort, direction).first_url
        return Paged(first, self._page, Comment.model_validate, self._on_total)

    def events(self, recording_id: int) -> Paged[Event]:
        """A recording's change history."""
        return self._list(Event, f"recordings/{int(recording_id)}/events.json")

    def trash_recording(self, recording_id: int) -> None:
        """Move a recording (message, comment, entry...) to the trash."""
        self._write("PUT", f"recordings/{int(recording_id)}/status/trashed.json")
