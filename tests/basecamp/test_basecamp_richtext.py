"""Rich text: safe HTML out, members' HTML read back as plain text."""

from __future__ import annotations

import json

import pytest
from basecamp_helpers import SHARED
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.basecamp.models import Person
from bot.basecamp.richtext import (
    bullet_list,
    clean_html,
    escape,
    html_to_text,
    link,
    mention,
    mentioned_names,
    mentioned_sgids,
    text_parts,
    text_to_html,
)

CORPUS = SHARED / "corpus" / "replies-dev.jsonl"
EXPANDED = (
    '<bc-attachment sgid="SG1" content-type="application/vnd.basecamp.mention"><figure>'
    '<img src="https://x/avatar.png" class="avatar"><figcaption>Priya Shah</figcaption>'
    "</figure></bc-attachment>"
)


def corpus_cases() -> list[dict]:
    return [json.loads(line) for line in CORPUS.read_text().splitlines() if line.strip()]


class TestWriting:
    def test_escape_neutralises_markup(self):
        assert escape('<b>"Tom & Jerry"</b>') == "&lt;b&gt;&quot;Tom &amp; Jerry&quot;&lt;/b&gt;"

    def test_mention_uses_the_attachable_sgid(self):
        ada = Person(id=1, name="Ada", attachable_sgid="BAh7==--abc")
        assert mention(ada) == '<bc-attachment sgid="BAh7==--abc"></bc-attachment>'
        quoted = mention({"attachable_sgid": 'x"y'})
        assert quoted == '<bc-attachment sgid="x&quot;y"></bc-attachment>'

    def test_mention_without_sgid_is_a_clear_error(self):
        with pytest.raises(ValueError, match="attachable_sgid"):
            mention(Person(id=1, name="Ada"))

    def test_text_to_html_keeps_lines_and_escapes(self):
        assert text_to_html("a < b\nc") == "<div>a &lt; b<br>c</div>"

    def test_link_keeps_only_web_and_mail_urls(self):
        assert link("https://loti.london", "LOTI") == '<a href="https://loti.london">LOTI</a>'
        assert link("javascript:alert(1)", "x") == "x"

    def test_bullet_list(self):
        assert bullet_list(["a&b", "c"]) == "<ul><li>a&amp;b</li><li>c</li></ul>"


class TestCleanHtml:
    def test_keeps_basecamp_tags_and_drops_the_rest(self):
        dirty = ('<div><h2>T</h2><strong>b</strong><span style="x">s</span>'
                 '<a href="https://x.y" onclick="evil()" target="_blank">l</a></div>')
        assert clean_html(dirty) == '<div>T<strong>b</strong>s<a href="https://x.y">l</a></div>'

    def test_removes_scripts_with_their_content_and_bad_links(self):
        assert clean_html('<div><script>alert(1)</script><a href="javascript:x">y</a></div>') == (
            "<div><a>y</a></div>")

    def test_keeps_mentions_and_collapses_expanded_ones(self):
        assert clean_html(f"<div>Hi {EXPANDED}</div>") == (
            '<div>Hi <bc-attachment sgid="SG1" content-type="application/vnd.basecamp.mention">'
            "</bc-attachment></div>")
        assert clean_html(mention({"attachable_sgid": "S"})) == mention({"attachable_sgid": "S"})

    def test_allowed_tags_survive_unchanged(self):
        html = ("<div><h1>H</h1><em>e</em><strike>s</strike><pre>p</pre><ol><li>1</li></ol>"
                "<blockquote>q</blockquote><br></div>")
        assert clean_html(html) == html


class TestReading:
    def test_breaks_and_blocks_become_newlines_and_entities_decode(self):
        assert html_to_text("<div>Yes&nbsp;please&amp;thanks<br>Sam</div><div>Team</div>") == (
            "Yes please&thanks\nSam\nTeam")

    def test_empty_paragraph_is_a_blank_line(self):
        assert html_to_text("<div>Hi</div><div><br></div><div>Bye</div>") == "Hi\n\nBye"

    def test_lists_become_lines(self):
        assert html_to_text("<div>Topics:</div><ul><li>AI</li><li>cloud</li></ul>") == (
            "Topics:\n- AI\n- cloud")

    def test_quotes_are_set_apart(self):
        parts = text_parts("<blockquote>Reply if you want a place</blockquote><div>Me too!</div>")
        assert parts.text == "Me too!"
        assert parts.quotes == ["Reply if you want a place"]
        assert html_to_text("<blockquote>q</blockquote><div>a</div>", drop_quotes=False) == (
            "> q\na")

    def test_nested_quotes_stay_quoted(self):
        parts = text_parts("<blockquote>a<blockquote>b</blockquote>c</blockquote>d")
        assert parts.text == "d"
        assert parts.quotes == ["a\nb\nc"]

    def test_mentions_read_as_the_persons_name(self):
        parts = text_parts(f"<div>Same as {EXPANDED} — yes please!</div>")
        assert parts.text == "Same as Priya Shah — yes please!"
        assert parts.mention_names == ["Priya Shah"]
        assert mentioned_sgids(f"<div>{EXPANDED}</div>") == ["SG1"]

    def test_mentions_inside_quotes_are_not_the_repliers_own(self):
        parts = text_parts(f"<blockquote>{EXPANDED} asked</blockquote><div>+1</div>")
        assert parts.mention_names == []
        assert parts.all_mention_names == ["Priya Shah"]

    def test_unexpanded_mentions_give_their_sgid(self):
        html = '<div><bc-attachment sgid="abc"></bc-attachment> hi</div>'
        assert mentioned_sgids(html) == ["abc"]

    def test_file_attachments_are_not_mentions_or_text(self):
        html = ('<div>See <bc-attachment sgid="F" content-type="image/png" caption="c">'
                "<figure><figcaption>photo.png</figcaption></figure></bc-attachment></div>")
        assert html_to_text(html) == "See"
        assert mentioned_sgids(html) == [] and mentioned_names(html) == []

    def test_scripts_and_styles_are_not_text(self):
        assert html_to_text("<div>a<script>x()</script><style>p{}</style>b</div>") == "ab"

    @pytest.mark.parametrize("html", [None, "", "<", "<div", "</div></div>", "<<>>",
                                      "<div><bc-attachment><figcaption>", "&#xZZ;", "\x00"])
    def test_broken_html_never_raises(self, html):
        assert isinstance(html_to_text(html), str)

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.sampled_from(
        ["<div>", "</div>", "<blockquote>", "</blockquote>", "<br>", "<li>", "</ul>", "&amp;",
         "<bc-attachment sgid='x' content-type='application/vnd.basecamp.mention'>",
         "</bc-attachment>", "<figcaption>", "</figcaption>", "<script>", "<", ">", "&",
         "text", " ", "\n", "é", "😀"]), max_size=40))
    def test_any_tag_soup_reads_without_raising(self, pieces):
        parts = text_parts("".join(pieces))
        assert isinstance(parts.text, str)
        assert "\x00" not in parts.text

    def test_every_corpus_reply_gives_its_labelled_mentions(self):
        cases = corpus_cases()
        assert len(cases) > 100
        for case in cases:
            names: set[str] = set()
            for reply in case["replies"]:
                for html in (reply["html"], reply["edited_to"]):
                    if html:
                        names.update(mentioned_names(html))
                        assert "<" not in html_to_text(html).replace("<3", "")
            assert names == set(case["mentions"]), case["id"]
