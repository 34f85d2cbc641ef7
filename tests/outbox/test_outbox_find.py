"""How finders decide that an item in Basecamp is the bot's own earlier write."""

from __future__ import annotations

from bot.outbox_find import same_html

SGID = "BAh7CEkiCGdpZAY6BkVUSSIrZ2lkOi8vYmMzL1BlcnNvbi8xMjM"


class TestSameHtml:
    def test_whitespace_and_markup_rewrites_still_match(self):
        ours = "<div>Thanks, <strong>you're on the list</strong>.</div>"
        theirs = "<div>\n  Thanks, <strong>you&#39;re on the list</strong>.\n</div>"
        assert same_html(ours, theirs)

    def test_expanded_mention_matches_the_tag_we_sent(self):
        ours = f'<div>Welcome <bc-attachment sgid="{SGID}"></bc-attachment>!</div>'
        theirs = (f'<div>Welcome <bc-attachment sgid="{SGID}" '
                  'content-type="application/vnd.basecamp.mention">'
                  '<figure><img src="x.png"><figcaption>Amara</figcaption></figure>'
                  '</bc-attachment>!</div>')
        assert same_html(ours, theirs)

    def test_different_words_do_not_match(self):
        assert not same_html("<div>You're on the list</div>", "<div>You're on the waitlist</div>")

    def test_same_words_mentioning_different_people_do_not_match(self):
        a = '<div>Hi <bc-attachment sgid="AAA"></bc-attachment></div>'
        b = '<div>Hi <bc-attachment sgid="BBB"></bc-attachment></div>'
        assert not same_html(a, b)
