"""The client honours the environment's proxy settings, read once per host, and never lets a
~/.netrc entry replace its Bearer token. A real loopback server plays the proxy."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bot.basecamp.errors import ConnectionFailed
from tests.basecamp.basecamp_helpers import TOKEN, make_client


class _Recorder(BaseHTTPRequestHandler):
    """Answers every GET with a profile; records the request line and the Authorization."""

    def do_GET(self) -> None:
        seen = self.server.seen  # type: ignore[attr-defined]
        seen.append((self.path, self.headers.get("Authorization")))
        body = json.dumps({"id": 1, "name": "Bot"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def recorder():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.seen = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01})
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _proxy_env(monkeypatch: pytest.MonkeyPatch, server) -> None:
    for name in ("HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{server.server_address[1]}")


def test_requests_go_through_the_environments_proxy(monkeypatch, recorder) -> None:
    _proxy_env(monkeypatch, recorder)
    client = make_client(api_url="http://basecamp.invalid", max_retries=0)
    client.my_profile()
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")  # read once per host: not seen
    client.my_profile()
    # A proxy is sent the whole URL; the host itself does not exist, so only the proxy answered.
    assert [path for path, _ in recorder.seen] == [
        "http://basecamp.invalid/999/my/profile.json"] * 2


def test_no_proxy_still_bypasses_the_proxy(monkeypatch, recorder) -> None:
    _proxy_env(monkeypatch, recorder)
    monkeypatch.setenv("no_proxy", "basecamp.invalid")
    client = make_client(api_url="http://basecamp.invalid", max_retries=0)
    with pytest.raises(ConnectionFailed):
        client.my_profile()
    assert recorder.seen == []


def test_a_netrc_entry_does_not_replace_the_bearer_token(monkeypatch, recorder,
                                                          tmp_path: Path) -> None:
    for name in ("HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine 127.0.0.1 login someone password hunter2\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    client = make_client(api_url=f"http://127.0.0.1:{recorder.server_address[1]}")
    client.my_profile()
    assert recorder.seen[0][1] == f"Bearer {TOKEN}"
