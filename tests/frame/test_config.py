"""Config loading: the shipped example loads; every kind of mistake names file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_config

REPO = Path(__file__).resolve().parents[2]

NETWORK = """\
name: Women's Digital Leaders Network
project:
  name: WDLN
staff:
  - name: Amara Okafor
    email: amara@loti.london
    role: Network lead
organisations:
  - key: camden
    name: London Borough of Camden
    domains: [camden.gov.uk]
    champion: helen@camden.gov.uk
  - key: hackney
    name: London Borough of Hackney
    domains: [hackney.gov.uk]
"""


def write(tmp_path: Path, text: str = NETWORK, name: str = "network.yaml") -> Path:
    (tmp_path / name).write_text(text)
    return tmp_path


def error_for(tmp_path: Path) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    return caught.value


class TestExampleConfig:
    def test_shipped_config_loads(self) -> None:
        config = load_config(REPO / "config")
        net = config.network
        assert net.project.name
        assert len(net.staff) >= 2
        keys = {o.key for o in net.organisations}
        assert {"camden", "hackney", "islington", "southwark", "loti"} <= keys
        assert len(keys) >= 25
        assert sum(1 for o in net.organisations if o.champion) >= 3
        assert config.source_files[0] == REPO / "config" / "network.yaml"

    def test_members_are_recognised_by_email_domain(self) -> None:
        net = load_config(REPO / "config").network
        assert net.organisation_for("Jo.Bloggs@Camden.gov.uk").key == "camden"
        assert net.organisation_for("a@wandsworth.gov.uk").key == "richmond-wandsworth"
        assert net.organisation_for("a@londoncouncils.gov.uk").key == "london-councils"
        assert net.organisation_for("a@gmail.com") is None
        assert net.organisation_for(None) is None


class TestMinimal:
    def test_optional_files_missing_means_empty(self, tmp_path: Path) -> None:
        config = load_config(write(tmp_path))
        assert (config.cohorts, config.events, config.mentoring) == ([], [], [])
        assert config.replies.join == ()
        assert config.source_files == [tmp_path / "network.yaml"]

    def test_replies_file_is_loaded(self, tmp_path: Path) -> None:
        write(tmp_path)
        write(tmp_path, "join:\n  - save me a seat\n", "replies.yaml")
        config = load_config(tmp_path)
        assert "save me a seat" in config.replies.join
        assert tmp_path / "replies.yaml" in config.source_files

    def test_yes_and_no_stay_words(self, tmp_path: Path) -> None:
        write(tmp_path)
        write(tmp_path, "join: [yes, 'on']\ndecline: [no, nope, off]\n", "replies.yaml")
        replies = load_config(tmp_path).replies
        assert replies.join == ("yes", "on")
        assert replies.decline == ("no", "nope", "off")

    def test_empty_optional_file_is_empty(self, tmp_path: Path) -> None:
        write(tmp_path)
        write(tmp_path, "# nothing yet\n", "cohorts.yaml")
        assert load_config(tmp_path).cohorts == []

    def test_emails_and_domains_are_normalised(self, tmp_path: Path) -> None:
        text = NETWORK.replace("amara@loti.london", "Amara@LOTI.london").replace(
            "[hackney.gov.uk]", "['@Hackney.gov.uk']"
        )
        net = load_config(write(tmp_path, text)).network
        assert net.staff[0].email == "amara@loti.london"
        assert net.organisations[1].domains == ("hackney.gov.uk",)
        assert net.staff_member("AMARA@loti.london").name == "Amara Okafor"


class TestErrors:
    def test_missing_network_file(self, tmp_path: Path) -> None:
        err = error_for(tmp_path)
        assert err.file.endswith("network.yaml")
        assert "required" in err.message

    def test_bad_field_value_names_line_and_field(self, tmp_path: Path) -> None:
        err = error_for(write(tmp_path, NETWORK.replace("helen@camden.gov.uk", "helen at camden")))
        assert (err.line, err.field) == (12, "organisations[0].champion")
        assert "not an email address" in err.message
        assert str(err).startswith(f"{tmp_path / 'network.yaml'}:12: organisations[0].champion:")

    def test_bad_type_names_line_and_field(self, tmp_path: Path) -> None:
        err = error_for(
            write(tmp_path, NETWORK.replace("  name: WDLN\n", "  name: WDLN\n  id: soon\n"))
        )
        assert (err.line, err.field) == (4, "project.id")
        assert err.message == "a whole number, like 40"

    def test_unknown_key_is_reported_on_its_line(self, tmp_path: Path) -> None:
        err = error_for(
            write(
                tmp_path,
                NETWORK.replace(
                    "    role: Network lead\n", "    role: Network lead\n    phone: 0207\n"
                ),
            )
        )
        assert (err.line, err.field) == (8, "staff[0].phone")
        assert "unknown key" in err.message

    def test_missing_field_points_at_its_parent(self, tmp_path: Path) -> None:
        err = error_for(
            write(tmp_path, NETWORK.replace("    name: London Borough of Hackney\n", ""))
        )
        assert (err.line, err.field) == (13, "organisations[1].name")
        assert err.message == "this is required but missing"

    def test_rule_across_items_is_reported(self, tmp_path: Path) -> None:
        text = NETWORK.replace("[hackney.gov.uk]", "[camden.gov.uk]")
        err = error_for(write(tmp_path, text))
        assert err.field == "organisations"
        assert err.line == 8
        assert "camden.gov.uk" in err.message and "more than once" in err.message

    def test_champion_must_be_at_the_organisation(self, tmp_path: Path) -> None:
        err = error_for(
            write(tmp_path, NETWORK.replace("helen@camden.gov.uk", "helen@hackney.gov.uk"))
        )
        assert (err.line, err.field) == (9, "organisations[0]")
        assert "not at one of camden.gov.uk" in err.message

    def test_yaml_syntax_error_has_a_line(self, tmp_path: Path) -> None:
        err = error_for(
            write(
                tmp_path,
                NETWORK.replace("    domains: [hackney.gov.uk]", "    domains: [hackney.gov.uk"),
            )
        )
        assert err.line == 15 or err.line == 16
        assert "YAML syntax error" in err.message
        assert err.field is None

    def test_duplicate_key_is_an_error(self, tmp_path: Path) -> None:
        err = error_for(
            write(tmp_path, NETWORK.replace("  name: WDLN\n", "  name: WDLN\n  name: X\n"))
        )
        assert (err.line, err.field) == (4, "name")
        assert "twice" in err.message

    def test_top_level_list_is_rejected(self, tmp_path: Path) -> None:
        err = error_for(write(tmp_path, "- a\n- b\n"))
        assert err.line == 1 and "mapping" in err.message

    def test_empty_network_file_is_rejected(self, tmp_path: Path) -> None:
        assert "empty" in error_for(write(tmp_path, "")).message

    def test_bad_optional_file_rejects_the_whole_config(self, tmp_path: Path) -> None:
        write(tmp_path)
        write(tmp_path, "cohorts:\n  - nonsense: 1\n", "cohorts.yaml")
        err = error_for(tmp_path)
        assert err.file.endswith("cohorts.yaml")
        assert err.line == 2
        assert err.field.startswith("cohorts[0]")

    def test_unknown_top_level_key_in_replies(self, tmp_path: Path) -> None:
        write(tmp_path)
        write(tmp_path, "join: [count me in]\njoyn: [typo]\n", "replies.yaml")
        err = error_for(tmp_path)
        assert (err.file.endswith("replies.yaml"), err.line, err.field) == (True, 2, "joyn")
