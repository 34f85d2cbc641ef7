"""The network (config/network.yaml): its Basecamp project, staff and member organisations."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, field_validator, model_validator

from bot.config.base import StrictModel

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DOMAIN = re.compile(r"^(?=.{3,253}$)([a-z0-9-]+\.)+[a-z]{2,}$")
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _email(value: str) -> str:
    value = value.strip().lower()
    if not _EMAIL.match(value):
        raise ValueError("is not an email address")
    return value


def _domain(value: str) -> str:
    value = value.strip().lower().removeprefix("@")
    if not _DOMAIN.match(value):
        raise ValueError("is not an email domain like camden.gov.uk")
    return value


def _key(value: str) -> str:
    if not _KEY.match(value):
        raise ValueError("must be lower-case letters, digits and hyphens, e.g. 'tower-hamlets'")
    return value


Email = Annotated[str, AfterValidator(_email)]
Domain = Annotated[str, AfterValidator(_domain)]
Key = Annotated[str, AfterValidator(_key)]


class ProjectRef(StrictModel):
    """The network's main Basecamp project: found by name, or pinned by id once known."""

    name: str = Field(min_length=1)
    id: int | None = Field(default=None, gt=0)


class StaffMember(StrictModel):
    """A LOTI staff member the bot may name or pass questions to."""

    name: str = Field(min_length=1)
    email: Email
    role: str = Field(min_length=1)


class Organisation(StrictModel):
    """A member organisation, recognised by its staff's email domains."""

    key: Key
    name: str = Field(min_length=1)
    domains: tuple[Domain, ...] = Field(min_length=1)
    champion: Email | None = None  # the organisation's network champion, if it has one

    @model_validator(mode="after")
    def _champion_in_domain(self) -> Organisation:
        if self.champion and not self.owns(self.champion):
            raise ValueError(f"champion {self.champion} is not at one of {', '.join(self.domains)}")
        return self

    def owns(self, email: str) -> bool:
        """Whether this email address belongs to the organisation."""
        domain = email.strip().lower().rpartition("@")[2]
        return any(domain == d or domain.endswith("." + d) for d in self.domains)


class NetworkConfig(StrictModel):
    """network.yaml: the one required config file."""

    name: str = Field(min_length=1)
    project: ProjectRef
    staff: tuple[StaffMember, ...] = Field(min_length=1)
    organisations: tuple[Organisation, ...] = ()

    @field_validator("staff")
    @classmethod
    def _unique_staff(cls, staff: tuple[StaffMember, ...]) -> tuple[StaffMember, ...]:
        _no_duplicates([s.email for s in staff], "staff email")
        return staff

    @field_validator("organisations")
    @classmethod
    def _unique_organisations(cls, orgs: tuple[Organisation, ...]) -> tuple[Organisation, ...]:
        _no_duplicates([o.key for o in orgs], "organisation key")
        _no_duplicates([d for o in orgs for d in o.domains], "email domain")
        return orgs

    def organisation_for(self, email: str | None) -> Organisation | None:
        """The member organisation an email address belongs to (most specific domain wins)."""
        if not email:
            return None
        matches = [o for o in self.organisations if o.owns(email)]
        if not matches:
            return None
        domain = email.strip().lower().rpartition("@")[2]
        return max(matches, key=lambda o: max(len(d) for d in o.domains if domain.endswith(d)))

    def staff_member(self, email: str) -> StaffMember | None:
        """The staff member with this email, if any."""
        email = email.strip().lower()
        return next((s for s in self.staff if s.email == email), None)


def _no_duplicates(values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{what} {value!r} appears more than once")
        seen.add(value)
