"""Templates: escaping, Basecamp-clean output, British dates, clear errors, and `check`."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.render import SAMPLES, Renderer, TemplateError, check_templates

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
ADA = {"name": "Ada <Lovelace>", "attachable_sgid": "sgid-ada"}

EXPECTED = {
    "recruitment_announcement", "recruitment_nudge", "staff_coverage", "cohort_welcome",
    "reflection_agenda", "reflection_reminder", "reflection_followup", "event_announcement",
    "event_reminder", "places_left", "cancellation_notice", "unconference_call",
    "unconference_agenda",
}


@pytest.fixture
def tdir(tmp_path: Path) -> Path:
    """A copy of the default templates that a test may break."""
    dest = tmp_path / "templates"
    shutil.copytree(TEMPLATES, dest)
    return dest


def write(tdir: Path, name: str, body: str) -> None:
    (tdir / f"{name}.html.j2").write_text(
        '{% extends "_layout.html.j2" %}{% import "_macros.html.j2" as m %}\n' + body
    )


class TestDefaults:
    def test_every_post_has_a_default_template(self):
        assert set(Renderer(TEMPLATES).names()) >= EXPECTED

    def test_check_passes_on_the_defaults(self):
        problems = [p for p in check_templates(TEMPLATES) if Path(p.file).name.split(".")[0]
                    in EXPECTED | {"_layout", "_macros"}]
        assert problems == []
        assert set(SAMPLES) >= EXPECTED

    def test_check_passes_with_the_real_example_config(self):
        from bot.config import load_config

        config = load_config(TEMPLATES.parent / "config")
        problems = [p for p in check_templates(TEMPLATES, config)
                    if Path(p.file).name.split(".")[0] in EXPECTED]
        assert problems == []

    def test_outputs_use_only_basecamp_tags(self):
        import re

        from bot.render import _load_samples

        _load_samples()  # the feature modules register theirs (check_templates does this too)
        r = Renderer(TEMPLATES)
        allowed = {"div", "br", "strong", "em", "a", "ol", "ul", "li", "bc-attachment", "h1",
                   "blockquote", "strike", "pre"}
        for name in sorted(EXPECTED):
            body = r.render(name, **SAMPLES[name](None))
            tags = set(re.findall(r"</?([a-z0-9-]+)", body))
            assert tags <= allowed, (name, tags - allowed)
            assert "\n" not in body


class TestEscaping:
    def test_member_text_is_escaped_and_mentions_kept(self, tdir: Path):
        write(tdir, "t", "{% block subject %}Hi {{ who.name }}{% endblock %}"
              "{% block body %}<div>{{ m.mention(who) }} said: {{ text }}</div>{% endblock %}")
        r = Renderer(tdir)
        body = r.render("t", who=ADA, text='<script>alert(1)</script><img src=x onerror=y>')
        assert '<bc-attachment sgid="sgid-ada"></bc-attachment>' in body
        assert "<script>" not in body and "<img" not in body
        assert "&lt;script&gt;" in body
        # Subjects are plain text: entities decoded, tags gone.
        assert r.render_subject("t", who=ADA, text="") == "Hi Ada <Lovelace>"

    def test_mention_without_sgid_falls_back_to_escaped_name(self, tdir: Path):
        write(tdir, "t", "{% block subject %}x{% endblock %}"
              "{% block body %}<div>{{ m.mention(who) }}</div>{% endblock %}")
        body = Renderer(tdir).render("t", who={"name": "Jo & <b>Co</b>"})
        assert body == "<div>Jo &amp; &lt;b&gt;Co&lt;/b&gt;</div>"

    @pytest.mark.parametrize(("names", "text"), [
        (["Jo"], "<div>Jo</div>"),
        (["Jo", "Sam"], "<div>Jo and Sam</div>"),
        (["Jo", "Sam", "Ife"], "<div>Jo, Sam and Ife</div>"),
    ])
    def test_several_people_read_as_a_sentence(self, tdir: Path, names, text):
        write(tdir, "t", "{% block subject %}x{% endblock %}"
              "{% block body %}<div>{{ m.mentions(people) }}</div>{% endblock %}")
        people = [{"name": n} for n in names]  # no sgid: plain names
        assert Renderer(tdir).render("t", people=people) == text

    def test_template_tags_outside_basecamp_set_are_cleaned(self, tdir: Path):
        write(tdir, "t", "{% block subject %}x{% endblock %}{% block body %}"
              '<div><span style="color:red">hi</span><table><tr><td>x</td></tr></table>'
              '<a href="https://loti.london" onclick="z">LOTI</a></div>{% endblock %}')
        body = Renderer(tdir).render("t")
        assert "<span" not in body and "<table" not in body and "onclick" not in body
        assert '<a href="https://loti.london">LOTI</a>' in body

    def test_unsafe_link_becomes_plain_text(self, tdir: Path):
        write(tdir, "t", "{% block subject %}x{% endblock %}"
              "{% block body %}<div>{{ m.link(url, 'click') }}</div>{% endblock %}")
        assert Renderer(tdir).render("t", url="javascript:alert(1)") == "<div>click</div>"


class TestBritishDates:
    r = Renderer(TEMPLATES)

    def test_date_style(self):
        assert self.r.uk_date(date(2026, 12, 8)) == "Tuesday 8 December"
        assert self.r.uk_date(date(2026, 12, 8), year=True) == "Tuesday 8 December 2026"

    def test_times_are_london_across_bst(self):
        summer = datetime(2026, 7, 14, 11, 30, tzinfo=UTC)  # 12:30 BST
        winter = datetime(2026, 12, 8, 12, 30, tzinfo=UTC)  # 12:30 GMT
        assert self.r.time_range(summer, datetime(2026, 7, 14, 12, 30, tzinfo=UTC)) == \
            "12:30pm to 1:30pm"
        assert self.r.uk_time(winter) == "12:30pm"
        assert self.r.uk_time(datetime(2026, 12, 8, 12, 0, tzinfo=UTC)) == "midday"
        assert self.r.uk_time(datetime(2026, 12, 8, 9, 0, tzinfo=UTC)) == "9am"
        # Late evening UTC is already the next day in summer.
        assert self.r.uk_date(datetime(2026, 7, 14, 23, 30, tzinfo=UTC)) == "Wednesday 15 July"


class TestErrors:
    def test_undefined_variable_names_file_and_line(self, tdir: Path):
        write(tdir, "t", "{% block subject %}x{% endblock %}{% block body %}\n<div>ok</div>\n"
              "<div>{{ evnt.title }}</div>{% endblock %}")
        with pytest.raises(TemplateError) as info:
            Renderer(tdir).render("t", event={})
        assert info.value.file.endswith("t.html.j2")
        assert info.value.line == 4
        assert "evnt" in info.value.message

    def test_a_template_compiled_from_another_folder_names_its_own_file(self, tmp_path: Path):
        # Compiled code is shared by content across folders (`check` runs on copies); the
        # error must still name the file that was rendered, not the first one compiled.
        body = ("{% block subject %}x{% endblock %}{% block body %}\n<div>ok</div>\n"
                "<div>{{ evnt.title }}</div>{% endblock %}")
        files = []
        for folder in ("first", "second"):
            shutil.copytree(TEMPLATES, tmp_path / folder)
            write(tmp_path / folder, "same", body)
            with pytest.raises(TemplateError) as info:
                Renderer(tmp_path / folder).render("same", event={})
            files.append(info.value.file)
            assert info.value.line == 4
        assert files == [str(tmp_path / f / "same.html.j2") for f in ("first", "second")]

    def test_syntax_error_names_file_and_line(self, tdir: Path):
        write(tdir, "t", "{% block subject %}x{% endblock %}\n{% block body %}\n"
              "{% if %}{% endblock %}")
        with pytest.raises(TemplateError) as info:
            Renderer(tdir).render("t")
        assert info.value.file.endswith("t.html.j2")
        assert info.value.line == 4

    def test_missing_template(self, tdir: Path):
        with pytest.raises(TemplateError, match="template not found"):
            Renderer(tdir).render("nope")

    def test_check_reports_each_broken_template(self, tdir: Path):
        text = (tdir / "event_reminder.html.j2").read_text()
        (tdir / "event_reminder.html.j2").write_text(text.replace("event.title", "event.titel", 1))
        (tdir / "places_left.html.j2").write_text("{% block subject %}{% if %}{% endblock %}")
        (tdir / "mystery.html.j2").write_text("{% block subject %}x{% endblock %}")
        problems = {Path(p.file).name: p for p in check_templates(tdir)}
        assert set(problems) >= {"event_reminder.html.j2", "places_left.html.j2",
                                 "mystery.html.j2"}
        assert not set(problems) & {f"{n}.html.j2" for n in EXPECTED - {
            "event_reminder", "places_left"}}
        assert problems["event_reminder.html.j2"].line == 3
        assert "titel" in problems["event_reminder.html.j2"].message
        assert "no sample data" in problems["mystery.html.j2"].message


def test_only_the_latest_versions_of_an_edited_template_stay_compiled(tdir: Path):
    from bot import render

    cache = render._bytecode_cache()
    for version in range(render._VERSIONS_KEPT + 3):
        write(tdir, "edited", f"{{% block subject %}}v{version}{{% endblock %}}"
                              f"{{% block body %}}<div>{version}</div>{{% endblock %}}")
        assert Renderer(tdir).render_subject("edited") == f"v{version}"
    kept = [key for key in cache._store if key[0] == cache.get_cache_key("edited.html.j2")]
    assert len(kept) == render._VERSIONS_KEPT
