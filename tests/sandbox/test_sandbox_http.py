"""The sandbox behaves like Basecamp where a client can tell (plain requests over loopback)."""

from __future__ import annotations

import time
from email.utils import parsedate_to_datetime

import requests
from sandbox_helpers import Api, project_with_message, tool_id


class TestPagination:
    def test_pages_are_geared_15_30_50_then_100(self, sb, api):
        _, message = project_with_message(sb, api)
        alice = sb.add_person("Alice Smith", "alice@camden.gov.uk", "Camden")
        for i in range(200):
            sb.post_comment(alice["id"], message["id"], f"<div>Reply {i}</div>")

        pages = api.all_pages(f"/recordings/{message['id']}/comments.json")

        assert [len(p.json()) for p in pages] == [15, 30, 50, 100, 5]
        assert {p.headers["X-Total-Count"] for p in pages} == {"200"}
        ids = [c["id"] for p in pages for c in p.json()]
        assert len(set(ids)) == 200
        assert "next" not in pages[-1].links
        assert pages[1].links["next"]["url"].endswith("page=3")

    def test_short_list_has_no_link_header(self, sb, api):
        sb.add_project("Only one")
        response = api.get("/projects.json")
        assert "Link" not in response.headers
        assert response.headers["X-Total-Count"] == "1"


class TestConditionalRequests:
    def test_same_etag_gives_304_with_empty_body(self, sb, api):
        _, message = project_with_message(sb, api)
        first = api.get(f"/messages/{message['id']}.json")
        again = api.get(f"/messages/{message['id']}.json",
                        headers={"If-None-Match": first.headers["ETag"]})
        assert first.headers["ETag"].startswith('"')
        assert again.status_code == 304
        assert again.content == b""

    def test_new_comment_changes_the_list_etag(self, sb, api):
        _, message = project_with_message(sb, api)
        path = f"/recordings/{message['id']}/comments.json"
        etag = api.get(path).headers["ETag"]
        sb.post_comment(sb.bot_person["id"], message["id"], "<div>Hello</div>")
        response = api.get(path, headers={"If-None-Match": etag})
        assert response.status_code == 200
        assert len(response.json()) == 1

    def test_boost_changes_etag_and_count_but_not_updated_at(self, sb, api):
        _, message = project_with_message(sb, api)
        before = api.get(f"/messages/{message['id']}.json")
        sb.clock.advance(__import__("datetime").timedelta(minutes=5))
        alice = sb.add_person("Alice", "alice@example.org")
        sb.boost(alice["id"], message["id"], "🎉")
        after = api.get(f"/messages/{message['id']}.json",
                        headers={"If-None-Match": before.headers["ETag"]})
        assert after.status_code == 200
        assert after.json()["boosts_count"] == 1
        assert after.json()["updated_at"] == before.json()["updated_at"]

    def test_last_modified_and_if_modified_since(self, sb, api):
        _, message = project_with_message(sb, api)
        first = api.get(f"/messages/{message['id']}.json")
        stamp = parsedate_to_datetime(first.headers["Last-Modified"])
        assert abs(stamp.timestamp() - sb.clock.now().timestamp()) < 60
        again = api.get(f"/messages/{message['id']}.json",
                        headers={"If-Modified-Since": first.headers["Last-Modified"]})
        assert again.status_code == 304


class TestRequestRules:
    def test_missing_user_agent_is_400(self, sb, api):
        response = requests.get(f"{api.base}/projects.json",
                                headers={"Authorization": f"Bearer {sb.token}",
                                         "User-Agent": ""}, timeout=5)
        assert response.status_code == 400
        assert "User-Agent" in response.json()["error"]

    def test_user_agent_without_contact_is_400(self, api):
        response = api.get("/projects.json", headers={"User-Agent": "LOTI bot"})
        assert response.status_code == 400

    def test_user_agent_with_url_is_accepted(self, api):
        response = api.get("/projects.json", headers={"User-Agent": "LOTI (https://loti.london)"})
        assert response.status_code == 200

    def test_post_without_json_content_type_is_415(self, sb, api):
        board = tool_id(sb.add_project("P"), "message_board")
        response = api.post(f"/message_boards/{board}/messages.json",
                            data='{"subject": "Hi"}', headers={"Content-Type": "text/plain"})
        assert response.status_code == 415
        assert sb.recordings("Message") == []

    def test_malformed_json_is_400(self, sb, api):
        board = tool_id(sb.add_project("P"), "message_board")
        response = api.post(f"/message_boards/{board}/messages.json", data="{nope",
                            headers={"Content-Type": "application/json"})
        assert response.status_code == 400

    def test_missing_required_field_is_422(self, sb, api):
        board = tool_id(sb.add_project("P"), "message_board")
        response = api.post(f"/message_boards/{board}/messages.json", json={"content": "x"})
        assert response.status_code == 422
        assert "subject" in response.json()["error"]

    def test_wrong_token_is_401(self, sb):
        response = Api(sb, token="not-the-token").get("/projects.json")
        assert response.status_code == 401
        assert "not-the-token" not in response.text

    def test_unknown_path_and_other_account_are_404(self, sb, api):
        assert api.get("/nothing/here.json").status_code == 404
        assert api.get("/messages/999.json").status_code == 404
        other = requests.get(f"{sb.api_url}/42/projects.json", headers=api.headers(), timeout=5)
        assert other.status_code == 404


class TestRateLimit:
    def test_over_the_limit_gives_429_with_retry_after(self, sb, api):
        sb.rate_limit(requests=5, per_seconds=10)
        statuses = [api.get("/projects.json").status_code for _ in range(6)]
        assert statuses == [200] * 5 + [429]
        last = api.get("/projects.json")
        assert 1 <= int(last.headers["Retry-After"]) <= 10

    def test_window_slides_on_real_time(self, sb, api):
        sb.rate_limit(requests=2, per_seconds=0.3)
        assert [api.get("/projects.json").status_code for _ in range(3)] == [200, 200, 429]
        time.sleep(0.35)
        assert api.get("/projects.json").status_code == 200

    def test_control_requests_are_not_limited_or_logged(self, sb, api):
        sb.rate_limit(requests=1, per_seconds=10)
        for _ in range(5):
            assert requests.get(f"{sb.api_url}/__sandbox/info", timeout=5).status_code == 200
        assert api.get("/projects.json").status_code == 200
        assert [entry.path for entry in sb.request_log] == [f"/{sb.account_id}/projects.json"]

    def test_limit_can_be_switched_off(self, sb, api):
        sb.rate_limit(requests=1, per_seconds=10, enabled=False)
        assert {api.get("/projects.json").status_code for _ in range(5)} == {200}


class TestTokens:
    def test_expired_token_is_401_until_refreshed(self, sb, api):
        sb.expire_token()
        assert api.get("/my/profile.json").status_code == 401
        old = sb.token
        response = requests.post(f"{sb.launchpad_url}/authorization/token", data={
            "grant_type": "refresh_token", "refresh_token": sb.refresh_token,
            "client_id": sb.client_id, "client_secret": sb.client_secret}, timeout=5)
        assert response.status_code == 200
        body = response.json()
        assert body["token_type"] == "Bearer" and body["expires_in"] == 1209600
        assert body["access_token"] != old
        assert Api(sb, token=old).get("/my/profile.json").status_code == 401
        assert Api(sb, token=body["access_token"]).get("/my/profile.json").status_code == 200

    def test_refresh_with_wrong_refresh_token_fails(self, sb):
        response = requests.post(f"{sb.launchpad_url}/authorization/token", params={
            "type": "refresh", "refresh_token": "wrong", "client_id": sb.client_id,
            "client_secret": sb.client_secret}, timeout=5)
        assert response.status_code == 400
        assert response.json()["error"] == "invalid_grant"

    def test_authorization_lists_the_bc3_account(self, sb, api):
        response = requests.get(f"{sb.launchpad_url}/authorization.json",
                                headers=api.headers(), timeout=5)
        accounts = response.json()["accounts"]
        bc3 = [a for a in accounts if a["product"] == "bc3"]
        assert bc3 == [{"product": "bc3", "id": sb.account_id, "name": "LOTI",
                        "href": f"{sb.api_url}/{sb.account_id}",
                        "app_href": f"{sb.api_url}/{sb.account_id}"}]
        assert response.json()["identity"]["email_address"] == sb.bot_person["email_address"]

    def test_my_profile_is_the_bot(self, sb, api):
        me = api.get("/my/profile.json").json()
        assert me["name"] == "LOTI Network Bot"
        assert me["id"] == sb.bot_person["id"]
        assert me["attachable_sgid"]


class TestRoutes:
    def test_flat_legacy_and_suffixless_paths_return_the_same_body(self, sb, api):
        project, message = project_with_message(sb, api)
        flat = api.get(f"/messages/{message['id']}.json")
        legacy = api.get(f"/buckets/{project['id']}/messages/{message['id']}.json")
        bare = api.get(f"/messages/{message['id']}")
        assert flat.json() == legacy.json() == bare.json()
        assert flat.headers["ETag"] == legacy.headers["ETag"]

    def test_urls_in_bodies_can_be_followed(self, sb, api):
        _, message = project_with_message(sb, api)
        assert api.get(message["url"]).json()["id"] == message["id"]
        assert api.get(message["comments_url"]).status_code == 200

    def test_legacy_route_with_the_wrong_bucket_is_404(self, sb, api):
        _, message = project_with_message(sb, api)
        other = sb.add_project("Other")
        assert api.get(f"/buckets/{other['id']}/messages/{message['id']}.json").status_code == 404

    def test_account_level_routes_have_no_bucket_form(self, sb, api):
        project = sb.add_project("P")
        assert api.get(f"/buckets/{project['id']}/projects.json").status_code == 404

    def test_project_limit_gives_507(self, sb, api):
        sb.set_project_limit(1)
        sb.add_project("First")
        response = api.post("/projects.json", json={"name": "Second"})
        assert response.status_code == 507
        assert response.json() == {"error": "The project limit for this account has been reached."}
        assert api.post("/templates.json", json={"name": "T"}).status_code == 507

    def test_inactive_account_is_404_with_reason(self, sb, api):
        sb.faults.account_inactive(True)
        response = api.get("/projects.json")
        assert response.status_code == 404
        assert response.headers["Reason"] == "Account Inactive"
        sb.faults.account_inactive(False)
        assert api.get("/projects.json").status_code == 200
