"""Sample data for `loti-bot check`: every default template rendered with realistic values.

Uses the first cohort and event series from the config when there are any, so `check` proves
the templates work with the real config; otherwise built-in examples.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from bot.config.cohorts import Cohort
from bot.config.events import EventSeries
from bot.core.calendar import LONDON, local_datetime
from bot.jobs.cohorts import recruitment_context, session_context
from bot.jobs.events import Topic, occurrence_context
from bot.jobs.posting import initial_places_line
from bot.render import register_sample

ADA = {"name": "Ada Okafor", "attachable_sgid": "BAh7CEkiCGdpZAY6BkVUSSIsZ2lkOi8vYmMzL1BlcnNvbi8x"}
GRACE = {"name": "Grace Lim", "attachable_sgid": "BAh7CEkiCGdpZAY6BkVUSSIsZ2lkOi8vYmMzL1BlcnNvbi8y"}
SAMPLE_COHORT = Cohort(
    key="sample-cohort", name="Confident Digital Leaders, spring cohort",
    course_start=date(2027, 3, 1), participants_from="list",
    participants=[{"name": "Ada Okafor", "email": "ada@camden.gov.uk"}],
    reflection={"link": "https://teams.example.org/reflect"},
)
SAMPLE_SERIES = EventSeries(
    key="sample-lunch", title="Lunch and learn", format="online",
    link="https://teams.example.org/lunch", dates=(date(2027, 3, 9),),
    unconference={"call_days": 14, "agenda_days": 2, "top": 5},
)


# Invented series and cohorts so `check` reaches every branch of every template, whatever the
# config happens to hold today: online and in person, unconference or not, waitlist or not.
VARIANT_SERIES = (
    SAMPLE_SERIES,
    EventSeries(
        key="sample-visit", title="Site visit", description="", format="in_person",
        venue="Camden Town Hall, Judd Street, London WC1H 9JE", dates=(date(2027, 4, 13),),
        capacity=12, waitlist=False, leads={"announce_days": 14, "close_days": 2,
                                            "places_left_days": 7}),
    EventSeries(
        key="sample-talk", title="Evening talk", description="A guest speaker, then questions.",
        format="online", link="https://teams.example.org/talk", dates=(date(2027, 5, 11),),
        at="18:00", minutes=90),
)
VARIANT_COHORTS = (
    SAMPLE_COHORT,
    Cohort(
        key="sample-autumn", name="Confident Digital Leaders, autumn cohort",
        description="Six weeks of growing in confidence together.",
        course_start=date(2027, 10, 4),
        recruitment={"announce_on": date(2027, 8, 2), "reservation_deadline": date(2027, 8, 30),
                     "closes_on": date(2027, 9, 13), "nudges": [date(2027, 8, 16)]},
        reflection={"venue": "LOTI, City Hall, London E16 1ZE", "count": 2},
    ),
)


class ConfigView:
    """The config with some parts swapped (`cohorts`, `events`, `preview_*`) for one sample."""

    def __init__(self, config: Any, picked: dict[str, Any]):
        self._config = config
        self._picked = picked

    def __getattr__(self, name: str) -> Any:
        if name in self._picked:
            return self._picked[name]
        if name.startswith("preview_"):
            return None
        return getattr(self._config, name)


def first_occurrence(series: EventSeries, after: date | None = None) -> Any:
    """The first occurrence that is not cancelled (on or after `after`), or None."""
    start = after or (series.recurrence.starts if series.recurrence else min(series.dates))
    end = date(start.year + 3, 12, 31)
    return next((o for o in series.occurrences(start, end, LONDON) if not o.cancelled), None)


def sample_views(config: Any) -> list[Any]:
    """One view per series and cohort (the config's own, then the invented ones)."""
    views = [config] if config is not None else []
    for series in [*(getattr(config, "events", None) or []), *VARIANT_SERIES]:
        occ = first_occurrence(series)
        if occ is not None:
            views.append(ConfigView(config, {"preview_occurrence": occ, "events": [series]}))
    for cohort in [*(getattr(config, "cohorts", None) or []), *VARIANT_COHORTS]:
        views.append(ConfigView(config, {"cohorts": [cohort]}))
    return views


def _cohort(config: Any) -> Cohort:
    cohorts = getattr(config, "cohorts", None) or []
    return cohorts[0] if cohorts else SAMPLE_COHORT


def _occurrence(config: Any) -> Any:
    chosen = getattr(config, "preview_occurrence", None)  # set by `loti-bot preview`
    if chosen is not None:
        return chosen
    series = (getattr(config, "events", None) or [SAMPLE_SERIES])[0]
    first = series.recurrence.starts if series.recurrence else series.dates[0]
    found = series.occurrences(first, date(first.year + 2, 12, 31), LONDON)
    if not found:
        raise ValueError(f"event series {series.key} has no occurrences to sample")
    return found[0]


def _number(config: Any) -> int:
    return getattr(config, "preview_session", None) or 1


@register_sample("recruitment_announcement")
def _recruitment(config: Any) -> dict[str, Any]:
    c = _cohort(config)
    return recruitment_context(c, LONDON) | {"places_line": initial_places_line(c.capacity)}


@register_sample("recruitment_nudge")
def _nudge(config: Any) -> dict[str, Any]:
    c = _cohort(config)
    return {
        "cohort": c, "reservation_deadline": recruitment_context(c, LONDON)["closes_on"],
        "announcement_url": "https://3.basecamp.com/1/buckets/2/messages/3",
        "short": [{"name": "Camden", "needed": 2, "champion": ADA},
                  {"name": "Hackney", "needed": 1, "champion": None}],
    }


@register_sample("staff_coverage")
def _coverage(config: Any) -> dict[str, Any]:
    c = _cohort(config)
    return {
        "cohort": c, "reservation_deadline": recruitment_context(c, LONDON)["closes_on"],
        "as_of": local_datetime(c.setup_on, time(9, 0)), "total_taken": 3,
        "coverage": [{"name": "Camden", "taken": 0, "champion_name": "Ada Okafor"},
                     {"name": "Hackney", "taken": 3, "champion_name": None}],
    }


@register_sample("cohort_welcome")
def _welcome(config: Any) -> dict[str, Any]:
    c = _cohort(config)
    return {"cohort": c, "facilitators": [ADA, GRACE], "sessions": c.sessions(LONDON)}


@register_sample("reflection_agenda")
@register_sample("reflection_followup")
def _session(config: Any) -> dict[str, Any]:
    return session_context(_cohort(config), _number(config), LONDON)


@register_sample("reflection_reminder")
def _session_reminder(config: Any) -> dict[str, Any]:
    return session_context(_cohort(config), _number(config), LONDON) | {
        "participants": [ADA, GRACE]}


@register_sample("event_announcement")
def _announcement(config: Any) -> dict[str, Any]:
    occ = _occurrence(config)  # the line as first posted: the real capacity, no one yet
    return occurrence_context(occ) | {"places_line": initial_places_line(occ.series.capacity)}


@register_sample("event_reminder")
def _event_reminder(config: Any) -> dict[str, Any]:
    return occurrence_context(_occurrence(config)) | {"people": [ADA, GRACE]}


@register_sample("event_thanks")
def _event_thanks(config: Any) -> dict[str, Any]:
    return occurrence_context(_occurrence(config))


@register_sample("places_left")
def _places_left(config: Any) -> dict[str, Any]:
    return occurrence_context(_occurrence(config)) | {
        "places_left": 5, "announcement_url": "https://3.basecamp.com/1/buckets/2/messages/3"}


@register_sample("cancellation_notice")
def _cancellation(config: Any) -> dict[str, Any]:
    occ = _occurrence(config)
    reason = occ.reason if occ.cancelled else "Our speaker is unwell."  # the real one if any
    return occurrence_context(occ) | {"people": [ADA], "reason": reason}


@register_sample("unconference_call")
def _call(config: Any) -> dict[str, Any]:
    occ = _occurrence(config)
    return occurrence_context(occ) | {"agenda_at": occ.starts_at, "top": 5}


@register_sample("unconference_agenda")
def _agenda(config: Any) -> dict[str, Any]:
    occ = _occurrence(config)
    topics = [Topic("Getting buy-in for user research", 7, ADA, occ.starts_at, 1),
              Topic("Imposter syndrome <and> how we handle it", 4, GRACE, occ.starts_at, 2)]
    return occurrence_context(occ) | {"topics": topics}
