"""Mentoring round config (config/mentoring.yaml): dates, places, vocabulary, matching weights."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import cached_property
from typing import Literal

from pydantic import Field, PositiveInt, field_validator, model_validator

from bot.config.base import LocalDateTime, StrictModel
from bot.core.calendar import LONDON
from bot.core.matching import Rules, Weights
from bot.core.mentoring import Vocabulary

DEFAULT_PROMPTS = (
    "What would you most like to get out of the next few months?",
    "What is one thing at work you are wrestling with right now?",
    "How often would you like to meet, and how: online, in person or a mix?",
)


class Level(StrictModel):
    """A seniority level and the job titles that mean it."""

    name: str = Field(min_length=1)
    synonyms: tuple[str, ...] = ()


class MatchWeights(StrictModel):
    """How much each thing counts when pairing people (higher counts more)."""

    matched: float = Field(default=10.0, ge=0)  # for each pair made at all
    topic: float = Field(default=5.0, ge=0)  # per shared topic
    general: float = Field(default=1.0, ge=0)  # mentor offers any topic
    seniority: float = Field(default=3.0, ge=0)  # mentor at least `seniority_gap` levels above
    across_orgs: float = Field(default=2.0, ge=0)  # mentor and mentee in different organisations
    preference: float = Field(default=2.0, ge=0)  # per stated preference met


class MentoringRound(StrictModel):
    """One mentoring round: call, matching, introductions, follow-up."""

    key: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=1)
    # Dates: naive times are London time.
    call_at: LocalDateTime
    match_at: LocalDateTime
    introduce_at: LocalDateTime
    follow_up_after_weeks: PositiveInt = 6
    # Where: the call goes on the network project's message board unless a project is named.
    project: str | None = None
    approval: bool = True
    approval_project: str | None = None  # staff-only project for proposed pairs
    approvers: tuple[str, ...] = ()  # staff emails; empty = every staff member in network.yaml
    introduce_via: Literal["comment", "message", "campfire"] = "comment"
    introductions_project: str | None = None  # for "message"/"campfire"; default: the call's
    # Matching
    seniority_gap: int = Field(default=1, ge=0)
    seniority: Literal["required", "preferred"] = "preferred"
    across_orgs: Literal["required", "preferred", "ignored"] = "preferred"
    max_capacity: PositiveInt = 3
    weights: MatchWeights = MatchWeights()
    previous_pairs: tuple[tuple[str, str], ...] = ()  # (mentor email, mentee email) before the bot
    prompts: tuple[str, ...] = Field(default=DEFAULT_PROMPTS, min_length=1, max_length=4)
    topics: dict[str, tuple[str, ...]] = Field(min_length=1)
    levels: tuple[Level, ...] = Field(default=(), description="most junior first")

    @field_validator("call_at", "match_at", "introduce_at")
    @classmethod
    def _london(cls, value: datetime) -> datetime:
        return value.replace(tzinfo=LONDON) if value.tzinfo is None else value

    @field_validator("topics")
    @classmethod
    def _lower_topics(cls, topics: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        return {k.strip().lower(): tuple(s.strip().lower() for s in v) for k, v in topics.items()}

    @model_validator(mode="after")
    def _order(self) -> MentoringRound:
        if not self.call_at < self.match_at <= self.introduce_at:
            raise ValueError("dates must run call_at < match_at <= introduce_at")
        if self.approval and not self.approval_project:
            raise ValueError("approval is on, so approval_project (a staff-only project) is needed")
        return self

    @property
    def follow_up_at(self) -> datetime:
        """When pairs are asked whether they have met."""
        return self.introduce_at + timedelta(weeks=self.follow_up_after_weeks)

    def vocabulary(self) -> Vocabulary:
        """The reply reader's vocabulary for this round (compiled once)."""
        return self._vocabulary

    @cached_property
    def _vocabulary(self) -> Vocabulary:
        return Vocabulary(
            topics=self.topics, levels=tuple((lv.name, lv.synonyms) for lv in self.levels)
        )

    def rules(self) -> Rules:
        """The matcher's rules for this round."""
        w = self.weights
        return Rules(
            weights=Weights(
                w.matched, w.topic, w.general, w.seniority, w.across_orgs, w.preference
            ),
            seniority_gap=self.seniority_gap,
            seniority_required=self.seniority == "required",
            across_orgs=self.across_orgs,
            levels=tuple(lv.name for lv in self.levels),
        )
