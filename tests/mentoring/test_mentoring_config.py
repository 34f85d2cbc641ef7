"""config/mentoring.yaml: the shipped round is valid, mistakes are named by file and line."""

from __future__ import annotations

import shutil

import pytest
from mentoring_helpers import REPO, SHARED, shipped_round

from bot.config import ConfigError, load_config

BASE = """mentoring:
  - key: r1
    title: Round one
    call_at: 2027-02-01 10:00
    match_at: 2027-02-22 10:00
    introduce_at: 2027-02-24 10:00
    approval: false
    topics: {cloud: [azure]}
"""


def _load(tmp_path, text: str):
    shutil.copy(REPO / "config" / "network.yaml", tmp_path / "network.yaml")
    (tmp_path / "mentoring.yaml").write_text(text)
    return load_config(tmp_path)


def test_shipped_vocabulary_covers_every_corpus_topic() -> None:
    readme = (SHARED / "corpus" / "README.md").read_text()
    listed = readme.split("Topic names come from this list: ")[1].split(".")[0]
    names = {n.strip() for n in listed.split(",")}
    assert len(names) == 22 and names <= set(shipped_round().topics)


def test_shipped_round_has_levels_from_apprentice_to_cdo() -> None:
    levels = [lv.name for lv in shipped_round().levels]
    assert levels[0] == "apprentice" and levels[-1] == "chief digital officer"


def test_naive_dates_are_london_time(tmp_path) -> None:
    rnd = _load(tmp_path, BASE).mentoring[0]
    assert rnd.call_at.utcoffset().total_seconds() == 0  # February: GMT
    assert rnd.follow_up_at.isoformat().startswith("2027-04-07T10:00:00+01:00")  # BST by then


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("match_at: 2027-02-22", "match_at: 2027-01-22"), "dates must run"),
        (("approval: false", "approval: true"), "approval_project"),
        (("approval: false", "aproval: false"), "unknown key"),
        (("key: r1", "key: Round 1"), "key"),
        (("introduce_at: 2027-02-24 10:00", "introduce_at: someday"), "introduce_at"),
    ],
)
def test_mistakes_name_the_file_and_line(tmp_path, change, message) -> None:
    with pytest.raises(ConfigError) as err:
        _load(tmp_path, BASE.replace(*change))
    assert "mentoring.yaml:" in str(err.value) and message in str(err.value)
