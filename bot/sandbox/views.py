"""JSON shapes of sandbox objects, following the Basecamp docs' examples."""

from __future__ import annotations

import base64
import hashlib
import re
from html import unescape

from bot.sandbox.richtext import rewrite, sign_sgid
from bot.sandbox.state import TOOLS, State

# Recording type -> URL segment (dock tools come from TOOLS).
SEGMENTS = {rtype: seg for rtype, _, seg in TOOLS.values()} | {
    "Message": "messages",
    "Comment": "comments",
    "Schedule::Entry": "schedule_entries",
    "Question": "questions",
}
LINE_TYPES = ("Chat::Lines::Text", "Chat::Lines::RichText")
# Basecamp's own actors (LocalPerson): their ids are strings, not numbers.
SYSTEM_ACTORS = {"basecamp": "Basecamp", "campfire": "Campfire"}
_TAG = re.compile(r"<[^>]+>")


def sgid(kind: str, object_id: int) -> str:
    """A stable attachable sgid shaped like Basecamp's (base64 payload--digest)."""
    payload = base64.b64encode(f"gid://bc3/{kind}/{object_id}?expires_in".encode()).decode()
    digest = hashlib.sha1(payload.encode()).hexdigest()
    return f"{payload}--{digest}"


def plain(html: str) -> str:
    """Text of an HTML fragment (for titles of rich lines)."""
    return unescape(_TAG.sub("", html or "")).strip()


class Views:
    """Renders state objects as the API's JSON, with URLs on this server."""

    def __init__(self, state: State, root: str) -> None:
        self.state = state
        self.api = f"{root}/{state.account_id}"
        self.app = f"{root}/{state.account_id}"

    # --- people ---------------------------------------------------------------------
    def attachable_sgid(self, person_id: int) -> str:
        """The person's signed sgid, as Basecamp mints it (see bot.sandbox.richtext)."""
        return sign_sgid(self.state.secret, "Person", person_id)

    def system_actor(self, label: str) -> dict:
        """Basecamp's own actor ("basecamp", "campfire") as it appears as a creator."""
        return {"id": label, "name": SYSTEM_ACTORS[label], "personable_type": "LocalPerson",
                "admin": False, "owner": False, "client": False, "employee": False,
                "avatar_url": f"{self.api}/people/{label}/avatar"}

    def person(self, person_id: int | str) -> dict:
        """A full person record (as embedded in creator, booster, participants)."""
        if isinstance(person_id, str):
            return self.system_actor(person_id)
        p = self.state.people[person_id]
        data = {
            "id": p["id"], "attachable_sgid": self.attachable_sgid(p["id"]), "name": p["name"],
            "email_address": p["email_address"], "personable_type": "User",
            "title": p["title"], "bio": p["bio"], "location": p["location"],
            "created_at": p["created_at"], "updated_at": p["updated_at"],
            "admin": p["admin"], "owner": p["owner"], "client": p["client"],
            "employee": p["employee"], "time_zone": p["time_zone"],
            "avatar_url": self.avatar_url(p["id"]),
        }
        if p.get("company_id"):
            data["company"] = dict(self.state.companies[p["company_id"]])
        data.update(can_ping=True, can_manage_projects=True, can_manage_people=p["admin"],
                    can_access_timesheet=False, can_access_hill_charts=True)
        return data

    def rich_text(self, html: str | None) -> str:
        """HTML as Basecamp stores it: allowed tags only, mentions expanded."""
        def lookup(person_id: int) -> tuple[str, str] | None:
            p = self.state.people.get(person_id)
            return (p["name"], self.avatar_url(person_id)) if p else None
        return rewrite(html, self.state.secret, lookup)

    def avatar_url(self, person_id: int) -> str:
        return f"{self.api}/people/{sgid('Avatar', person_id)[:24]}/avatar"

    # --- projects -------------------------------------------------------------------
    def _dock(self, bucket_id: int, dock: list[dict]) -> list[dict]:
        items = []
        for tool in dock:
            _, title, seg = TOOLS[tool["name"]]
            path = f"buckets/{bucket_id}/{seg}/{tool['id']}"
            items.append({"id": tool["id"], "title": title, "name": tool["name"],
                          "enabled": tool["enabled"], "position": tool["position"],
                          "url": f"{self.api}/{path}.json", "app_url": f"{self.app}/{path}"})
        return items

    def project(self, project_id: int) -> dict:
        """A project with its dock."""
        p = self.state.projects[project_id]
        return {
            "id": p["id"], "status": p["status"], "created_at": p["created_at"],
            "updated_at": p["updated_at"], "name": p["name"], "description": p["description"],
            "purpose": "topic", "clients_enabled": False, "timesheet_enabled": False,
            "color": None,
            "bookmark_url": f"{self.api}/my/bookmarks/{sgid('Bucket', p['id'])}.json",
            "url": f"{self.api}/projects/{p['id']}.json",
            "app_url": f"{self.app}/projects/{p['id']}",
            "dock": self._dock(p["id"], p["dock"]), "bookmarked": False,
        }

    def template(self, template_id: int) -> dict:
        """A project template."""
        t = self.state.templates[template_id]
        return {"id": t["id"], "status": t["status"], "created_at": t["created_at"],
                "updated_at": t["updated_at"], "name": t["name"],
                "description": t["description"], "url": f"{self.api}/templates/{t['id']}.json",
                "app_url": f"{self.app}/templates/{t['id']}",
                "dock": self._dock(t["id"], t["dock"])}

    def construction(self, construction_id: int) -> dict:
        """A project construction; carries the project once completed."""
        c = self.state.constructions[construction_id]
        data = {"id": c["id"], "status": c["status"],
                "url": f"{self.api}/templates/{c['template_id']}/project_constructions/"
                       f"{c['id']}.json"}
        if c["status"] == "completed":
            data["project"] = self.project(c["project_id"])
        return data

    # --- recordings -----------------------------------------------------------------
    def path(self, rec: dict) -> str:
        """The recording's path below the account, without .json."""
        if rec["type"] in LINE_TYPES:
            return f"buckets/{rec['bucket_id']}/chats/{rec['parent_id']}/lines/{rec['id']}"
        return f"buckets/{rec['bucket_id']}/{SEGMENTS[rec['type']]}/{rec['id']}"

    def url(self, rec: dict) -> str:
        """API URL of a recording."""
        return f"{self.api}/{self.path(rec)}.json"

    def app_url(self, rec: dict) -> str:
        """Web URL of a recording (comments point into their parent)."""
        if rec["type"] == "Comment":
            parent = self.state.recordings[rec["parent_id"]]
            return f"{self.app_url(parent)}#__recording_{rec['id']}"
        if rec["type"] in LINE_TYPES:
            return f"{self.app}/buckets/{rec['bucket_id']}/chats/{rec['parent_id']}@{rec['id']}"
        return f"{self.app}/{self.path(rec)}"

    def title(self, rec: dict) -> str:
        """A recording's title as Basecamp derives it."""
        if rec["type"] == "Comment":
            return f"Re: {self.title(self.state.recordings[rec['parent_id']])}"
        if rec["type"] == "Message":
            return rec["subject"]
        if rec["type"] == "Schedule::Entry":
            return rec["summary"]
        if rec["type"] in LINE_TYPES:
            return plain(rec["content"])
        return rec["title"]

    def ref(self, rec: dict) -> dict:
        """The short form used for `parent` and a boost's `recording`."""
        return {"id": rec["id"], "title": self.title(rec), "type": rec["type"],
                "url": self.url(rec), "app_url": self.app_url(rec)}

    def bucket(self, bucket_id: int) -> dict:
        """The `bucket` block of a recording."""
        return {"id": bucket_id, "name": self.state.projects[bucket_id]["name"],
                "type": "Project"}

    def recording(self, rec: dict) -> dict:
        """Any recording, in the shape of its type."""
        rid, rtype, api = rec["id"], rec["type"], self.api
        data = {
            "id": rid, "status": rec["status"], "visible_to_clients": False,
            "created_at": rec["created_at"], "updated_at": rec["updated_at"],
            "title": self.title(rec), "inherits_status": True, "type": rtype,
            "url": self.url(rec), "app_url": self.app_url(rec),
            "bookmark_url": f"{api}/my/bookmarks/{sgid('Recording', rid)}.json",
        }
        rec_path = f"{api}/buckets/{rec['bucket_id']}/recordings/{rid}"
        if rtype in ("Message", "Schedule::Entry", "Question", "Chat::Transcript"):
            data["subscription_url"] = f"{rec_path}/subscription.json"
        if rtype in ("Message", "Schedule::Entry"):
            data["comments_count"] = len(self.state.children(rid, "Comment"))
            data["comments_url"] = f"{rec_path}/comments.json"
        if rtype in ("Message", "Comment", "Schedule::Entry", *LINE_TYPES):
            data["boosts_count"] = self.state.boost_count(rid)
            data["boosts_url"] = f"{rec_path}/boosts.json"
        if "tool" in rec and rtype != "Questionnaire":
            data["position"] = rec["position"]
        if rec["parent_id"] is not None:
            data["parent"] = self.ref(self.state.recordings[rec["parent_id"]])
        data["bucket"] = self.bucket(rec["bucket_id"])
        data["creator"] = self.person(rec["creator_id"])
        data.update(self._specifics(rec))
        return data

    def _specifics(self, rec: dict) -> dict:
        rid, rtype, state = rec["id"], rec["type"], self.state
        base = f"{self.api}/buckets/{rec['bucket_id']}"
        if rtype == "Message::Board":
            return {"messages_count": len(state.children(rid, "Message")),
                    "messages_url": f"{base}/message_boards/{rid}/messages.json",
                    "app_messages_url": f"{self.app}/buckets/{rec['bucket_id']}"
                                        f"/message_boards/{rid}/messages"}
        if rtype == "Message":
            return {"content": rec["content"], "content_attachments": [],
                    "subject": rec["subject"]}
        if rtype == "Comment":
            return {"content": rec["content"], "content_attachments": []}
        if rtype == "Schedule":
            return {"include_due_assignments": rec.get("include_due_assignments", True),
                    "entries_count": len(state.children(rid, "Schedule::Entry")),
                    "entries_url": f"{self.api}/schedules/{rid}/entries.json"}
        if rtype == "Schedule::Entry":
            return {"description": rec["description"], "description_attachments": [],
                    "summary": rec["summary"], "all_day": rec["all_day"],
                    "starts_at": rec["starts_at"], "ends_at": rec["ends_at"],
                    "participants": [self.person(p) for p in rec["participant_ids"]
                                     if p in state.people],
                    "join_url": rec.get("join_url"),
                    "highlighted": rec.get("highlighted", False)}
        if rtype == "Chat::Transcript":
            return {"topic": rec["title"], "lines_url": f"{base}/chats/{rid}/lines.json",
                    "files_url": f"{base}/chats/{rid}/uploads.json"}
        if rtype in LINE_TYPES:
            return {"content": rec["content"]}
        if rtype == "Questionnaire":
            return {"name": rec["title"],
                    "questions_count": len(state.children(rid, "Question")),
                    "questions_url": f"{self.api}/questionnaires/{rid}/questions.json"}
        if rtype == "Question":
            return {"paused": rec["paused"], "schedule": rec["schedule"], "answers_count": 0,
                    "answers_url": f"{self.api}/questions/{rid}/answers.json"}
        return {}

    # --- boosts, events, webhooks ---------------------------------------------------
    def boost(self, boost_id: int) -> dict:
        """A boost with its booster and the boosted recording."""
        b = self.state.boosts[boost_id]
        return {"id": b["id"], "content": b["content"], "created_at": b["created_at"],
                "booster": self.person(b["booster_id"]),
                "recording": self.ref(self.state.recordings[b["recording_id"]])}

    def event(self, event_id: int) -> dict:
        """One change to a recording."""
        e = self.state.events[event_id]
        return {"id": e["id"], "recording_id": e["recording_id"], "action": e["action"],
                "details": e["details"], "created_at": e["created_at"],
                "creator": self.person(e["creator_id"])}

    def webhook(self, webhook_id: int, full: bool = False) -> dict:
        """A webhook; the single-item view adds recent deliveries (none here)."""
        w = self.state.webhooks[webhook_id]
        path = f"buckets/{w['bucket_id']}/webhooks/{w['id']}"
        data = {"id": w["id"], "active": w["active"], "created_at": w["created_at"],
                "updated_at": w["updated_at"], "payload_url": w["payload_url"],
                "types": w["types"], "url": f"{self.api}/{path}.json",
                "app_url": f"{self.app}/{path}"}
        if full:
            data["recent_deliveries"] = []
        return data
