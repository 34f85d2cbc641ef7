"""`loti-bot classify`: one reply with its reasons, or JSON Lines in and out."""

from __future__ import annotations

import json

from click.testing import CliRunner

from bot.commands.classify import classify_command


def run(args: list[str], stdin: str | None = None, config_dir: str = "/nonexistent"):
    return CliRunner().invoke(classify_command, [*args, "--config-dir", config_dir], input=stdin)


def test_text_prints_intent_and_deciding_words() -> None:
    result = run(["Count me out this time, it clashes with our sprint review."])
    assert result.exit_code == 0
    assert "intent: decline" in result.output
    assert "count me out" in result.output


def test_html_is_read_as_html() -> None:
    result = run(["<blockquote>Yes please!</blockquote><div>Is it recorded?</div>"])
    assert "intent: question" in result.output


def test_json_lines_in_one_object_per_line_out() -> None:
    lines = [{"html": "<div>Count me in!</div>"}, {"html": "<div>Will try 🤞</div>", "id": 7},
             {"html": "<div>Out of office until Monday</div>"}]
    result = run(["--json", "-"], "\n".join(json.dumps(x) for x in lines) + "\n")
    assert result.exit_code == 0
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["intent"] for o in out] == ["join", "maybe", "other"]
    assert out[1]["id"] == 7 and out[1]["reasons"]
    assert out[2]["out_of_office"] is True


def test_a_bad_line_gets_an_error_and_the_rest_still_run() -> None:
    result = run(["--json", "-"], 'not json\n{"html": 5}\n{"html": "<div>yes</div>"}\n')
    out = [json.loads(line) for line in result.output.splitlines()]
    assert out[0]["line"] == 1 and "error" in out[0]
    assert out[1]["line"] == 2 and "html" in out[1]["error"]
    assert out[2]["intent"] == "join"
    assert result.exit_code == 1


def test_staff_phrases_from_replies_yaml(tmp_path) -> None:
    (tmp_path / "replies.yaml").write_text("join: [bagsy]\n")
    assert "intent: join" in run(["bagsy a seat"], config_dir=str(tmp_path)).output


def test_invalid_replies_yaml_is_a_clear_error(tmp_path) -> None:
    (tmp_path / "replies.yaml").write_text("joinn: [bagsy]\n")
    result = run(["yes"], config_dir=str(tmp_path))
    assert result.exit_code != 0
    assert "replies.yaml" in result.output and "joinn" in result.output


def test_text_prints_sure_or_unsure_and_the_cues() -> None:
    sure = run(["Count me in!"]).output
    assert "intent: join (sure)" in sure and "cue join: 'count me in'" in sure
    unsure = run(["Nothing beats a Thursday session like this"]).output
    assert "(unsure: the bot asks)" in unsure


def test_json_writes_sure_on_every_line_and_takes_context_per_line() -> None:
    lines = [
        {"html": "<div>Count me in!</div>"},
        {"html": "<div>Sorry, can't make it now</div>", "had_place": True},
        {"html": "<div>Sorry, can't make it now</div>", "previous_intent": "join"},
        {"html": "<div>yes</div>", "awaiting_answer": True},
        {"html": "<div>Is it recorded?</div>", "announcement": "Talk — online"},
        {"html": "<div>Blah blah Thursday vibes</div>"},
    ]
    result = run(["--json", "-"], "\n".join(json.dumps(x) for x in lines) + "\n")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert all(isinstance(o["sure"], bool) for o in out)
    assert [o["intent"] for o in out] == ["join", "withdraw", "withdraw", "join", "question",
                                          "other"]
    assert [o["sure"] for o in out] == [True, True, True, True, True, False]
    assert out[0]["cues"] == ["join: 'count me in' (strong)"]
    # the field names the reader is measured by stay as they were
    assert {"intent", "reasons", "out_of_office", "referral", "mentions", "text"} <= set(out[0])


def test_bad_context_values_are_line_errors() -> None:
    lines = ['{"html": "yes", "had_place": "yes"}', '{"html": "yes", "previous_intent": "go"}']
    result = run(["--json", "-"], "\n".join(lines) + "\n")
    out = [json.loads(line) for line in result.output.splitlines()]
    assert "had_place" in out[0]["error"] and "previous_intent" in out[1]["error"]
    assert result.exit_code == 1
