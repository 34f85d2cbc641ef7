"""ThreadReader: the one way of reading members' replies on the threads the bot watches.

Each poll reads the cross-project comments listing, newest `updated_at` first, for the
projects that have open threads (or for every project, when their ids do not fit in one URL),
once for active comments and once for trashed ones. With the client's conditional GETs an
unchanged page 1 is a 304, so an idle poll costs two requests however many threads are open.
(The account-wide `GET /comments.json` cannot replace it: it is ordered newest-created first
and has no status filter, so an edit to an older reply or a trash would not surface.)
Paging stops at the high-water mark (the newest `updated_at` already handled, less a small
overlap for equal or skewed timestamps), and comments are de-duplicated against
`seen_comments` by (id, updated_at).

A trashed reply is handed over once even if no version of it was ever processed
(`previous` is None): its handler may have been cut short after acting, and handlers treat a
trash of a reply they never recorded as nothing to undo.

A change is recorded in `seen_comments` only after its handler succeeded
(`mark_processed`), and the high-water mark never passes a change that is not yet
processed, so a crash mid-cycle re-reads rather than loses a reply.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from pydantic import ValidationError
from sqlalchemy import select

from bot.basecamp.errors import NotFound
from bot.basecamp.models import Comment, is_member
from bot.store.threads_tables import poll_marks, reply_failures, seen_comments, watched_threads

logger = logging.getLogger(__name__)
Change = Literal["new", "edited", "trashed"]
LISTINGS = ("active", "trashed")
# A comment can commit a moment after a newer-stamped one; re-read this far behind the mark.
# Kept small: every comment inside the window is re-listed on each poll.
DEFAULT_OVERLAP = timedelta(seconds=5)
# Characters of project ids a listing URL may carry, so it stays well under common 8 KB
# request-line limits (about 540 ten-digit Basecamp ids).
BUCKET_CHARS = 6000


@dataclass(frozen=True)
class WatchedThread:
    """A recording whose replies a feature reads."""

    recording_id: int
    project_id: int
    kind: str
    key: str
    opened_at: datetime
    closed: bool


@dataclass(frozen=True)
class SeenComment:
    """What a handler last processed for one comment."""

    comment_id: int
    updated_at: datetime
    status: str
    parent_id: int
    creator_id: int
    processed_at: datetime
    error: str | None


@dataclass(frozen=True)
class ReplyChange:
    """A new, edited or trashed reply on a watched thread; `previous` is what was processed."""

    comment: Any
    thread: WatchedThread
    change: Change
    previous: SeenComment | None = None

    @property
    def status(self) -> str:
        """The comment's status as recorded in seen_comments."""
        return "trashed" if self.change == "trashed" else "active"


@dataclass
class _Pending:
    # What one poll found, so checkpoint() can advance marks once all of it is processed.
    marks: dict[str, tuple[datetime | None, bool]] = field(default_factory=dict)
    unprocessed: set[tuple[int, datetime]] = field(default_factory=set)
    syncing: dict[int, set[tuple[int, datetime]]] = field(default_factory=dict)


def _utc(value: Any) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _creator_id(comment: Any) -> int | None:
    creator = getattr(comment, "creator", None)
    return getattr(creator, "id", None)


def _parent_id(comment: Any) -> int | None:
    parent = getattr(comment, "parent", None)
    return getattr(parent, "id", None)


class ThreadReader:
    """Watch threads and poll them for reply changes with a constant idle cost."""

    def __init__(
        self,
        store: Any,
        client: Any,
        me_id: int,
        clock: Callable[[], datetime] | None = None,
        overlap: timedelta = DEFAULT_OVERLAP,
    ):
        self.store = store
        self.client = client
        self.me_id = me_id
        self.clock = clock or (lambda: datetime.now(UTC))
        self.overlap = overlap
        self._pending = _Pending()

    # ---- watching ----------------------------------------------------------------------------

    def watch(self, recording_id: int, project_id: int, kind: str, key: str) -> WatchedThread:
        """Start (or resume) reading replies on a recording."""
        t = watched_threads.c
        with self.store.transaction() as conn:
            query = select(watched_threads).where(t.recording_id == recording_id)
            row = conn.execute(query).first()
            if row is None:
                conn.execute(watched_threads.insert().values(
                    recording_id=recording_id, project_id=project_id, kind=kind, key=key,
                    opened_at=_utc(self.clock()), closed=False, synced=False,
                ))
            elif row.closed or row.kind != kind or row.key != key:
                # Reopening: read the whole thread once more so nothing in between is lost.
                conn.execute(watched_threads.update().where(t.recording_id == recording_id).values(
                    project_id=project_id, kind=kind, key=key, closed=False, synced=False,
                ))
        thread = self.thread(recording_id)
        assert thread is not None
        return thread

    def unwatch(self, recording_id: int) -> None:
        """Stop reading replies on a recording (its history stays in seen_comments)."""
        with self.store.transaction() as conn:
            conn.execute(watched_threads.update()
                         .where(watched_threads.c.recording_id == recording_id)
                         .values(closed=True))

    def thread(self, recording_id: int) -> WatchedThread | None:
        """One watched thread, open or closed."""
        with self.store.transaction() as conn:
            row = conn.execute(select(watched_threads).where(
                watched_threads.c.recording_id == recording_id)).first()
        return _thread(row) if row is not None else None

    def threads(self, kind: str | None = None, open_only: bool = True) -> list[WatchedThread]:
        """Watched threads, optionally of one kind."""
        query = select(watched_threads).order_by(watched_threads.c.recording_id)
        if kind is not None:
            query = query.where(watched_threads.c.kind == kind)
        if open_only:
            query = query.where(watched_threads.c.closed.is_(False))
        with self.store.transaction() as conn:
            return [_thread(row) for row in conn.execute(query)]

    def seen(self, comment_id: int) -> SeenComment | None:
        """What was last processed for a comment, if anything."""
        with self.store.transaction() as conn:
            row = conn.execute(select(seen_comments).where(
                seen_comments.c.comment_id == comment_id)).first()
        return _seen(row) if row is not None else None

    def seen_on(self, parent_id: int) -> list[SeenComment]:
        """Everything processed on one thread, oldest first."""
        with self.store.transaction() as conn:
            rows = conn.execute(select(seen_comments)
                                .where(seen_comments.c.parent_id == parent_id)
                                .order_by(seen_comments.c.comment_id))
            return [_seen(row) for row in rows]

    # ---- polling -----------------------------------------------------------------------------

    def poll(self) -> list[ReplyChange]:
        """New, edited and trashed replies on open threads, oldest first."""
        self._pending = _Pending()
        with self.store.transaction() as conn:
            rows = conn.execute(select(watched_threads)
                                .where(watched_threads.c.closed.is_(False))).all()
            marks = {r.listing: (_utc(r.high_water), bool(r.verified))
                     for r in conn.execute(select(poll_marks))}
        threads = {row.recording_id: _thread(row) for row in rows}
        if not threads:
            return []
        buckets = _bucket_filter({t.project_id for t in threads.values()})
        now = _utc(self.clock())

        # (listing, comment) pairs on watched threads, not by the bot.
        candidates: list[tuple[str, Any]] = []
        # Newly watched threads: read their comments once directly, since older replies
        # may sit below the listing's high-water mark.
        for row in rows:
            if not row.synced:
                try:
                    comments = list(self.client.comments(row.recording_id))
                except NotFound:
                    # Gone or out of reach: nothing to catch up on (the listing still runs).
                    logger.warning("threads: thread %s (%s %s) was not found in Basecamp",
                                   row.recording_id, row.kind, row.key)
                    self._set_synced(row.recording_id)
                    continue
                except ValidationError:
                    # A malformed comment: skip this thread's catch-up for now, not the poll.
                    logger.warning("threads: could not read thread %s; will try again",
                                   row.recording_id)
                    continue
                self._pending.syncing[row.recording_id] = set()
                candidates += [("sync", c) for c in comments if self._relevant(c, threads)]
        for listing in LISTINGS:
            mark, verified = marks.get(listing, (None, False))
            # Re-read the window behind the mark until one poll, well after the mark, has
            # seen it settle; from then on page only down to the mark itself.
            cutoff = mark if mark is None or verified else mark - self.overlap
            newest = mark
            for comment in self._listing(buckets, listing):
                updated = _utc(comment.updated_at)
                if cutoff is not None and updated < cutoff:
                    break
                newest = updated if newest is None else max(newest, updated)
                if self._relevant(comment, threads):
                    candidates.append((listing, comment))
            settled = mark is not None and now >= mark + 2 * self.overlap
            self._pending.marks[listing] = (newest, newest == mark and (verified or settled))

        seen = self._seen_many({c.id for _, c in candidates})
        found: dict[int, tuple[str, ReplyChange]] = {}
        for listing, comment in candidates:
            change = self._change(comment, listing, threads, seen)
            if change is None:
                continue
            if listing == "sync":
                self._pending.syncing[change.thread.recording_id].add(_ident(comment))
            # One change per comment: the latest version (trashed wins a tie).
            rank = (_utc(comment.updated_at), change.change == "trashed")
            held = found.get(comment.id)
            if held is None or rank > (_utc(held[1].comment.updated_at),
                                       held[1].change == "trashed"):
                found[comment.id] = (listing, change)

        # Never move a mark past a change that is not processed yet.
        for listing in LISTINGS:
            times = [_utc(c.comment.updated_at) for lst, c in found.values() if lst == listing]
            newest, verified = self._pending.marks[listing]
            if times:
                self._save_mark(listing, min(times), False)
            elif newest is not None:
                self._save_mark(listing, newest, verified)
        for thread_id, keys in self._pending.syncing.items():
            if not keys:
                self._set_synced(thread_id)

        changes = sorted((c for _, c in found.values()),
                         key=lambda c: (_utc(c.comment.created_at), c.comment.id))
        self._pending.unprocessed = {_ident(c.comment) for c in changes}
        return changes

    def _listing(self, buckets: list[int] | None, listing: str) -> Iterator[Comment]:
        """Comments in these projects (None: every project the bot can see), most recently
        updated first (lazy, page by page)."""
        for raw in self.client.recordings(
            "Comment", bucket=buckets, status=None if listing == "active" else listing,
            sort="updated_at", direction="desc",
        ):
            comment = _parse(raw)
            if comment is not None:
                yield comment

    def _relevant(self, comment: Any, threads: dict[int, WatchedThread]) -> bool:
        # Replies by the bot itself and by Basecamp's own actors are not members' replies.
        creator = getattr(comment, "creator", None)
        return _parent_id(comment) in threads and is_member(creator, self.me_id)

    def _seen_many(self, ids: set[int]) -> dict[int, SeenComment]:
        seen: dict[int, SeenComment] = {}
        ordered = sorted(ids)
        with self.store.transaction() as conn:
            for i in range(0, len(ordered), 500):  # keep IN lists modest
                chunk = ordered[i:i + 500]
                rows = conn.execute(select(seen_comments)
                                    .where(seen_comments.c.comment_id.in_(chunk)))
                seen.update({row.comment_id: _seen(row) for row in rows})
        return seen

    def _change(
        self, comment: Any, listing: str, threads: dict[int, WatchedThread],
        seen: dict[int, SeenComment],
    ) -> ReplyChange | None:
        thread = threads[_parent_id(comment)]
        previous = seen.get(comment.id)
        updated = _utc(comment.updated_at)
        if listing == "trashed":
            # Handed over once, even when never processed: a handler cut short (a write whose
            # outcome was unknown, a crash) may have left something on the reply to take back.
            if previous is not None and previous.status != "active":
                return None
            return ReplyChange(comment, thread, "trashed", previous)
        if previous is None or previous.status != "active":
            return ReplyChange(comment, thread, "new", previous)
        if previous.updated_at != updated:
            return ReplyChange(comment, thread, "edited", previous)
        return None

    def mark_processed(self, change: ReplyChange, error: str | None = None) -> None:
        """Record that a handler dealt with this change (or gave up on it, with `error`)."""
        comment = change.comment
        values = dict(
            updated_at=_utc(comment.updated_at), status=change.status,
            parent_id=change.thread.recording_id, creator_id=_creator_id(comment) or 0,
            processed_at=_utc(self.clock()), error=error[:500] if error else None,
        )
        with self.store.transaction() as conn:
            done = conn.execute(seen_comments.update()
                                .where(seen_comments.c.comment_id == comment.id)
                                .values(**values))
            if done.rowcount == 0:
                conn.execute(seen_comments.insert().values(comment_id=comment.id, **values))
            conn.execute(reply_failures.delete().where(reply_failures.c.comment_id == comment.id))
        self._pending.unprocessed.discard(_ident(comment))

    def record_failure(self, change: ReplyChange, error: str) -> int:
        """Count a handler failure for this version of the reply; returns attempts so far."""
        comment = change.comment
        updated = _utc(comment.updated_at)
        f = reply_failures.c
        with self.store.transaction() as conn:
            row = conn.execute(select(reply_failures).where(f.comment_id == comment.id)).first()
            if row is None:
                attempts = 1
                conn.execute(reply_failures.insert().values(
                    comment_id=comment.id, updated_at=updated, attempts=1, error=error[:500]))
            else:
                same_version = _utc(row.updated_at) == updated
                attempts = row.attempts + 1 if same_version else 1
                conn.execute(reply_failures.update().where(f.comment_id == comment.id).values(
                    updated_at=updated, attempts=attempts, error=error[:500]))
        return attempts

    def checkpoint(self) -> None:
        """After handling a poll: advance marks past everything that is now processed."""
        pending = self._pending
        if pending.unprocessed:
            return
        for listing, (newest, verified) in pending.marks.items():
            if newest is not None:
                self._save_mark(listing, newest, verified)
        for thread_id in pending.syncing:
            self._set_synced(thread_id)
        self._pending = _Pending()

    def _save_mark(self, listing: str, value: datetime, verified: bool) -> None:
        with self.store.transaction() as conn:
            done = conn.execute(poll_marks.update().where(poll_marks.c.listing == listing)
                                .values(high_water=value, verified=verified))
            if done.rowcount == 0:
                conn.execute(poll_marks.insert().values(listing=listing, high_water=value,
                                                        verified=verified))

    def _set_synced(self, recording_id: int) -> None:
        with self.store.transaction() as conn:
            conn.execute(watched_threads.update()
                         .where(watched_threads.c.recording_id == recording_id)
                         .values(synced=True))


def _bucket_filter(projects: set[int]) -> list[int] | None:
    """The projects to name in the listing URL, or None to list every project the bot sees.

    Naming them keeps the listing to the watched projects. When they do not fit in one URL,
    one listing of all active projects (the API's default) beats one request per chunk of
    ids: an idle poll then stays at one request per listing however many threads are open.
    Archived projects drop out of that listing, but an archived project is read-only.
    """
    ordered = sorted(projects)
    return ordered if len(",".join(map(str, ordered))) <= BUCKET_CHARS else None


def _parse(raw: Any) -> Comment | None:
    """A listing item as a Comment, or None (logged) if it is malformed."""
    try:
        return Comment.model_validate(raw)
    except ValidationError:
        ident = raw.get("id") if isinstance(raw, dict) else None
        logger.warning("threads: skipped a malformed comment (id %s) in the listing", ident)
        return None


def _ident(comment: Any) -> tuple[int, datetime]:
    return (comment.id, _utc(comment.updated_at))


def _thread(row: Any) -> WatchedThread:
    return WatchedThread(row.recording_id, row.project_id, row.kind, row.key,
                         _utc(row.opened_at), bool(row.closed))


def _seen(row: Any) -> SeenComment:
    return SeenComment(row.comment_id, _utc(row.updated_at), row.status, row.parent_id,
                       row.creator_id, _utc(row.processed_at), row.error)
