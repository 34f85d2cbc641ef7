"""Outbox: every Basecamp write, exactly once.

Each write has a deterministic key naming the business fact ("ack:comment:123"). The key is
recorded `pending` and committed before the request, and `done` with the new item's id after
it. When the outcome is unknown (dropped connection, timeout, a 5xx that may have committed),
the outbox looks in Basecamp for the item the bot itself created and records that instead of
writing again.

Errors::

    OutboxError
     ├── WriteOutcomeUnknown   the request may have committed and the item was not found yet;
     │                         the record stays pending and the next attempt finds-then-writes
     ├── WriteFailed           Basecamp definitely rejected it; the record is `failed` and is
     │                         not retried until `Outbox.reset(key)`
     └── AccessLost            Basecamp refused the bot itself (401, 403, or 404: how it answers
                               once the bot is removed from a project), or this worker lost its
                               lease; nothing was applied, the record stays pending and the
                               write is tried again once access is back (never "given up")
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot.basecamp.errors import AuthError, BasecampError, Forbidden, NotFound, RateLimited
from bot.outbox_dry_run import PlannedWrite
from bot.outbox_dry_run import describe as describe_write
from bot.outbox_find import Finders
from bot.store.outbox_tables import outbox as outbox_table

logger = logging.getLogger(__name__)

# Basecamp's clock and ours disagree a little; look this far before the pending record.
DEFAULT_FIND_SLACK = timedelta(minutes=10)
# How long a project construction whose reply was lost may take to show up by name.
CONSTRUCTION_GRACE = timedelta(minutes=15)
# A write whose answer was lost may still commit a little later (Basecamp's queues): give it
# this long to appear before deciding it never landed and sending it again.
UNSURE_GRACE = timedelta(seconds=90)
# Errors that say the bot lost access, not that the write was wrong; old rows marked `failed`
# with one of these (before access loss was told apart) are tried again.
_ACCESS_ERRORS = ("AuthError", "Forbidden", "NotFound", "AccountInactive", "AccessLost")


class OutboxError(Exception):
    """Base for outbox failures; carries the key and kind."""

    def __init__(self, key: str, kind: str, message: str):
        self.key = key
        self.kind = kind
        super().__init__(f"{kind} {key}: {message}")


class WriteOutcomeUnknown(OutboxError):
    """The write may have reached Basecamp; the next attempt will look before writing."""


class WriteFailed(OutboxError):
    """Basecamp rejected the write (or did before); nothing is retried blindly."""


class AccessLost(OutboxError):
    """The bot may not write now (token refused, removed from a project, lease lost).

    Nothing was applied; the record stays pending and the write is retried next time.
    `status` is the HTTP status that said so (None when the lease was lost)."""

    def __init__(self, key: str, kind: str, message: str, status: int | None = None):
        self.status = status
        super().__init__(key, kind, message)


def _access_refused(err: BaseException) -> bool:
    # 401 (token), 403 (permission), 404 (removed from the project, or account inactive).
    return isinstance(err, AuthError | Forbidden | NotFound)


@dataclass(frozen=True)
class OutboxRecord:
    """One row of the outbox; `id`/`url`/`app_url` stand in for the created item."""

    key: str
    kind: str
    status: str
    target_id: int | None
    basecamp_id: int | None
    url: str | None
    app_url: str | None
    payload_digest: str | None
    attempts: int
    error: str | None
    created_at: datetime
    updated_at: datetime
    unsure_since: datetime | None = None  # (wall clock) when a write went out unanswered

    @property
    def id(self) -> int | None:
        """The Basecamp id of the created item (None for updates)."""
        return self.basecamp_id


@dataclass
class _Write:
    key: str
    kind: str
    target_id: int | None
    where: str
    payload: dict[str, Any]
    send: Callable[[], Any]
    # find(since, claimed_ids) -> the bot's own item, or None. None for idempotent updates.
    find: Callable[[datetime, set[int]], Any] | None = None
    # Updates are re-sent when their payload changes, and simply retried when unsure.
    idempotent: bool = False
    # stale(since, claimed): remove what an unsure earlier attempt with OTHER content may have
    # created under this key (a boost whose label changed meanwhile), before writing anew.
    stale: Callable[[datetime, set[int]], None] | None = None

    @property
    def digest(self) -> str:
        raw = json.dumps(self.payload, sort_keys=True, default=str)
        return hashlib.sha256(raw.encode()).hexdigest()


def _utc(value: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything we store is UTC.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _error_text(err: BaseException) -> str:
    # BasecampError messages never hold tokens; still keep stored errors short.
    text = f"{type(err).__name__}: {err}"
    return text[:500]


class Outbox:
    """Every Basecamp write goes through here, keyed, recorded and never sent twice."""

    def __init__(
        self,
        store: Any,
        client: Any,
        me: Any,
        clock: Callable[[], datetime],
        dry_run: bool = False,
        log: logging.Logger | None = None,
        find_slack: timedelta = DEFAULT_FIND_SLACK,
        *,
        wall_clock: Callable[[], datetime] | None = None,
        unsure_grace: timedelta = UNSURE_GRACE,
        may_write: Callable[[], bool] | None = None,
    ):
        self.store = store
        self.client = client
        self.me = me
        self.clock = clock
        self.dry_run = dry_run
        self.log = log or logger
        self.find_slack = find_slack
        # The grace for unsure writes runs on real time, even when `clock` is frozen (tick --now).
        self.wall_clock = wall_clock or (lambda: datetime.now(UTC))
        self.unsure_grace = unsure_grace
        # The worker's lease: a worker that lost it must not write (another one acts now).
        self.may_write = may_write or (lambda: True)
        self.finders = Finders(client, me.id)
        self.planned: list[PlannedWrite] = []  # a dry run's writes, in order

    # ---- records -------------------------------------------------------------------------

    def record(self, key: str) -> OutboxRecord | None:
        """The outbox row for `key`, whatever its status."""
        with self.store.transaction() as conn:
            row = conn.execute(select(outbox_table).where(outbox_table.c.key == key)).first()
        if row is None:
            return None
        data = row._asdict()
        data["created_at"] = _utc(data["created_at"])
        data["updated_at"] = _utc(data["updated_at"])
        return OutboxRecord(**data)

    def done(self, key: str) -> OutboxRecord | None:
        """The record if `key` was already posted, else None."""
        rec = self.record(key)
        return rec if rec is not None and rec.status == "done" else None

    def reset(self, key: str) -> bool:
        """Forget a failed key so the next call writes again; True if one was reset."""
        with self.store.transaction() as conn:
            result = conn.execute(
                outbox_table.delete().where(
                    (outbox_table.c.key == key) & (outbox_table.c.status == "failed")
                )
            )
        return result.rowcount > 0

    # ---- creates ---------------------------------------------------------------------------

    def create_message(
        self,
        key: str,
        board_id: int,
        subject: str,
        content: str | None,
        subscriptions: list[int] | None = None,
        category_id: int | None = None,
    ) -> Any:
        """Post a message to a message board."""
        return self._run(_Write(
            key, "message", board_id, f"on board {board_id}",
            {"subject": subject, "content": content, "subscriptions": subscriptions},
            send=lambda: self.client.create_message(
                board_id, subject, content, subscriptions=subscriptions, category_id=category_id
            ),
            find=lambda since, claimed: self.finders.message(board_id, subject, since, claimed),
        ))

    def create_comment(self, key: str, recording_id: int, content: str) -> Any:
        """Comment on a recording (message, schedule entry, ...)."""
        return self._run(_Write(
            key, "comment", recording_id, f"on recording {recording_id}",
            {"content": content},
            send=lambda: self.client.create_comment(recording_id, content),
            find=lambda since, claimed: self.finders.comment(
                recording_id, content, since, claimed
            ),
        ))

    def create_attachment(self, key: str, name: str, data: bytes, content_type: str) -> Any:
        """Upload a file to embed (e.g. a chart); the result carries its `attachable_sgid`.

        An upload is invisible until a post embeds it, and Basecamp has no list to find it
        in, so an unsure upload is simply sent again (no `find`).
        """
        return self._run(_Write(
            key, "attachment", None, "in the account",
            {"name": name, "sha256": hashlib.sha256(data).hexdigest()},
            send=lambda: self.client.create_attachment(name, data, content_type),
        ))

    def create_boost(self, key: str, recording_id: int, content: str) -> Any:
        """Boost a recording (a small reaction, e.g. on a member's reply)."""
        def stale(since: datetime, claimed: set[int]) -> None:
            for b in list(self.client.boosts(recording_id)):
                if self.finders._mine(b, since, claimed, who="booster"):
                    self.client.delete_boost(b.id)
                    self.log.info("outbox: removed boost %s %s left by an unsure attempt "
                                  "with an older label", key, b.id)

        return self._run(_Write(
            key, "boost", recording_id, f"on recording {recording_id}",
            {"content": content},
            send=lambda: self.client.create_boost(recording_id, content),
            find=lambda since, claimed: self.finders.boost(recording_id, content, since, claimed),
            stale=stale,
        ))

    def create_schedule_entry(
        self,
        key: str,
        schedule_id: int,
        summary: str,
        starts_at: datetime | str,
        ends_at: datetime | str,
        description: str | None = None,
        participant_ids: list[int] | None = None,
        notify: bool = False,
        all_day: bool = False,
    ) -> Any:
        """Add an entry to a project's schedule."""
        return self._run(_Write(
            key, "schedule_entry", schedule_id, f"on schedule {schedule_id}",
            {"summary": summary, "starts_at": starts_at, "ends_at": ends_at},
            send=lambda: self.client.create_schedule_entry(
                schedule_id, summary, starts_at, ends_at, description=description,
                participant_ids=participant_ids, all_day=all_day, notify=notify,
            ),
            find=lambda since, claimed: self.finders.schedule_entry(
                schedule_id, summary, starts_at, since, claimed
            ),
        ))

    def create_project(self, key: str, name: str, description: str | None = None) -> Any:
        """Create an empty project."""
        return self._run(_Write(
            key, "project", None, "in the account", {"name": name, "description": description},
            send=lambda: self.client.create_project(name, description=description),
            find=lambda since, claimed: self.finders.project(name, since, claimed),
        ))

    def construct_project(
        self, key: str, template_id: int, name: str, description: str | None = None
    ) -> Any:
        """Create a project from a template and wait until Basecamp has built it."""

        def send() -> Any:
            construction = self.client.create_project_construction(
                template_id, name, description=description
            )
            # Remember the construction so a later attempt waits for it, not a second one.
            self._update(key, basecamp_id=construction.id, url=construction.url)
            return self.client.wait_for_construction(template_id, construction.id)

        def find(since: datetime, claimed: set[int]) -> Any:
            found = self.finders.project(name, since, claimed)
            rec = self.record(key)
            if found is not None or rec is None:
                return found
            if rec.basecamp_id is None:
                # The reply that named our construction was lost: Basecamp offers no way to
                # list constructions, and a build can take a while. Give it time to appear
                # under its name before starting a second one (a duplicate project).
                if _utc(self.clock()) - _utc(rec.updated_at) < CONSTRUCTION_GRACE:
                    raise WriteOutcomeUnknown(key, "project", "may still be being built")
                return None
            # Our construction is known: never start a second one while it may finish.
            construction = self.client.project_construction(template_id, rec.basecamp_id)
            if construction.status == "completed" and construction.project is not None:
                return construction.project
            if construction.status == "pending":
                raise WriteOutcomeUnknown(key, "project", "still being built from the template")
            self._update(key, basecamp_id=None, url=None)  # it failed: build afresh
            return None

        return self._run(_Write(
            key, "project", template_id, f"from template {template_id}",
            {"name": name, "description": description}, send=send, find=find,
        ))

    def create_campfire_line(self, key: str, chat_id: int, content: str, rich: bool = False) -> Any:
        """Say something in a project's Campfire."""
        return self._run(_Write(
            key, "campfire_line", chat_id, f"in campfire {chat_id}",
            {"content": content, "rich": rich},
            send=lambda: self.client.create_campfire_line(chat_id, content, rich=rich),
            find=lambda since, claimed: self.finders.campfire_line(
                chat_id, content, rich, since, claimed
            ),
        ))

    def create_question(
        self, key: str, questionnaire_id: int, title: str, schedule: dict[str, Any]
    ) -> Any:
        """Add an automatic check-in question."""
        return self._run(_Write(
            key, "question", questionnaire_id, f"in questionnaire {questionnaire_id}",
            {"title": title, "schedule": schedule},
            send=lambda: self.client.create_question(questionnaire_id, title, schedule),
            find=lambda since, claimed: self.finders.question(
                questionnaire_id, title, since, claimed
            ),
        ))

    # ---- idempotent updates (re-sent only when the payload changes) ------------------------

    def update_message(
        self, key: str, message_id: int, subject: str | None, content: str | None
    ) -> Any:
        """Edit a message; the same subject and content are never sent twice in a row."""
        return self._run(_Write(
            key, "message_edit", message_id, f"message {message_id}",
            {"subject": subject, "content": content},
            send=lambda: self.client.update_message(message_id, subject=subject, content=content),
            idempotent=True,
        ))

    def update_schedule_entry(self, key: str, entry_id: int, **fields: Any) -> Any:
        """Change a schedule entry's fields."""
        return self._run(_Write(
            key, "schedule_entry_edit", entry_id, f"schedule entry {entry_id}", dict(fields),
            send=lambda: self.client.update_schedule_entry(entry_id, **fields),
            idempotent=True,
        ))

    def update_project_access(
        self, key: str, project_id: int, grant: Iterable[int] = (), create: Iterable[Any] = ()
    ) -> Any:
        """Give people access to a project (existing people by id, new ones by details)."""
        grant, create = list(grant), list(create)
        return self._run(_Write(
            key, "access", project_id, f"project {project_id}",
            {"grant": sorted(grant), "create": [_plain(c) for c in create]},
            send=lambda: self.client.update_project_access(project_id, grant=grant, create=create),
            idempotent=True,
        ))

    def delete_boost(self, key: str, boost_id: int, recording_id: int | None = None) -> Any:
        """Withdraw one of the bot's boosts; a boost already gone counts as done.

        A 404 is "gone" only when the boosted recording can still be read without the boost:
        a bot removed from the project gets 404 for everything, and must not take its own
        boost for deleted (it would stay beside the next acknowledgement)."""

        def send() -> Any:
            try:
                return self.client.delete_boost(boost_id)
            except NotFound as err:
                if self._still_there(boost_id, recording_id):
                    raise AccessLost(key, "boost_delete", _error_text(err), 404) from err
                return None

        return self._run(_Write(
            key, "boost_delete", boost_id, f"boost {boost_id}", {"boost_id": boost_id},
            send=send, idempotent=True,
        ))

    def _still_there(self, boost_id: int, recording_id: int | None) -> bool:
        """After a 404 on deleting a boost: True if it may still exist (access lost)."""
        try:
            if recording_id is not None:
                return any(b.id == boost_id for b in self.client.boosts(recording_id))
            self.client.boost(boost_id)
            return True
        except NotFound:
            return recording_id is not None  # the recording itself is hidden: access lost
        except (AuthError, Forbidden):
            return True

    def pause_question(self, key: str, question_id: int) -> Any:
        """Pause a check-in question."""
        return self._run(_Write(
            key, "question_pause", question_id, f"question {question_id}",
            {"question_id": question_id},
            send=lambda: self.client.pause_question(question_id), idempotent=True,
        ))

    def abandon_boost(self, key: str, recording_id: int) -> bool:
        """Give up a boost whose outcome was unknown, because the fact moved on meanwhile.

        Whatever the unsure attempt left on the recording is removed and the key is closed, so
        the caller writes its new acknowledgement under a fresh key. True if one was abandoned.
        Raises WriteOutcomeUnknown while the attempt may still commit (the grace period).
        """
        rec = self.record(key)
        if rec is None or rec.status != "pending" or rec.kind != "boost" or self.dry_run:
            return False
        if rec.unsure_since is not None and self._waited(rec) < self.unsure_grace:
            raise WriteOutcomeUnknown(key, "boost", "may still commit; waiting out the grace "
                                      "period before replacing it")
        claimed = self._claimed_ids(key)
        try:
            for b in list(self.client.boosts(recording_id)):
                if self.finders._mine(b, rec.created_at - self.find_slack, claimed,
                                      who="booster"):
                    self.client.delete_boost(b.id)
                    self.log.info("outbox: removed boost %s %s left by an unsure attempt",
                                  key, b.id)
        except BasecampError as err:
            if _access_refused(err):
                raise AccessLost(key, "boost", _error_text(err), err.status) from err
            raise
        self._update(key, status="done", basecamp_id=None, unsure_since=None,
                     error="abandoned: the acknowledgement changed before it was confirmed")
        return True

    # ---- the one write path ------------------------------------------------------------------

    def _run(self, w: _Write) -> Any:
        rec = self.record(w.key)
        changed = w.idempotent and rec is not None and rec.payload_digest != w.digest
        if rec is not None and rec.status == "done" and not changed:
            return rec
        if (rec is not None and rec.status == "failed" and not changed
                and not (rec.error or "").startswith(_ACCESS_ERRORS)):
            raise WriteFailed(w.key, w.kind, f"rejected earlier ({rec.error}); not retried")
        if self.dry_run:
            planned = describe_write(w.key, w.kind, w.payload)
            self.planned.append(planned)
            self.log.info("dry run: %s (key %s)", planned.line(), w.key)
            return None
        if not self.may_write():
            raise AccessLost(w.key, w.kind, "this worker no longer holds the lease; not sent")
        if rec is not None and rec.status == "pending" and w.find is not None:
            # A crash or an unknown outcome last time: Basecamp may already have it.
            try:
                found = self._find(w, rec.created_at)
            except BasecampError as err:
                if _access_refused(err):
                    raise AccessLost(w.key, w.kind, _error_text(err), err.status) from err
                raise
            if found is not None:
                return self._finish(w, found, recovered=True)
            unsure = rec.unsure_since
            waited = self._waited(rec)
            if (unsure is not None and rec.payload_digest != w.digest and w.stale is not None
                    and waited >= self.unsure_grace):
                # The earlier attempt carried other content (the fact moved on meanwhile):
                # whatever it left must go, or both would show.
                w.stale(rec.created_at - self.find_slack, self._claimed_ids(w.key))
            if unsure is not None and waited < self.unsure_grace:
                # It may still commit (late): wait out the grace rather than post it twice.
                raise WriteOutcomeUnknown(
                    w.key, w.kind, "not found yet; waiting out the grace period before "
                    "writing again")
        since = self._mark_pending(w, rec)
        try:
            item = w.send()
        except BasecampError as err:
            self._update(w.key, error=_error_text(err))
            if _access_refused(err):
                # Nothing was applied and the write itself is fine: keep it for later.
                self._update(w.key, unsure_since=None)
                self.log.warning("outbox: %s %s %s refused (%s); kept to retry once access "
                                 "is back", w.kind, w.key, w.where, type(err).__name__)
                raise AccessLost(w.key, w.kind, _error_text(err), err.status) from err
            if err.outcome_unknown:
                found = None
                if w.find is not None:
                    try:
                        found = self._find(w, since)
                    except BasecampError as find_err:
                        self.log.warning("outbox: could not look for %s %s: %s",
                                         w.kind, w.key, _error_text(find_err))
                if found is not None:
                    return self._finish(w, found, recovered=True)
                self.log.warning("outbox: %s %s %s may not have been posted (%s); "
                                 "will check before trying again", w.kind, w.key, w.where,
                                 type(err).__name__)
                raise WriteOutcomeUnknown(w.key, w.kind, _error_text(err)) from err
            if err.retryable or isinstance(err, RateLimited):
                # Definitely not applied (e.g. rate limited, even for long); stays pending.
                self._update(w.key, unsure_since=None)
                raise
            self._update(w.key, status="failed")
            self.log.error("outbox: %s %s %s rejected: %s", w.kind, w.key, w.where,
                           _error_text(err))
            raise WriteFailed(w.key, w.kind, _error_text(err)) from err
        return self._finish(w, item)

    def _waited(self, rec: OutboxRecord) -> timedelta:
        """How long since an unsure write went out: real time, or the bot's own clock when
        that moved on further (a rehearsal with `tick --now` runs days in seconds)."""
        if rec.unsure_since is None:
            return timedelta.max  # not unsure: nothing to wait for
        real = _utc(self.wall_clock()) - _utc(rec.unsure_since)
        return max(real, _utc(self.clock()) - _utc(rec.updated_at))

    def _find(self, w: _Write, since: datetime) -> Any:
        assert w.find is not None
        return w.find(since - self.find_slack, self._claimed_ids(w.key))

    def _claimed_ids(self, key: str) -> set[int]:
        # Items other keys already own are never "found" for this one.
        with self.store.transaction() as conn:
            rows = conn.execute(
                select(outbox_table.c.basecamp_id).where(
                    (outbox_table.c.key != key)
                    & (outbox_table.c.status == "done")
                    & outbox_table.c.basecamp_id.is_not(None)
                )
            )
            return {r[0] for r in rows}

    def _mark_pending(self, w: _Write, rec: OutboxRecord | None) -> datetime:
        """Commit the pending record before the request; returns when it was first planned."""
        now = _utc(self.clock())
        # From here until an answer, the outcome is unknown (a crash would leave it so).
        unsure = _utc(self.wall_clock())
        with self.store.transaction() as conn:
            if rec is None:
                conn.execute(outbox_table.insert().values(
                    key=w.key, kind=w.kind, status="pending", target_id=w.target_id,
                    payload_digest=w.digest, attempts=1, created_at=now, updated_at=now,
                    unsure_since=unsure,
                ))
                return now
            # An update with a new payload is a new write: look for it from now on.
            restart = rec.status != "pending"
            conn.execute(outbox_table.update().where(outbox_table.c.key == w.key).values(
                status="pending", payload_digest=w.digest, attempts=rec.attempts + 1,
                error=None, updated_at=now, unsure_since=unsure,
                **({"created_at": now} if restart else {}),
            ))
            return now if restart else rec.created_at

    def _update(self, key: str, **values: Any) -> None:
        values["updated_at"] = _utc(self.clock())
        with self.store.transaction() as conn:
            conn.execute(outbox_table.update().where(outbox_table.c.key == key).values(**values))

    def _finish(self, w: _Write, item: Any, recovered: bool = False) -> Any:
        bc_id = getattr(item, "id", None) if not w.idempotent else None
        url = getattr(item, "url", None)
        # A boost has no page of its own: link to what was boosted.
        app_url = getattr(item, "app_url", None) or getattr(
            getattr(item, "recording", None), "app_url", None
        )
        self._update(w.key, status="done", basecamp_id=bc_id, url=url, app_url=app_url,
                     payload_digest=w.digest, error=None, unsure_since=None)
        verb = "found already-posted" if recovered else ("updated" if w.idempotent else "posted")
        self.log.info("outbox: %s %s %s %s %s", verb, w.kind, w.key, w.where, app_url or "")
        return item if item is not None else self.record(w.key)


def _plain(value: Any) -> Any:
    # NewPerson models and dicts both digest the same way.
    dump = getattr(value, "model_dump", None)
    return dump() if callable(dump) else value
