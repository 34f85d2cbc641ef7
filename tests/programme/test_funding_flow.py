"""Borough funding end to end against the sandbox with `loti-bot tick`: yes, no, a colleague's
yes (ignored), an unsure answer (asked again), and a withdrawal from a borough-funded place."""

from __future__ import annotations

import csv
import io

from tests.events.posting_world import london

NAME = "Confident Digital Leaders, spring 2027"
KEY = "cohort:spring-2027:recruitment"
COHORT = f"""\
cohorts:
  - key: spring-2027
    name: {NAME}
    course_start: 2027-03-01
    capacity: 5
    per_org_minimum: 2
    recruitment:
      announce_on: 2027-01-11
      reservation_deadline: 2027-02-05
      closes_on: 2027-02-12
      nudges: [2027-01-25]
      staff_project: LOTI staff room
    staff: [amara.okafor@loti.london]
    reflection:
      link: https://teams.example.org/reflect
    funding:
      loti_places: 3
      cost_per_place: 590
      confirmers:
        - {{organisation: camden, email: ruth@camden.gov.uk}}
"""


class Funded:
    """The world with Sam (Camden) waiting and Ruth, Camden's budget holder, asked."""

    def __init__(self, world, ruth_on_network: bool = True):
        self.w = world
        world.write("cohorts.yaml", COHORT)
        sb = world.sb
        self.sam = sb.add_person("Sam Lee", "sam@camden.gov.uk")
        self.ruth = sb.add_person("Ruth Obi", "ruth@camden.gov.uk")
        sb.grant(world.project["id"], [self.sam["id"]]
                 + ([self.ruth["id"]] if ruth_on_network else []))
        self.tick(2027, 1, 11, 9, 5)
        (self.announcement,) = world.messages()
        p = world.people
        for who in ("chioma", "hannah"):
            sb.post_comment(p[who]["id"], self.announcement["id"], "<div>I'd love a place</div>")
        sb.post_comment(self.sam["id"], self.announcement["id"],
                        "<div>Yes please, count me in</div>")
        self.tick(2027, 1, 11, 12, 0)

    def tick(self, *when: int) -> None:
        result = self.w.tick(london(*when))
        assert result.exit_code == 0, result.output

    def ask(self) -> dict:
        (ask,) = [m for m in self.w.messages() if m["subject"].startswith("Can Camden")]
        return ask

    def rows(self) -> dict[str, dict]:
        result = self.w.cli("signups", KEY, "--format", "csv")
        assert result.exit_code == 0, result.output
        return {r["name"]: r for r in csv.DictReader(io.StringIO(result.stdout))}

    def bot_comments(self, recording_id: int) -> list[str]:
        me = self.w.sb.bot_person["id"]
        return [c["content"] for c in self.w.comments_on(recording_id) if c["creator"]["id"] == me]


def test_the_confirmer_says_yes_after_an_unsure_answer_and_a_colleague_s_yes(world):
    f = Funded(world)
    ask = f.ask()
    assert ask["subject"] == f"Can Camden fund a place on {NAME}?"
    assert (f"Sam Lee from Camden would like a place on {NAME}. Can Camden fund it from its "
            "training budget (£590)? Reply 'yes, we'll fund it' or 'no, sorry'.") in ask["content"]
    assert f'<bc-attachment sgid="{f.ruth["attachable_sgid"]}"' in ask["content"]
    rows = f.rows()
    assert (rows["Sam Lee"]["status"], rows["Sam Lee"]["funded_by"]) == ("waitlisted", "")
    assert rows["Chioma Eze"]["funded_by"] == "loti"

    # Chioma is Camden's champion but Ruth holds the budget: Chioma's yes is not counted.
    world.sb.post_comment(world.people["chioma"]["id"], ask["id"], "<div>yes, we'll fund it</div>")
    f.tick(2027, 1, 12, 9, 0)
    assert f.rows()["Sam Lee"]["status"] == "waitlisted"
    assert f.bot_comments(ask["id"]) == []

    # Unsure: asked again, kindly, once for that answer however many cycles pass.
    world.sb.post_comment(f.ruth["id"], ask["id"], "<div>Hmm, let me check with finance</div>")
    f.tick(2027, 1, 12, 10, 0)
    f.tick(2027, 1, 12, 11, 0)
    (again,) = f.bot_comments(ask["id"])
    assert "couldn't quite tell" in again and f.ruth["attachable_sgid"] in again
    assert f.rows()["Sam Lee"]["status"] == "waitlisted"

    world.sb.post_comment(f.ruth["id"], ask["id"], "<div>Yes, we'll fund it</div>")
    f.tick(2027, 1, 13, 9, 0)
    sam = f.rows()["Sam Lee"]
    assert (sam["status"], sam["funded_by"]) == ("confirmed", "camden")
    assert "now has a place" in f.bot_comments(ask["id"])[-1]
    told = f.bot_comments(f.announcement["id"])
    assert any("it's yours" in c and f.sam["attachable_sgid"] in c for c in told)
    announcement = world.sb.get(f.announcement["id"])
    assert "3 of 4 places taken" in announcement["content"]

    # The staff summary: LOTI's spend, Camden's place, organisations below two people.
    staff_room = world.sb.add_project("LOTI staff room")
    f.tick(2027, 1, 25, 9, 5)
    (summary,) = world.messages(staff_room["id"])
    assert "LOTI: 2 of 3 funded places taken, £1,180 of its £1,770 budget." in summary["content"]
    assert "Funded by organisations: Camden 1." in summary["content"]
    assert "Still below two people: Hackney, Brent." in summary["content"]


def test_the_confirmer_says_no_and_the_person_is_told_kindly(world):
    f = Funded(world)
    ask = f.ask()
    world.sb.post_comment(f.ruth["id"], ask["id"], "<div>No, sorry</div>")
    f.tick(2027, 1, 12, 9, 0)
    assert f.rows()["Sam Lee"]["status"] == "waitlisted"
    (thanks,) = f.bot_comments(ask["id"])
    assert "stays on the waiting list" in thanks
    (told,) = [c for c in f.bot_comments(f.announcement["id"]) if "can't fund" in c]
    assert f.sam["attachable_sgid"] in told and "still on the waiting list" in told
    # A later change of heart on the same ask is not read: the answer was given.
    world.sb.post_comment(f.ruth["id"], ask["id"], "<div>yes, we'll fund it</div>")
    f.tick(2027, 1, 13, 9, 0)
    assert f.rows()["Sam Lee"]["status"] == "waitlisted"
    assert len(f.bot_comments(ask["id"])) == 1


def test_withdrawing_from_a_borough_funded_place(world):
    f = Funded(world)
    world.sb.post_comment(f.ruth["id"], f.ask()["id"], "<div>yes, we'll fund it</div>")
    f.tick(2027, 1, 12, 9, 0)
    assert f.rows()["Sam Lee"]["funded_by"] == "camden"
    world.sb.post_comment(f.sam["id"], f.announcement["id"],
                          "<div>Sorry, I can no longer make it, please release my place</div>")
    f.tick(2027, 1, 13, 9, 0)
    rows = f.rows()
    assert (rows["Sam Lee"]["status"], rows["Sam Lee"]["funded_by"]) == ("withdrawn", "")
    assert [r["funded_by"] for r in rows.values() if r["status"] == "confirmed"] == ["loti"] * 2
    assert "2 of 3 places taken" in world.sb.get(f.announcement["id"])["content"]
    # Nobody is waiting, so no organisation is asked again.
    assert len([m for m in world.messages() if m["subject"].startswith("Can ")]) == 1


def test_a_budget_holder_outside_the_network_is_given_access_to_answer(world_lite):
    world = world_lite
    f = Funded(world, ruth_on_network=False)
    people = {p["email_address"] for p in world.project_people(world.project["id"])}
    assert "ruth@camden.gov.uk" in people
    assert f.ruth["attachable_sgid"] in f.ask()["content"]
