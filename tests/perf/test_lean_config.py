"""Config is parsed once, with libyaml's parser where there is one, reading exactly as before."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot import config as config_module
from bot.config import ConfigError, load_config

REPO = Path(__file__).resolve().parents[2]


def test_the_fast_parser_reads_every_shipped_file_as_pure_python_does() -> None:
    files = sorted((REPO / "config").glob("*.yaml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        fast = yaml.load(text, Loader=config_module._Loader)
        assert fast == yaml.load(text, Loader=config_module._PyLoader), path


def test_the_yaml_12_reading_holds_on_the_fast_parser() -> None:
    text = "a: no\nb: 12:30\nc: 2027-02-30\nd: true\ne: 7\nf: 1.5\n"
    data = yaml.load(text, Loader=config_module._Loader)
    assert data == {"a": "no", "b": "12:30", "c": "2027-02-30", "d": True, "e": 7, "f": 1.5}


@pytest.mark.parametrize(("text", "line", "words"), [
    ("network:\n\tname: x\n", 2, "'\\t'"),  # the exact wording names the tab
    ("network: *nope\n", 1, "'nope'"),
    ("network: [1, 2\nb: 3\n", 2, "expected ',' or ']'"),
])  # fmt: skip
def test_a_syntax_error_keeps_its_line_and_exact_wording(tmp_path: Path, text: str, line: int,
                                                         words: str) -> None:
    (tmp_path / "network.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    err = caught.value
    assert err.line == line
    assert "YAML syntax error" in err.message and words in err.message
    assert str(err).startswith(f"{tmp_path / 'network.yaml'}:{line}:")
