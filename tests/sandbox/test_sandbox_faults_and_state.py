"""Fault injection, the state file and the /__sandbox control API."""

from __future__ import annotations

import time

import pytest
import requests
from sandbox_helpers import Api, project_with_message, tool_id

from bot.sandbox import Sandbox


class TestFaults:
    def test_scripted_statuses_answer_the_next_requests_in_order(self, sb, api):
        sb.faults.script([429, 503], retry_after=2)
        first, second, third = (api.get("/projects.json") for _ in range(3))
        assert (first.status_code, second.status_code, third.status_code) == (429, 503, 200)
        assert first.headers["Retry-After"] == "2"
        assert [e.status for e in sb.request_log] == [429, 503, 200]

    def test_scripted_fault_can_be_limited_to_a_method_and_path(self, sb, api):
        _, message = project_with_message(sb, api)
        sb.faults.script([500], methods=("POST",), path=r"/comments")
        assert api.get("/projects.json").status_code == 200
        assert api.post(f"/recordings/{message['id']}/comments.json",
                        json={"content": "<div>x</div>"}).status_code == 500
        assert sb.recordings("Comment") == []

    def test_error_rate_one_fails_every_matching_request(self, sb, api):
        sb.faults.error_rate(1.0, methods=("GET",))
        statuses = {api.get("/projects.json").status_code for _ in range(10)}
        assert statuses <= {500, 502, 503, 504}
        assert api.post("/projects.json", json={"name": "Fine"}).status_code == 201

    def test_error_rate_is_seeded_and_roughly_the_share(self, api):
        def run(seed):
            api.sb.faults.error_rate(0.3, seed=seed)
            return [api.get("/people.json").status_code for _ in range(40)]

        api.sb.rate_limit(enabled=False)
        first, second = run(7), run(7)
        assert first == second
        assert 4 <= sum(s >= 500 for s in first) <= 20

    def test_drop_after_commit_applies_the_write_and_closes_the_socket(self, sb, api):
        _, message = project_with_message(sb, api)
        sb.faults.drop_after_commit(1, methods=("POST",))
        with pytest.raises(requests.ConnectionError):
            api.post(f"/recordings/{message['id']}/comments.json",
                     json={"content": "<div>lost reply</div>"})
        assert len(sb.recordings("Comment")) == 1
        assert sb.request_log[-1].status == 0
        listed = api.get(f"/recordings/{message['id']}/comments.json").json()
        assert [c["content"] for c in listed] == ["<div>lost reply</div>"]

    def test_slow_responses(self, sb, api):
        sb.faults.slow(0.3, path=r"/people")
        started = time.monotonic()
        api.get("/people.json")
        assert time.monotonic() - started >= 0.3
        started = time.monotonic()
        api.get("/projects.json")
        assert time.monotonic() - started < 0.3

    def test_clear_removes_every_fault(self, sb, api):
        sb.faults.script([500]).error_rate(1.0).account_inactive(True).clear()
        assert api.get("/projects.json").status_code == 200


class TestStateFile:
    def test_state_survives_a_restart(self, tmp_path):
        path = tmp_path / "sandbox.json"
        first = Sandbox(state_file=path).start()
        try:
            api = Api(first)
            project, message = project_with_message(first, api)
            alice = first.add_person("Alice", "alice@example.org", "Camden")
            first.post_comment(alice["id"], message["id"], "<div>Me!</div>")
            token = first.token
        finally:
            first.stop()
        assert path.exists()

        second = Sandbox(state_file=path).start()
        try:
            api = Api(second)
            assert second.token == token
            again = api.get(f"/messages/{message['id']}.json").json()
            assert again == {**message, "comments_count": 1,
                             "url": again["url"], "app_url": again["app_url"],
                             "comments_url": again["comments_url"],
                             "boosts_url": again["boosts_url"],
                             "subscription_url": again["subscription_url"],
                             "bookmark_url": again["bookmark_url"],
                             "parent": again["parent"], "creator": again["creator"]}
            assert again["creator"]["id"] == message["creator"]["id"]
            newer = second.add_person("Bea", "bea@example.org")
            assert newer["id"] > alice["id"]
            assert api.get(f"/projects/{project['id']}.json").json()["name"] == "Cohort 1"
        finally:
            second.stop()


class TestControlApi:
    def test_seed_comment_clock_faults_and_log_over_http(self, sb, api):
        control = f"{sb.api_url}/__sandbox"
        person = requests.post(f"{control}/people", json={
            "name": "Dee", "email": "dee@islington.gov.uk", "company": "Islington"},
            timeout=5).json()
        project = requests.post(f"{control}/projects", json={"name": "Via HTTP"},
                                timeout=5).json()
        board = tool_id(project, "message_board")
        message = requests.post(f"{control}/messages", json={
            "person_id": person["id"], "board_id": board, "subject": "Hello"}, timeout=5).json()
        comment = requests.post(f"{control}/comments", json={
            "person_id": person["id"], "recording_id": message["id"],
            "html": "<div>Hi</div>"}, timeout=5).json()
        assert comment["creator"]["name"] == "Dee"
        edited = requests.put(f"{control}/comments/{comment['id']}",
                              json={"html": "<div>Hi!</div>"}, timeout=5).json()
        assert edited["content"] == "<div>Hi!</div>"
        boost = requests.post(f"{control}/boosts", json={
            "person_id": person["id"], "recording_id": message["id"], "content": "+1"},
            timeout=5).json()
        assert requests.delete(f"{control}/boosts/{boost['id']}", timeout=5).status_code == 200
        now = requests.post(f"{control}/clock", json={"set": "2027-01-05T10:00:00Z"},
                            timeout=5).json()["now"]
        assert now.startswith("2027-01-05T10:00")
        requests.post(f"{control}/faults", json={"script": [503]}, timeout=5)
        assert api.get("/projects.json").status_code == 503
        log = requests.get(f"{control}/requests", timeout=5).json()
        assert log == [["GET", f"/{sb.account_id}/projects.json", 503]]
        assert requests.delete(f"{control}/comments/{comment['id']}", timeout=5).ok
        assert api.get(f"/comments/{comment['id']}.json").json()["status"] == "trashed"

    def test_bad_control_input_is_a_clear_400_or_404(self, sb):
        control = f"{sb.api_url}/__sandbox"
        missing = requests.post(f"{control}/people", json={"name": "No email"}, timeout=5)
        assert missing.status_code == 400 and "email" in missing.json()["error"]
        bad = requests.post(f"{control}/clock", json={"set": "not a date"}, timeout=5)
        assert bad.status_code == 400
        assert requests.get(f"{control}/nope", timeout=5).status_code == 404
        unknown = requests.post(f"{control}/comments", json={
            "person_id": 1, "recording_id": 2, "html": "x"}, timeout=5)
        assert unknown.status_code == 404

    def test_a_project_staff_forgot_to_add_the_bot_to_is_404_for_the_bot(self, sb, api):
        control = f"{sb.api_url}/__sandbox"
        person = requests.post(f"{control}/people", json={
            "name": "Dee", "email": "dee@islington.gov.uk"}, timeout=5).json()
        hidden = requests.post(f"{control}/projects", json={
            "name": "Staff only", "bot": False, "people": [person["id"]]}, timeout=5).json()
        shown = requests.post(f"{control}/projects", json={"name": "Shared"}, timeout=5).json()
        assert api.get(f"/projects/{hidden['id']}.json").status_code == 404
        assert api.get(f"/projects/{shown['id']}.json").status_code == 200
        with sb.lock:
            assert sb.state.projects[hidden["id"]]["people"] == [person["id"]]
        bad = requests.post(f"{control}/projects", json={"name": "X", "bot": "no"}, timeout=5)
        assert bad.status_code == 400 and "bot must be true or false" in bad.json()["error"]

    def test_expire_token_over_http(self, sb, api):
        requests.post(f"{sb.api_url}/__sandbox/token/expire", timeout=5)
        assert api.get("/projects.json").status_code == 401
