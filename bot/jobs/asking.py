"""Asking when unsure: one question per unreadable reply, and reading the member's answer.

A reply the reader is not sure about changes nothing. The bot asks once (a short comment that
mentions the member) and records the question in `reply_questions`. The member's next reply,
an edit of the reply, or a boost on the question answers it. Sign-ups and mentoring share the
record and the boost reading; each feature applies the answer its own way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

from bot.store import signups_repo as repo

if TYPE_CHECKING:
    from bot.jobs.context import JobContext

log = logging.getLogger(__name__)



def _norm(text: str | None) -> str:
    return " ".join((text or "").replace("\ufe0f", "").strip().lower().rstrip("!. ").split())


# A boost on the bot's question is an answer when it is one of these (a bare yes or no).
_YES = {_norm(w) for w in ("✅", "✔️", "☑️", "👍", "👌", "🙌", "🙋", "yes", "yes please", "y")}
_NO = {_norm(w) for w in ("❌", "✖️", "👎", "🚫", "no", "no thanks", "n")}


def boost_answer(content: str | None) -> str | None:
    """'join', 'decline' or None for a boost's content ("✅", "👍", "no thanks")."""
    text = _norm(content)
    if text in _YES:
        return "join"
    if text in _NO:
        return "decline"
    return None


def _thread_questions(ctx: JobContext, feature: str, key: str) -> list[repo.QuestionRow]:
    """Every question on a thread, loaded once per cycle (a burst of replies asks this often)."""
    cache = vars(ctx).setdefault("_asking_questions", {})
    if (feature, key) not in cache:
        with ctx.store.transaction() as conn:
            cache[(feature, key)] = repo.questions(conn, feature, key)
    return list(cache[(feature, key)])


def _forget(ctx: JobContext, feature: str, key: str) -> None:
    vars(ctx).setdefault("_asking_questions", {}).pop((feature, key), None)


def question_for(
    ctx: JobContext, feature: str, key: str, comment_id: int
) -> repo.QuestionRow | None:
    """The question asked about this reply, if any."""
    return next(
        (q for q in _thread_questions(ctx, feature, key) if q.comment_id == comment_id), None
    )


def open_questions(
    ctx: JobContext, feature: str, key: str, person_id: int | None = None
) -> list[repo.QuestionRow]:
    """Open questions on a thread (optionally only one person's), oldest first."""
    return [
        q
        for q in _thread_questions(ctx, feature, key)
        if q.status == "open" and (person_id is None or q.person_id == person_id)
    ]


def staff_told(ctx: JobContext, feature: str, key: str, person_id: int) -> bool:
    """Whether staff were already told this person may not write in English (once per thread)."""
    return any(
        q.person_id == person_id and q.not_english for q in _thread_questions(ctx, feature, key)
    )


def record_question(
    ctx: JobContext,
    feature: str,
    key: str,
    thread_id: int,
    comment: Any,
    question: Any,
    told_staff: bool,
) -> None:
    """Save the question just posted about `comment` (question None: a dry run, nothing saved)."""
    if question is None:
        return
    creator = comment.creator
    with ctx.store.transaction() as conn:
        repo.save_question(
            conn,
            {
                "comment_id": int(comment.id),
                "feature": feature,
                "thread_key": key,
                "thread_id": int(thread_id),
                "person_id": int(creator.id),
                "name": creator.name,
                "email": (creator.email_address or "").lower() or None,
                "link": getattr(comment, "app_url", None),
                "asked_at": ctx.now,
                "question_id": int(question.id),
                "status": "open",
                "answer": None,
                "answered_by": None,
                "not_english": told_staff,
            },
        )
    _forget(ctx, feature, key)
    log.info("asking: %s: asked about reply %s (question %s)", key, comment.id, question.id)


def settle(ctx: JobContext, q: repo.QuestionRow, answer: str | None, by: str) -> None:
    """Mark a question answered (or withdrawn when `answer` is None)."""
    status = "answered" if answer is not None else "withdrawn"
    with ctx.store.transaction() as conn:
        repo.settle_question(conn, q.comment_id, status=status, answer=answer, answered_by=by)
    _forget(ctx, q.feature, q.thread_key)
    log.info("asking: %s: reply %s %s by %s", q.thread_key, q.comment_id, status, by)


class BoostAnswer(NamedTuple):
    """An open question its member answered with a boost, and the reply it asks about."""

    question: repo.QuestionRow
    answer: str
    boost_id: int
    boosted_at: Any
    comment: Any  # the reply's latest version


def boost_answers(
    ctx: JobContext, feature: str, key: str,
    read: Callable[[str | None], str | None] = boost_answer,
) -> Iterator[BoostAnswer]:
    """Each open question on the thread answered by a boost, whose reply is still there.

    `read` turns a boost's content into an answer (sign-ups: yes or no; mentoring: a role)."""
    for q in open_questions(ctx, feature, key):
        found = _answer_by_boost(ctx, q, read)
        if found is None:
            continue
        comment = ctx.client.comment(q.comment_id)
        if comment.creator is None or getattr(comment, "status", "") == "trashed":
            continue
        yield BoostAnswer(q, *found, comment)


def _answer_by_boost(
    ctx: JobContext, q: repo.QuestionRow, read: Callable[[str | None], str | None]
) -> tuple[str, int, Any] | None:
    """(answer, boost id, boosted at) when the member boosted the question with an answer."""
    if q.question_id is None:
        return None
    cache = vars(ctx).setdefault("_asking_boosts", {})
    if q.question_id not in cache:  # one (conditional) GET per open question per cycle
        cache[q.question_id] = list(ctx.client.boosts(q.question_id))
    for boost in cache[q.question_id]:
        booster = boost.booster
        if booster is None or booster.id != q.person_id:
            continue
        intent = read(boost.content)
        if intent is not None:
            return intent, int(boost.id), boost.created_at
    return None


def awaiting_answers(ctx: Any) -> list[repo.QuestionRow]:
    """Every reply still waiting for the member's answer (for `status` and exports)."""
    with ctx.store.transaction() as conn:
        return repo.questions(conn, status="open")
