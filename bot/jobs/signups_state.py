"""The sign-up job's working state: each thread's replies (cached per cycle) and its ledger."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.basecamp.models import is_member
from bot.config.signups import SignupRules
from bot.core.ledger import Entry, Ledger, compute
from bot.store import signups_repo as repo

if TYPE_CHECKING:
    from bot.jobs.context import JobContext


def ref_of(comment_id: int) -> str:
    """The ledger's reference for a reply."""
    # Zero-padded so replies written in the same second sort by id, as Basecamp assigns them.
    return f"comment:{int(comment_id):015d}"


def who_of(person_id: int) -> str:
    """The ledger's key for a Basecamp person."""
    return f"person:{person_id}"


def organisation_of(
    ctx: JobContext, email: str | None, company: str | None
) -> tuple[str | None, bool]:
    """(member organisation key, True), else (company name, False), else (None, False)."""
    org = ctx.config.network.organisation_for(email)
    if org is not None:
        return org.key, True
    return (company or None), False


# A Basecamp company name is whatever a person typed: in the ledger it lives apart from the
# member organisations' keys, so an outsider whose company is called "camden" never counts
# as Camden (nor takes a place held for it).
COMPANY_PREFIX = "company:"


def ledger_org(org: str | None, known: bool) -> str | None:
    """The ledger's organisation: a member key as is, a company name namespaced."""
    if org is None or known:
        return org
    return f"{COMPANY_PREFIX}{org}"


def shown_org(org: str | None) -> str | None:
    """A ledger organisation as people see it (the company name without its namespace)."""
    return org.removeprefix(COMPANY_PREFIX) if org else org


def cache_of(ctx: JobContext) -> dict[Any, Any]:
    """Per-cycle cache of each thread's stored rows."""
    # A JobContext lives for one cycle and this job is the only writer of the sign-up
    # tables during it, so each thread's rows are loaded once per cycle, not once per reply
    # (a 500-reply burst would otherwise reload the table 500 times).
    return vars(ctx).setdefault("_signups_cache", {})


def thread_rows(ctx: JobContext, key: str) -> list[repo.ReplyRow]:
    """The thread's current replies, in reply order (cached for the cycle)."""
    cache = cache_of(ctx)
    if ("rows", key) not in cache:
        with ctx.store.transaction() as conn:
            cache[("rows", key)] = repo.replies(conn, key)
            cache[("staff", key)] = repo.staff_actions(conn, key)
            cache[("acks", key)] = repo.acks(conn, key)
    return list(cache[("rows", key)])


def forget(ctx: JobContext, key: str) -> None:
    """Drop the thread's cached rows, so they are read again from the store."""
    cache = cache_of(ctx)
    for part in ("rows", "staff", "acks"):
        cache.pop((part, key), None)


def remember(ctx: JobContext, key: str, comment_id: int, row: repo.ReplyRow | None) -> None:
    """Put a reply's new reading (or None: trashed) into the cycle's cache."""
    rows = [r for r in thread_rows(ctx, key) if r.comment_id != comment_id]
    if row is not None:
        rows.append(row)
        rows.sort(key=lambda r: (r.effective_at, r.comment_id))
    cache_of(ctx)[("rows", key)] = rows


def _entries(
    ctx: JobContext, thread: repo.ThreadRow, rules: SignupRules, rows: list[repo.ReplyRow]
) -> list[Entry]:
    entries = [
        Entry(ref_of(r.comment_id), who_of(r.person_id), r.effective_at, r.intent,
              ledger_org(r.organisation, r.org_known))
        for r in rows
    ]
    by_email = {r.email.lower(): r for r in rows if r.email}
    thread_rows(ctx, thread.key)  # loads the staff actions with the rows
    actions = [(f"staff:{i:015d}", e, a, t) for i, e, a, t in cache_of(ctx)[("staff", thread.key)]]
    # Config changes are staff's last word: applied after every reply.
    last = ctx.now
    actions += [(f"config-add:{e}", e, "add", last) for e in rules.staff_add]
    actions += [(f"config-remove:{e}", e, "remove", last) for e in rules.staff_remove]
    for ref, email, action, at in actions:
        email = email.lower()
        known = by_email.get(email)
        who = who_of(known.person_id) if known else f"email:{email}"
        org = (ledger_org(known.organisation, known.org_known) if known
               else organisation_of(ctx, email, None)[0])
        entries.append(Entry(ref, who, min(at, ctx.now), action, org, staff=True))
    return entries


def _boost_entries(ctx: JobContext, thread: repo.ThreadRow, rules: SignupRules) -> list[Entry]:
    """Boosts on the announcement, as joins, where the rules say a boost counts."""
    if not rules.boost_counts_as_join:
        return []
    cache = cache_of(ctx)
    if ("boosts", thread.key) not in cache:  # one (conditional) GET per thread per cycle
        entries = []
        for boost in ctx.client.boosts(thread.recording_id):
            person = boost.booster
            if not is_member(person, ctx.me.id) or boost.created_at is None:
                continue
            company = person.company.name if person.company else None
            org = ledger_org(*organisation_of(ctx, person.email_address, company))
            entries.append(
                Entry(f"boost:{boost.id:015d}", who_of(person.id), boost.created_at, "join", org)
            )
        cache[("boosts", thread.key)] = entries
    return list(cache[("boosts", thread.key)])


def thread_ledger(
    ctx: JobContext,
    thread: repo.ThreadRow,
    rules: SignupRules,
    rows: list[repo.ReplyRow] | None = None,
) -> Ledger:
    """The thread's ledger now, from its replies, staff changes and counted boosts."""
    rows = thread_rows(ctx, thread.key) if rows is None else rows
    member_orgs = [o.key for o in ctx.config.network.organisations]
    entries = _entries(ctx, thread, rules, rows) + _boost_entries(ctx, thread, rules)
    # Funded cohorts: each organisation's yes opens a place it pays for (bot.jobs.funding).
    from bot.jobs.funding import borough_entries, ledger_funding

    entries += borough_entries(ctx, thread.key)
    # A reply or boost Basecamp already holds has happened, even when stamped after the
    # cycle's clock (written after the cycle began, or Basecamp's clock a little ahead):
    # otherwise it would be skipped and its reply left without an acknowledgement.
    now = max([ctx.now, *(e.at for e in entries if not e.staff)])
    return compute(rules, entries, now, member_orgs, ledger_funding(ctx, thread.key))


def project_people(ctx: JobContext, project_id: int) -> list[Any]:
    """The project's people, listed once per cycle (staff contact, mentions, questions)."""
    # One listing is several pages on a big project: re-listing it per reply cost most of a
    # busy tick's requests, to find one staff contact.
    cache = cache_of(ctx)
    if ("people", project_id) not in cache:
        cache[("people", project_id)] = list(ctx.client.project_people(project_id))
    return list(cache[("people", project_id)])
