"""The "did my write land?" finder still knows the bot's post after Basecamp rewrites it.

Basecamp keeps only its allowed tags and expands each mention into a figure with the
person's avatar and name (issue 10), so the stored HTML is not the HTML the bot sent.
"""

from __future__ import annotations

from outbox_helpers import tool_id

from bot.basecamp.richtext import mention


def _rich(member: dict) -> str:
    return (f"<div>Welcome {mention(member)} &amp; friends! It's <em>lovely</em> "
            "to have you.</div><ul><li>Slides: <a href=\"https://loti.london/s\">here</a>"
            "</li></ul>")


def _posts(sandbox, fragment: str) -> int:
    return sum(1 for r in sandbox.request_log if r.method == "POST" and fragment in r.path)


def test_a_dropped_comment_with_a_mention_is_found_not_posted_again(outbox, client, message,
                                                                    sandbox, member, store):
    sandbox.faults.drop_after_commit(1, methods=("POST",))
    comment = outbox.create_comment("welcome:1", message.id, _rich(member))
    stored = client.comment(comment.id).content
    assert "<figcaption>Amara Okafor</figcaption>" in stored and stored != _rich(member)
    assert [c.id for c in client.comments(message.id)] == [comment.id]
    assert _posts(sandbox, "/comments") == 1


def test_a_dropped_rich_campfire_line_is_found_not_posted_again(outbox, client, project,
                                                                sandbox, member):
    chat = tool_id(project, "chat")
    sandbox.faults.drop_after_commit(1, methods=("POST",))
    line = outbox.create_campfire_line("welcome:chat", chat, _rich(member), rich=True)
    assert [x.id for x in client.campfire_lines(chat)] == [line.id]
    assert _posts(sandbox, "/lines") == 1
