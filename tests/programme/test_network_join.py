"""The cohort joins the network at the end of its course (sandbox, `loti-bot tick`)."""

from __future__ import annotations

from tests.events.posting_world import london

NAME = "Confident Digital Leaders, spring 2027"
COHORT = """\
cohorts:
  - key: spring-2027
    name: {name}
    course_start: 2027-03-01
    participants_from: list
    participants:
      - {{name: Chioma Eze, email: chioma@camden.gov.uk}}
      - {{name: Zara Khan, email: zara@hackney.gov.uk}}
      - {{name: Nia Brown, email: nia@brent.gov.uk, title: Product manager}}
    staff: [amara.okafor@loti.london]
    reflection:
      link: https://teams.example.org/reflect
{extra}"""
EVENTS = """\
events:
  - key: lunch-and-learn
    title: Lunch and learn
    format: online
    link: https://teams.example.org/lunch
    dates: [2027-04-20]
    at: "12:30"
    capacity: 30
    leads: {announce_days: 21, remind_days: 1}
"""


def run_course(world, extra: str = "") -> None:
    world.write("cohorts.yaml", COHORT.format(name=NAME, extra=extra))
    world.write("events.yaml", EVENTS)
    for when in [(2027, 2, 22, 9, 5), (2027, 3, 30, 9, 5), (2027, 4, 5, 16, 0),
                 (2027, 4, 12, 9, 5), (2027, 4, 13, 9, 5)]:
        result = world.tick(london(*when))
        assert result.exit_code == 0, result.output


def network_emails(world) -> set[str]:
    return {p["email_address"] for p in world.project_people(world.project["id"])}


def test_newcomers_get_access_a_welcome_and_an_invitation_to_the_next_event(world):
    zara = world.sb.add_person("Zara Khan", "zara@hackney.gov.uk")
    assert "zara@hackney.gov.uk" not in network_emails(world)
    run_course(world)
    (project,) = [x for x in world.client_projects() if x["name"] == NAME]
    last = [m for m in world.messages(project["id"])
            if m["subject"] == "After reflection session 3: your thoughts"]
    (announcement,) = [m for m in world.messages() if m["subject"].startswith("Lunch and learn")]
    assert len(last) == 1
    assert "Its next event is <a href=" in last[0]["content"]
    assert announcement["app_url"] in last[0]["content"]
    assert "Tuesday 20 April" in last[0]["content"]

    assert {"zara@hackney.gov.uk", "nia@brent.gov.uk"} <= network_emails(world)
    (welcome,) = [m for m in world.messages() if m["subject"].startswith("Welcome to the network")]
    assert welcome["subject"] == f"Welcome to the network, {NAME}"
    nia = next(p for p in world.project_people(world.project["id"])
               if p["email_address"] == "nia@brent.gov.uk")
    assert f'<bc-attachment sgid="{zara["attachable_sgid"]}"' in welcome["content"]
    assert f'<bc-attachment sgid="{nia["attachable_sgid"]}"' in welcome["content"]
    # Chioma was a member already: she is not welcomed as a newcomer.
    assert world.people["chioma"]["attachable_sgid"] not in welcome["content"]
    assert "tell LOTI what it should work on next" in welcome["content"]


def test_config_turns_it_off_for_a_cohort(world_lite):
    world = world_lite
    world.sb.add_person("Zara Khan", "zara@hackney.gov.uk")
    run_course(world, extra="    join_network: false\n")
    assert "zara@hackney.gov.uk" not in network_emails(world)
    assert not [m for m in world.messages() if m["subject"].startswith("Welcome to the network")]
    (project,) = [x for x in world.client_projects() if x["name"] == NAME]
    assert all("next event" not in m["content"] for m in world.messages(project["id"]))
