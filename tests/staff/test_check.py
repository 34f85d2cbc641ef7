"""`loti-bot check` catches each staff mistake with `file:line: field: message`, before posting."""

from __future__ import annotations

import pytest

from tests.staff.staff_support import StaffDesk, error_line

EVENTS = "config/events.yaml"
COHORTS = "config/cohorts.yaml"


def failing(desk: StaffDesk, *args: str, **env: str) -> str:
    result = desk.run("check", *args, **env)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return result.output


def test_the_shipped_config_passes(desk: StaffDesk) -> None:
    result = desk.run("check")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok:")


class TestYamlTypes:
    def test_unquoted_time_is_read_as_a_time_not_a_number(self, desk: StaffDesk) -> None:
        desk.edit(EVENTS, 'at: "12:30"', "at: 12:30")
        from bot.config import load_config

        series = load_config(desk.config_dir).events[0]
        assert (series.at.hour, series.at.minute) == (12, 30)
        assert desk.run("check").exit_code == 0

    def test_a_number_where_a_time_goes_says_to_quote_it(self, desk: StaffDesk) -> None:
        desk.edit(EVENTS, 'at: "12:30"', "at: 1230")
        line = error_line(failing(desk))
        expected = desk.line_of(EVENTS, "at: 1230")
        assert line.startswith(f"{desk.config_dir / 'events.yaml'}:{expected}: events[0].at: ")
        assert '"12:30"' in line

    def test_a_one_digit_hour_is_a_time(self, desk: StaffDesk) -> None:
        desk.edit(EVENTS, 'at: "09:30"', "at: 9:30")
        from bot.config import load_config

        series = load_config(desk.config_dir).events[1]
        assert (series.at.hour, series.at.minute) == (9, 30)

    def test_impossible_date_names_file_and_line(self, desk: StaffDesk) -> None:
        desk.edit(EVENTS, "dates: [2027-06-17]", "dates: [2027-02-30]")
        line = error_line(failing(desk))
        expected = desk.line_of(EVENTS, "2027-02-30")
        assert line.startswith(f"{desk.config_dir / 'events.yaml'}:{expected}: events[1].dates")
        assert "2027-02-30" in line and "not a real date" in line

    def test_a_list_where_one_value_goes_is_said_in_plain_words(self, desk: StaffDesk) -> None:
        desk.edit(EVENTS, "dates: [2027-06-17]", "dates: 2027-06-17")
        line = error_line(failing(desk))
        assert "events[1].dates: a list of dates, like [2027-06-17]" in line
        assert "tuple" not in line

    @pytest.mark.parametrize(("old", "new", "said"), [
        ("format: in_person", "format: in-person", "events[1].format: must be one of: online, "
                                                   "in_person"),
        ("capacity: 60", "capacity: sixty", "events[0].capacity: a whole number, like 40"),
        ("capacity: 80", "capacity: 80\n    waitlist: nope", "events[1].waitlist: true or false"),
        ("minutes: 180", "minutes: 0", "events[1].minutes: must be more than 0"),
    ])
    def test_pydantic_errors_in_staff_words(self, desk: StaffDesk, old, new, said) -> None:
        desk.edit(EVENTS, old, new)
        line = error_line(failing(desk))
        assert line.endswith(said), line
        assert "Input should" not in line

    def test_no_stays_a_word(self, desk: StaffDesk) -> None:
        desk.edit(EVENTS, "title: Lunch and learn", "title: no")
        from bot.config import load_config

        assert load_config(desk.config_dir).events[0].title == "no"


class TestDuplicates:
    def test_two_series_with_one_key(self, desk: StaffDesk) -> None:
        desk.edit(EVENTS, "key: summer-unconference", "key: lunch-and-learn")
        line = error_line(failing(desk))
        lines = (desk.config_dir / "events.yaml").read_text().splitlines()
        second = [n for n, t in enumerate(lines, 1) if "key: lunch-and-learn" in t][1]
        assert line.startswith(f"{desk.config_dir / 'events.yaml'}:{second}: events[1].key: ")
        assert "lunch-and-learn" in line and "already" in line

    def test_two_cohorts_with_one_key(self, desk: StaffDesk) -> None:
        path = desk.config_dir / "cohorts.yaml"
        text = path.read_text()
        block = text[text.index("  - key: spring-2027"):]
        path.write_text(text.rstrip("\n") + "\n\n" + block)  # copied, key unchanged
        lines = path.read_text().splitlines()
        second = [n for n, t in enumerate(lines, 1) if "key: spring-2027" in t][1]
        line = error_line(failing(desk))
        assert line.startswith(f"{path}:{second}: cohorts[1].key: ")
        assert "spring-2027" in line


class TestTemplates:
    def test_typo_in_a_branch_the_config_never_reaches(self, desk: StaffDesk) -> None:
        # The shipped lunch-and-learn is online; the typo is in the in-person branch.
        desk.edit("templates/event_announcement.html.j2", "{{ event.venue }}",
                  "{{ event.venu }}")
        line = error_line(failing(desk))
        assert line.startswith(f"{desk.templates_dir / 'event_announcement.html.j2'}:5: ")
        assert "venu" in line and "venue" in line  # names the typo and suggests the field

    def test_typo_in_an_unconference_branch(self, desk: StaffDesk) -> None:
        desk.edit("templates/event_announcement.html.j2",
                  "This one is an unconference", "This one is {{ occurrence.dayy }}")
        line = error_line(failing(desk))
        assert "event_announcement.html.j2:7: " in line and "dayy" in line

    def test_missing_template_file(self, desk: StaffDesk) -> None:
        (desk.templates_dir / "event_reminder.html.j2").unlink()
        output = failing(desk)
        assert "event_reminder.html.j2" in output and "missing" in output

    def test_template_named_in_config_that_does_not_exist(self, desk: StaffDesk) -> None:
        desk.edit(EVENTS, "    minutes: 60\n",
                  "    minutes: 60\n    announcement_template: lunch_announcment\n")
        line = error_line(failing(desk))
        expected = desk.line_of(EVENTS, "announcement_template:")
        assert line.startswith(
            f"{desk.config_dir / 'events.yaml'}:{expected}: events[0].announcement_template: ")
        assert "lunch_announcment" in line and "event_announcement" in line

    @pytest.mark.parametrize("name", ["event_announcement", "recruitment_announcement"])
    def test_announcement_without_places_line(self, desk: StaffDesk, name: str) -> None:
        desk.edit(f"templates/{name}.html.j2", "{{ places_line }}", "")
        line = error_line(failing(desk))
        body = desk.line_of(f"templates/{name}.html.j2", "{% block body %}")
        assert line.startswith(f"{desk.templates_dir / (name + '.html.j2')}:{body}: ")
        assert "places_line" in line

    def test_empty_rendered_post(self, desk: StaffDesk) -> None:
        path = desk.templates_dir / "places_left.html.j2"
        text = path.read_text()
        start, end = text.index("{% block body %}"), text.index("{% endblock %}", text.index(
            "{% block body %}"))
        path.write_text(text[:start] + "{% block body %}<div> </div>" + text[end:])
        line = error_line(failing(desk))
        assert "places_left.html.j2:" in line and "empty" in line


class TestDatabaseUrl:
    @pytest.mark.parametrize("url", ["not-a-url", "mysql://bot:pw@db/loti"])
    def test_bad_database_url_names_the_variable(self, desk: StaffDesk, url: str) -> None:
        result = desk.run("check", DATABASE_URL=url)
        assert result.exit_code == 2, result.output
        assert "DATABASE_URL" in result.output
        assert "Traceback" not in result.output and "pw" not in result.output

    @pytest.mark.parametrize("url", ["postgres://u@h/db", "postgresql://u@h:5432/db",
                                     "sqlite:///data/x.sqlite3", "postgresql+psycopg://u@h/d"])
    def test_good_database_urls_pass(self, desk: StaffDesk, url: str) -> None:
        assert desk.run("check", DATABASE_URL=url).exit_code == 0
