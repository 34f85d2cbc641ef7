"""Plain-`requests` access to a sandbox, as a well-behaved Basecamp client would send it."""

from __future__ import annotations

import requests

USER_AGENT = "LOTI sandbox tests (network-bot@loti.london)"


class Api:
    """Authorised JSON requests against one sandbox account."""

    def __init__(self, sb, token: str | None = None) -> None:
        self.sb = sb
        self.base = f"{sb.api_url}/{sb.account_id}"
        self.token = token
        self.http = requests.Session()

    def headers(self, extra: dict | None = None) -> dict:
        headers = {"Authorization": f"Bearer {self.token or self.sb.token}",
                   "User-Agent": USER_AGENT, "Accept": "application/json"}
        headers.update(extra or {})
        return headers

    def request(self, method: str, path: str, json=None, headers=None, **kw) -> requests.Response:
        url = path if path.startswith("http") else f"{self.base}{path}"
        return self.http.request(method, url, json=json, headers=self.headers(headers),
                                 timeout=10, **kw)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, json=None, **kw):
        return self.request("POST", path, json=json, **kw)

    def put(self, path, json=None, **kw):
        return self.request("PUT", path, json=json, **kw)

    def delete(self, path, **kw):
        return self.request("DELETE", path, **kw)

    def all_pages(self, path: str) -> list[requests.Response]:
        """Every page of a list, following Link rel=next."""
        pages = [self.get(path)]
        while "next" in pages[-1].links:
            pages.append(self.get(pages[-1].links["next"]["url"]))
        return pages


def tool_id(project: dict, name: str) -> int:
    """A dock tool's id by name."""
    return next(t["id"] for t in project["dock"] if t["name"] == name)


def project_with_message(sb, api: Api, name: str = "Cohort 1") -> tuple[dict, dict]:
    """A project and one message the bot posted on its board."""
    project = sb.add_project(name)
    board = tool_id(project, "message_board")
    response = api.post(f"/message_boards/{board}/messages.json",
                        json={"subject": "Lunch and learn", "content": "<div>Join us</div>",
                              "status": "active"})
    assert response.status_code == 201, response.text
    return project, response.json()
