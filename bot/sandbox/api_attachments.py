"""`POST /attachments.json?name=...`: a binary upload, as openapi.json's CreateAttachment.

Unlike every other write it takes the file's raw bytes with the file's own Content-Type and
Content-Length, so the server routes it here before its JSON checks. The reply (201) holds
only `attachable_sgid`, to embed as `<bc-attachment sgid="...">` in rich text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from bot.sandbox.api import ApiError, Reply
from bot.sandbox.richtext import sign_sgid

if TYPE_CHECKING:
    from bot.sandbox.sandbox import Sandbox

PATH = re.compile(r"^/attachments(?:\.json)?$")
MAX_BYTES = 25 * 1024 * 1024  # a sandbox limit, well above any chart


def create_attachment(sb: Sandbox, path: str, query: dict[str, str], headers: Any,
                      body: bytes) -> Reply:
    """Store the upload and answer 201 with its sgid (call with the sandbox's lock held)."""
    name = (query.get("name") or "").strip()
    if not name:
        raise ApiError(422, "name is required (the file's name, as a query parameter)")
    content_type = (headers.get("Content-Type") or "").strip()
    if not content_type:
        raise ApiError(422, "Content-Type is required (the file's own type, e.g. image/png)")
    if headers.get("Content-Length") is None:
        raise ApiError(411, "Content-Length is required")
    if not body:
        raise ApiError(422, "The file is empty")
    if len(body) > MAX_BYTES:
        raise ApiError(422, "The file is too large")
    state = sb.state
    attachment_id = state.new_id()
    record = {"id": attachment_id, "name": name, "content_type": content_type,
              "byte_size": len(body),
              # Signed like every attachable, so rich text that embeds it keeps it.
              "sgid": sign_sgid(state.secret, "ActiveStorage::Blob", attachment_id)}
    uploads = vars(state).setdefault("attachments", {})
    uploads[attachment_id] = {**record, "data": bytes(body)}
    return Reply(201, {"attachable_sgid": record["sgid"]})


def uploaded(sb: Sandbox) -> list[dict]:
    """Every upload so far (name, content_type, byte_size, sgid, data), oldest first."""
    with sb.lock:
        uploads = vars(sb.state).get("attachments", {})
        return [dict(u) for _, u in sorted(uploads.items())]
