"""The whole cohort with `loti-bot tick --now`: recruitment, nudges, set-up, three sessions."""

from __future__ import annotations

from tests.events.posting_world import london

NAME = "Confident Digital Leaders, spring 2027"

COHORT = f"""\
cohorts:
  - key: spring-2027
    name: {NAME}
    course_start: 2027-03-01
    capacity: 40
    per_org_minimum: 2
    recruitment:
      announce_on: 2027-01-11
      reservation_deadline: 2027-02-05
      closes_on: 2027-02-12
      nudges: [2027-01-25, 2027-02-02]
      staff_project: LOTI staff room
    tools: [message_board, schedule, chat]
    staff: [amara.okafor@loti.london]
    participants_from: recruitment
    reflection:
      link: https://teams.example.org/reflect
      reminder_via: campfire
"""


def test_recruitment_to_last_follow_up_with_tick(world):
    world.write("cohorts.yaml", COHORT)
    staff_room = world.sb.add_project("LOTI staff room")
    p = world.people

    def tick(*when: int) -> None:
        result = world.tick(london(*when))
        assert result.exit_code == 0, result.output

    tick(2027, 1, 11, 8, 55)
    assert world.subjects() == []
    tick(2027, 1, 11, 9, 5)
    assert world.subjects() == [f"Places open: {NAME}"]
    (announcement,) = world.messages()
    for who in ("chioma", "hannah"):
        world.sb.post_comment(p[who]["id"], announcement["id"], "<div>I'd love a place</div>")
    tick(2027, 1, 11, 12, 0)  # replies read

    tick(2027, 1, 25, 9, 5)
    nudge = f"{NAME}: places held for your organisation"
    assert world.subjects() == [f"Places open: {NAME}", nudge]
    first_nudge = world.messages()[-1]["content"]
    assert "Brent: 2 places left to fill</li>" in first_nudge  # no champion to mention
    assert "Hackney: 1 place left to fill</li>" in first_nudge
    # Camden's champion is mentioned.
    sgid = p["chioma"]["attachable_sgid"]
    # (Basecamp expands the mention on write: its content type and avatar follow the sgid.)
    assert f'Camden: 1 place left to fill (<bc-attachment sgid="{sgid}" ' in first_nudge
    summary = world.messages(staff_room["id"])[0]["content"]
    assert "2 of 40 places taken" in summary
    assert "<strong>Camden</strong>: 1 signed up, 2 held (champion: Chioma Eze)" in summary
    assert "<strong>Brent</strong>: 0 signed up, 2 held (no champion)" in summary
    assert len(world.messages(staff_room["id"])) == 1

    for who in ("dee", "bea"):
        world.sb.post_comment(p[who]["id"], announcement["id"],
                              "<div>Yes please, count me in</div>")
    tick(2027, 1, 26, 9, 5)
    tick(2027, 2, 2, 9, 5)
    assert world.subjects() == [f"Places open: {NAME}", nudge, nudge]
    assert "Camden" not in world.messages()[-1]["content"]
    assert "Brent: 1 place left to fill" in world.messages()[-1]["content"]
    assert len(world.messages(staff_room["id"])) == 2

    # Set-up a week before the course: the four who signed up are on the project.
    tick(2027, 2, 22, 9, 5)
    (project,) = [x for x in world.client_projects() if x["name"] == NAME]
    pid = project["id"]
    emails = {x["email_address"] for x in world.project_people(pid)}
    assert {"chioma@camden.gov.uk", "dee@camden.gov.uk", "hannah@hackney.gov.uk",
            "bea@brent.gov.uk", "amara.okafor@loti.london"} <= emails
    assert world.subjects(pid) == [f"Welcome to {NAME}"]

    days = [((2027, 3, 5), "Reflection session 1: Monday 8 March"),
            ((2027, 3, 8), "After reflection session 1: your thoughts"),
            ((2027, 3, 19), "Reflection session 2: Monday 22 March"),
            ((2027, 3, 22), "After reflection session 2: your thoughts"),
            ((2027, 4, 2), "Reflection session 3: Monday 5 April"),
            ((2027, 4, 5), "After reflection session 3: your thoughts")]
    expected = [f"Welcome to {NAME}"]
    chat = world.tool(project, "chat")

    def reminders() -> list[dict]:
        lines = world.sb.recordings("Chat::Lines::Text", bucket_id=pid)
        return [x for x in lines if "is tomorrow" in x["content"]]

    for (y, m, d), subject in days:
        tick(y, m, d, 16, 0)
        if subject.startswith("Reflection"):
            tick(y, m, d + 2, 9, 5)  # the day before the session
        expected.append(subject)
        assert world.subjects(pid) == expected
    # Reminders went to the cohort's Campfire, as plain text, one per session.
    assert len(reminders()) == 3
    assert all(x["parent"]["id"] == chat and "<" not in x["content"] for x in reminders())
    tick(2027, 4, 30, 9, 5)
    assert world.subjects(pid) == expected
    assert world.subjects() == [f"Places open: {NAME}", nudge, nudge]
