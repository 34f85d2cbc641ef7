"""`loti-bot mentoring read`: JSON Lines in, the round's reading out, bad lines reported."""

from __future__ import annotations

import json

from click.testing import CliRunner
from mentoring_helpers import REPO

from bot.commands.mentoring import mentoring_group


def _read(stdin: str, *args: str):
    return CliRunner().invoke(
        mentoring_group, ["read", "--json", "-", "--config-dir", str(REPO / "config"), *args],
        input=stdin,
    )


def test_reads_one_reply_and_a_persons_replies() -> None:
    lines = [
        {"html": "<div>Happy to mentor on Azure, I can take two people</div>"},
        {"replies": ["<div>Mentee please</div>", "<div>Sorry, I have to withdraw</div>"]},
        {"replies": ["<div>I'd like a mentor</div>", "<div>Topics: GDPR please</div>"]},
    ]
    result = _read("\n".join(json.dumps(x) for x in lines) + "\n")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(o["role"], o["topics"], o["capacity"]) for o in out] == [
        ("mentor", ["cloud"], 2), ("none", [], 0), ("mentee", ["data protection"], 0),
    ]


def test_a_bad_line_is_reported_and_the_rest_still_read() -> None:
    result = _read('{"html": "<div>Mentee please</div>"}\nnot json\n{"replies": [1]}\n'
                   '{"html": "<div>Both</div>"}\n')  # fmt: skip
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o.get("role") for o in out] == ["mentee", None, None, "both"]
    assert out[1]["line"] == 2 and "error" in out[2]
    assert "line 2" in result.stderr


def test_unknown_round_is_a_clear_error() -> None:
    result = _read('{"html": "x"}\n', "--round", "nope")
    assert result.exit_code == 2 and "no round 'nope'" in result.output


def test_capacity_is_capped_at_the_rounds_maximum() -> None:
    result = _read('{"html": "<div>I\'ll mentor, I can take 40 people</div>"}\n')
    assert json.loads(result.stdout)["capacity"] == 3  # max_capacity in config/mentoring.yaml
