"""Resource behaviour: comments, boosts, recordings feed, constructions, access, check-ins."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sandbox_helpers import project_with_message, tool_id


class TestComments:
    def test_comment_shape_follows_the_docs(self, sb, api):
        project, message = project_with_message(sb, api)
        response = api.post(f"/recordings/{message['id']}/comments.json",
                            json={"content": "<div>Thanks all</div>"})
        assert response.status_code == 201
        comment = response.json()
        assert comment["title"] == "Re: Lunch and learn"
        assert comment["app_url"].endswith(f"/messages/{message['id']}#__recording_{comment['id']}")
        assert response.headers["Location"] == comment["app_url"]
        assert comment["parent"]["id"] == message["id"]
        assert comment["bucket"] == {"id": project["id"], "name": "Cohort 1", "type": "Project"}
        assert comment["creator"]["attachable_sgid"] == sb.bot_person["attachable_sgid"]
        assert comment["content_attachments"] == []
        assert comment["boosts_count"] == 0
        assert api.get(f"/messages/{message['id']}.json").json()["comments_count"] == 1

    def test_edit_and_trash_bump_updated_at(self, sb, api):
        _, message = project_with_message(sb, api)
        alice = sb.add_person("Alice", "alice@example.org")
        comment = sb.post_comment(alice["id"], message["id"], "<div>Yes</div>")
        sb.clock.advance(timedelta(minutes=1))
        edited = sb.edit_comment(comment["id"], "<div>Yes please</div>")
        assert edited["updated_at"] > comment["updated_at"]
        assert edited["created_at"] == comment["created_at"]
        sb.clock.advance(timedelta(minutes=1))
        sb.trash_comment(comment["id"])
        trashed = api.get(f"/comments/{comment['id']}.json").json()
        assert trashed["status"] == "trashed"
        assert trashed["updated_at"] > edited["updated_at"]
        assert api.get(f"/recordings/{message['id']}/comments.json").json() == []

    def test_api_edit_changes_content(self, sb, api):
        _, message = project_with_message(sb, api)
        comment = api.post(f"/recordings/{message['id']}/comments.json",
                           json={"content": "<div>a</div>"}).json()
        edited = api.put(f"/comments/{comment['id']}.json", json={"content": "<div>b</div>"})
        assert edited.json()["content"] == "<div>b</div>"


class TestBoosts:
    def test_boost_create_list_delete(self, sb, api):
        _, message = project_with_message(sb, api)
        boost = api.post(f"/recordings/{message['id']}/boosts.json", json={"content": "🙌"})
        assert boost.status_code == 201
        assert boost.json()["recording"]["id"] == message["id"]
        assert boost.json()["booster"]["id"] == sb.bot_person["id"]
        listed = api.get(f"/recordings/{message['id']}/boosts.json").json()
        assert [b["id"] for b in listed] == [boost.json()["id"]]
        assert api.delete(f"/boosts/{boost.json()['id']}.json").status_code == 204
        assert api.get(f"/messages/{message['id']}.json").json()["boosts_count"] == 0

    def test_cannot_delete_someone_elses_boost_unless_admin(self, sb, api):
        _, message = project_with_message(sb, api)
        alice = sb.add_person("Alice", "alice@example.org")
        boost = sb.boost(alice["id"], message["id"], "+1")
        sb.state.people[sb.bot_person["id"]]["admin"] = False
        assert api.delete(f"/boosts/{boost['id']}.json").status_code == 403


class TestRecordingsFeed:
    def test_filters_by_type_bucket_status_and_sorts(self, sb, api):
        p1, m1 = project_with_message(sb, api, "One")
        p2, m2 = project_with_message(sb, api, "Two")
        alice = sb.add_person("Alice", "alice@example.org")
        c1 = sb.post_comment(alice["id"], m1["id"], "<div>1</div>")
        sb.clock.advance(timedelta(seconds=5))
        c2 = sb.post_comment(alice["id"], m2["id"], "<div>2</div>")
        sb.clock.advance(timedelta(seconds=5))
        sb.edit_comment(c1["id"], "<div>1 edited</div>")

        def ids(**params):
            response = api.get("/projects/recordings.json", params={"type": "Comment", **params})
            assert response.status_code == 200
            return [r["id"] for r in response.json()]

        assert ids() == [c2["id"], c1["id"]]
        assert ids(sort="updated_at") == [c1["id"], c2["id"]]
        assert ids(sort="updated_at", direction="asc") == [c2["id"], c1["id"]]
        assert ids(bucket=str(p2["id"])) == [c2["id"]]
        assert ids(bucket=f"{p1['id']},{p2['id']}") == [c2["id"], c1["id"]]
        sb.trash_comment(c2["id"])
        assert ids(status="trashed") == [c2["id"]]
        assert ids() == [c1["id"]]

    def test_type_is_required(self, api):
        assert api.get("/projects/recordings.json").status_code == 400

    def test_trash_recording_status_route(self, sb, api):
        _, message = project_with_message(sb, api)
        assert api.put(f"/recordings/{message['id']}/status/trashed.json").status_code == 204
        assert api.get(f"/messages/{message['id']}.json").json()["status"] == "trashed"
        events = api.get(f"/recordings/{message['id']}/events.json").json()
        assert [e["action"] for e in events] == ["created", "trashed"]


class TestClock:
    def test_timestamps_come_from_the_sandbox_clock(self, sb, api):
        sb.clock.set(datetime(2026, 12, 1, 9, 30, tzinfo=UTC))
        sb.clock.freeze()
        _, message = project_with_message(sb, api)
        assert message["created_at"] == "2026-12-01T09:30:00.000Z"
        sb.clock.advance(timedelta(days=2, hours=1))
        comment = api.post(f"/recordings/{message['id']}/comments.json",
                           json={"content": "<div>later</div>"}).json()
        assert comment["created_at"] == "2026-12-03T10:30:00.000Z"

    def test_clock_runs_in_real_time_by_default(self, sb):
        first = sb.clock.now()
        assert sb.clock.now() >= first
        sb.clock.advance(timedelta(hours=1))
        assert sb.clock.now() - first >= timedelta(hours=1)


class TestConstructionsAndAccess:
    def test_construction_is_pending_then_completed_with_project(self, sb, api):
        template = sb.add_template("Cohort template", tools=("message_board", "schedule"))
        created = api.post(f"/templates/{template['id']}/project_constructions.json",
                           json={"project": {"name": "Cohort 7", "description": "Spring"}})
        assert created.status_code == 201
        assert created.json()["status"] == "pending"
        first = api.get(created.json()["url"]).json()
        second = api.get(created.json()["url"]).json()
        assert first["status"] == "pending"
        assert second["status"] == "completed"
        project = second["project"]
        assert project["name"] == "Cohort 7"
        enabled = {t["name"] for t in project["dock"] if t["enabled"]}
        assert enabled == {"message_board", "schedule"}
        board = tool_id(project, "message_board")
        assert api.get(f"/message_boards/{board}.json").json()["bucket"]["id"] == project["id"]

    def test_grant_revoke_and_create(self, sb, api):
        project = sb.add_project("P")
        alice = sb.add_person("Alice", "alice@example.org")
        response = api.put(f"/projects/{project['id']}/people/users.json", json={
            "grant": [alice["id"]],
            "create": [{"name": "Bea New", "email_address": "bea@hackney.gov.uk",
                        "company_name": "Hackney"}]})
        assert response.status_code == 200
        granted = response.json()["granted"]
        assert [p["name"] for p in granted] == ["Alice", "Bea New"]
        assert granted[1]["company"]["name"] == "Hackney"
        assert response.json()["revoked"] == []
        people = {p["id"] for p in api.get(f"/projects/{project['id']}/people.json").json()}
        assert alice["id"] in people and granted[1]["id"] in people
        revoked = api.put(f"/projects/{project['id']}/people/users.json",
                          json={"revoke": [alice["id"]]}).json()
        assert [p["id"] for p in revoked["revoked"]] == [alice["id"]]


class TestTools:
    def test_schedule_entry_with_participants(self, sb, api):
        project = sb.add_project("P")
        alice = sb.add_person("Alice", "alice@example.org")
        schedule = tool_id(project, "schedule")
        entry = api.post(f"/schedules/{schedule}/entries.json", json={
            "summary": "Reflection session", "starts_at": "2026-12-08T12:00:00+00:00",
            "ends_at": "2026-12-08T13:00:00Z", "participant_ids": [alice["id"]]})
        assert entry.status_code == 201
        body = entry.json()
        assert body["starts_at"] == "2026-12-08T12:00:00.000Z"
        assert [p["id"] for p in body["participants"]] == [alice["id"]]
        assert body["description_attachments"] == []
        # Replace semantics: the PUT carries the whole entry, verbatim times included.
        updated = api.put(f"/schedule_entries/{body['id']}.json", json={
            "summary": body["summary"], "starts_at": body["starts_at"],
            "ends_at": body["ends_at"], "participant_ids": []})
        assert updated.json()["participants"] == []
        assert updated.json()["summary"] == "Reflection session"
        assert updated.json()["starts_at"] == body["starts_at"]

    def test_campfire_rich_and_plain_lines(self, sb, api):
        chat = tool_id(sb.add_project("P"), "chat")
        plain = api.post(f"/chats/{chat}/lines.json", json={"content": "Hi"}).json()
        rich = api.post(f"/chats/{chat}/lines.json",
                        json={"content": "<strong>Hi</strong> all",
                              "content_type": "text/html"}).json()
        assert plain["type"] == "Chat::Lines::Text"
        assert rich["type"] == "Chat::Lines::RichText" and rich["title"] == "Hi all"
        lines = api.get(f"/chats/{chat}/lines.json").json()
        assert [line["id"] for line in lines] == [plain["id"], rich["id"]]

    def test_question_create_pause_resume(self, sb, api):
        questionnaire = tool_id(sb.add_project("P"), "questionnaire")
        created = api.post(f"/questionnaires/{questionnaire}/questions.json", json={
            "question": {"title": "What did you learn?", "schedule": {
                "frequency": "every_week", "time_of_day": "5:00pm", "days": ["5"]}}})
        assert created.status_code == 201
        question = created.json()
        assert question["schedule"]["hour"] == 17 and question["schedule"]["days"] == [5]
        pause = f"/questions/{question['id']}/pause.json"
        assert api.post(pause).json() == {"paused": True}
        assert api.get(f"/questions/{question['id']}.json").json()["paused"] is True
        assert api.delete(pause).json() == {"paused": False}

    def test_webhook_needs_https(self, sb, api):
        project = sb.add_project("P")
        bad = api.post(f"/buckets/{project['id']}/webhooks.json",
                       json={"payload_url": "http://example.org/hook"})
        assert bad.status_code == 400
        good = api.post(f"/buckets/{project['id']}/webhooks.json",
                        json={"payload_url": "https://example.org/hook"})
        assert good.status_code == 201 and good.json()["types"] == ["all"]
        assert api.get("/webhooks.json").status_code == 404
