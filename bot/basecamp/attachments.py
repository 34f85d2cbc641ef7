"""Attachments: upload a file (e.g. a chart) to embed in rich text as a bc-attachment."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from bot.basecamp.transport import RawBody


class Attachment(BaseModel):
    """What `POST /attachments.json` returns: the sgid to embed."""

    model_config = ConfigDict(extra="allow")
    attachable_sgid: str
    # An upload has no page or id of its own (the outbox records these as None).
    id: int | None = None
    url: str | None = None
    app_url: str | None = None


class AttachmentsMixin:
    """`POST /attachments.json?name=...` with the raw bytes (bc3-api sections/attachments.md)."""

    def create_attachment(self, name: str, data: bytes, content_type: str) -> Attachment:
        """Upload `data`; embed the result as `<bc-attachment sgid="...">` in a post."""
        if not data:
            raise ValueError("an attachment needs some bytes")
        url = self.url("attachments.json", name=name)  # type: ignore[attr-defined]
        reply = self.http.request(  # type: ignore[attr-defined]
            "POST", url, RawBody(data, content_type))
        return Attachment.model_validate(reply.data)


def attachment_html(sgid: str, caption: str | None = None) -> str:
    """The rich-text tag that embeds an uploaded attachment."""
    from bot.basecamp.richtext import escape

    cap = f' caption="{escape(caption)}"' if caption else ""
    return f'<bc-attachment sgid="{escape(sgid)}"{cap}></bc-attachment>'
