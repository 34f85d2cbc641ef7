"""HTTP plumbing: Basecamp's rules (headers, auth, limits, paging, ETags) around the routes."""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import selectors
import socket
import threading
import time
from collections.abc import Callable
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from bot.sandbox import api_attachments, control, launchpad
from bot.sandbox.api import ApiError, Ctx, Reply
from bot.sandbox.clock import parse_iso
from bot.sandbox.routes import dispatch

if TYPE_CHECKING:
    from bot.sandbox.sandbox import Sandbox

_CONTACT = re.compile(r"[^\s@()<>]+@[^\s@()<>]+\.[^\s@()<>]+|https?://\S+")
_ACCOUNT_PATH = re.compile(r"^/(\d+)(/.*)?$")
# Geared pagination: page sizes 15, 30, 50, then 100.
GEARS = (15, 30, 50)
LATER_PAGE = 100


def page_bounds(page: int) -> tuple[int, int]:
    """The [start, end) slice of a geared page (1-based)."""
    start = 0
    for number in range(1, page):
        start += GEARS[number - 1] if number <= len(GEARS) else LATER_PAGE
    size = GEARS[page - 1] if page <= len(GEARS) else LATER_PAGE
    return start, start + size


class Request:
    """What the sandbox needs from one HTTP request."""

    def __init__(self, handler: BaseHTTPRequestHandler) -> None:
        self.handler = handler
        self.method = handler.command.upper()
        self.raw_path = handler.path
        split = urlsplit(handler.path)
        self.path = split.path
        self.query_string = split.query
        self.query = dict(parse_qsl(split.query, keep_blank_values=True))
        self.headers = handler.headers
        length = int(handler.headers.get("Content-Length") or 0)
        self.body = handler.rfile.read(length) if length > 0 else b""
        # Called with the status just before answering, so a client that has its answer
        # always finds the request in the log.
        self.on_answer: Callable[[int], None] = lambda status: None
        # Set when the sandbox validates its own answers against the spec.
        self.check_answer: Callable[[int, Any], None] | None = None

    def json(self) -> Any:
        """The body as JSON (None when empty); ApiError 400 when malformed."""
        if not self.body.strip():
            return None
        try:
            return json.loads(self.body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise ApiError(400, "The request body is not valid JSON") from exc


def send(req: Request, status: int, body: Any = None, headers: dict | None = None) -> None:
    """Write a complete response (JSON body unless None)."""
    handler = req.handler
    req.on_answer(status)
    if req.check_answer is not None:
        req.check_answer(status, body)
    data = b"" if body is None else json.dumps(body).encode()
    handler.send_response(status)
    for name, value in (headers or {}).items():
        handler.send_header(name, str(value))
    if body is not None:
        handler.send_header("Content-Type", "application/json; charset=utf-8")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    if data and req.method != "HEAD":
        handler.wfile.write(data)


def error_body(status: int, message: str) -> dict:
    """Basecamp's error JSON."""
    return {"error": message} if status != 429 else {"error": message, "retry_after": 0}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "BasecampSandbox/1.0"
    timeout = 60
    # One buffered write per response and no Nagle: otherwise delayed ACKs cost ~40 ms each.
    wbufsize = 64 * 1024
    disable_nagle_algorithm = True

    def _serve(self) -> None:
        self.server.sandbox_ref.serve(Request(self))  # type: ignore[attr-defined]

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _serve

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the sandbox keeps its own request log."""


class _Server(ThreadingHTTPServer):
    """A ThreadingHTTPServer whose shutdown() returns at once.

    socketserver's loop only sees a shutdown when select() times out (its poll interval),
    and every test stops a sandbox: a byte on a socket pair wakes the loop instead.
    """

    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]):
        super().__init__(address, handler)
        self._wake_r, self._wake_w = socket.socketpair()
        self._stopping = False
        self._stopped = threading.Event()

    def serve_forever(self, poll_interval: float = 0.5) -> None:
        self._stopped.clear()
        try:
            with selectors.DefaultSelector() as selector:
                selector.register(self, selectors.EVENT_READ)
                selector.register(self._wake_r, selectors.EVENT_READ)
                while not self._stopping:
                    ready = [key.fileobj for key, _ in selector.select(poll_interval)]
                    if self._stopping:
                        break
                    if self._wake_r in ready:
                        self._wake_r.recv(64)
                    if self in ready:
                        self._handle_request_noblock()
                    self.service_actions()
        finally:
            self._stopping = False
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop serve_forever() and wait until it has (as socketserver's does)."""
        self._stopping = True
        self._wake_w.send(b"x")
        self._stopped.wait()

    def server_close(self) -> None:
        super().server_close()
        self._wake_r.close()
        self._wake_w.close()


def make_server(sandbox: Sandbox, host: str, port: int) -> ThreadingHTTPServer:
    """Bind the threaded HTTP server."""
    server = _Server((host, port), _Handler)
    server.sandbox_ref = sandbox  # type: ignore[attr-defined]
    return server


def serve(sb: Sandbox, req: Request) -> None:
    """Answer one request: control, Launchpad or the Basecamp API."""
    if req.path.startswith("/__sandbox"):
        status, body = control.handle(sb, req)
        send(req, status, body)
        return
    req.on_answer = lambda status: sb.log(req.method, req.raw_path, status)
    if req.path.startswith("/launchpad/"):
        status, body = launchpad.handle(sb, req)
        send(req, status, body)
        return
    if req.method != "GET" and req.body.strip():
        sb.log_write(req.method, req.path, req.body)
    _api(sb, req)


def _api(sb: Sandbox, req: Request) -> int:
    method, path = req.method, req.path
    delay = sb.faults.delay(method, path)
    if delay:
        time.sleep(delay)
    scripted = sb.faults.take_scripted(method, path)
    if scripted:
        headers = {}
        if scripted.status in (429, 503) and scripted.retry_after is not None:
            headers["Retry-After"] = scripted.retry_after
        body = error_body(scripted.status, "Injected fault")
        if scripted.status == 429:
            body["retry_after"] = scripted.retry_after or 0
        send(req, scripted.status, body, headers)
        return scripted.status
    denied = sb.faults.denied(method, path)
    if denied:
        send(req, denied, error_body(denied, "Access denied (injected)"))
        return denied
    random_status = sb.faults.random_error(method, path)
    if random_status:
        send(req, random_status, error_body(random_status, "Injected server error"))
        return random_status
    if sb.validate_responses:  # the sandbox's own answers; injected faults are on purpose
        req.check_answer = lambda status, body: sb.check_response(req.method, req.path,
                                                                  status, body)
    try:
        return _checked(sb, req)
    except ApiError as err:
        send(req, err.status, err.body or error_body(err.status, err.message), err.headers)
        return err.status
    except Exception as exc:  # a sandbox bug: answer like Basecamp would, and make it loud
        sb.violations.append(f"sandbox error on {req.method} {req.path}: {exc!r}")
        send(req, 500, error_body(500, "Internal sandbox error"))
        return 500


def _checked(sb: Sandbox, req: Request) -> int:
    method = req.method
    if not _CONTACT.search(req.headers.get("User-Agent", "")):
        raise ApiError(400, "User-Agent must name your app and a contact (email or URL)")
    client_key = req.handler.client_address[0]
    wait = sb.limiter.hit(client_key)
    if wait is not None:
        send(req, 429, {"error": "Rate limit exceeded", "retry_after": wait},
             {"Retry-After": wait})
        return 429
    auth = req.headers.get("Authorization", "")
    if not sb.token_valid(auth.removeprefix("Bearer ").strip() if auth.startswith("Bearer ")
                          else ""):
        raise ApiError(401, "Unauthorized",
                       {"WWW-Authenticate": 'Bearer realm="Basecamp"'})
    if sb.faults.inactive:
        raise ApiError(404, "Account Inactive", {"Reason": "Account Inactive"})
    match = _ACCOUNT_PATH.match(req.path)
    if not match or int(match[1]) != sb.account_id:
        raise ApiError(404, "Not found")
    if method == "POST" and api_attachments.PATH.match(match[2] or ""):
        # A binary upload: raw bytes with the file's own Content-Type, not JSON.
        if sb.validate_requests:
            sb.check_request(method, req.path, req.query, None)
        with sb.lock:
            reply = api_attachments.create_attachment(sb, req.path, req.query, req.headers,
                                                      req.body)
            sb.save()
        return _respond(req, reply)
    content_type = req.headers.get("Content-Type", "")
    if method in ("POST", "PUT", "PATCH") and req.body.strip() and "json" not in content_type:
        raise ApiError(415, "Content-Type must be application/json")
    body = req.json()
    if sb.validate_requests:
        sb.check_request(method, req.path, req.query, body)
    norm = (match[2] or "/").rstrip("/").removesuffix(".json") or "/"
    late = sb.faults.take_late(method, req.path) if method != "GET" else None
    if late is not None:
        return _commit_late(sb, req, norm, body, late)
    with sb.lock:
        ctx = Ctx(sb.state, sb.views, sb.clock.iso(), req.query, body)
        reply = dispatch(method, norm, ctx)
        if reply.paged:
            reply.body = _paginate(req, reply)
        if method != "GET":
            sb.save()
    if method != "GET" and sb.faults.should_drop(method, req.path):
        # The write is committed; the client never hears back.
        req.on_answer(0)
        req.handler.close_connection = True
        with contextlib.suppress(OSError):
            req.handler.connection.shutdown(socket.SHUT_RDWR)
        return 0
    return _respond(req, reply)


def _commit_late(sb: Sandbox, req: Request, norm: str, body: Any, seconds: float) -> int:
    """Drop the connection now and apply the write `seconds` later (a slow commit)."""
    method, query = req.method, req.query

    def commit() -> None:
        with sb.lock, contextlib.suppress(ApiError):  # a rejected late write never lands
            dispatch(method, norm, Ctx(sb.state, sb.views, sb.clock.iso(), query, body))
            sb.save()

    sb.faults.later(seconds, commit)
    req.on_answer(0)
    req.handler.close_connection = True
    with contextlib.suppress(OSError):
        req.handler.connection.shutdown(socket.SHUT_RDWR)
    return 0


def _respond(req: Request, reply: Reply) -> int:
    headers = dict(reply.headers)
    body = reply.body
    if req.method != "GET" or reply.status != 200 or body is None:
        send(req, reply.status, body, headers)
        return reply.status
    data = json.dumps(body).encode()
    etag = '"' + hashlib.sha256(data).hexdigest()[:32] + '"'
    headers["ETag"] = etag
    modified = _last_modified(body)
    if modified:
        headers["Last-Modified"] = modified
    if _not_modified(req, etag, modified):
        send(req, 304, None, headers)
        return 304
    send(req, 200, body, headers)
    return 200


def _paginate(req: Request, reply: Reply) -> list:
    """One geared page of a list reply, with X-Total-Count and Link set on the reply."""
    items, headers = reply.body, reply.headers
    try:
        page = max(1, int(req.query.get("page", "1")))
    except ValueError:
        page = 1
    start, end = page_bounds(page)
    headers["X-Total-Count"] = len(items)
    if end < len(items):
        query = dict(req.query, page=str(page + 1))
        host = req.headers.get("Host", "127.0.0.1")
        headers["Link"] = f'<http://{host}{req.path}?{urlencode(query)}>; rel="next"'
    page_items = items[start:end]
    return [reply.render(item) for item in page_items] if reply.render else page_items


def _last_modified(body: Any) -> str | None:
    stamps = [item.get("updated_at") for item in (body if isinstance(body, list) else [body])
              if isinstance(item, dict) and item.get("updated_at")]
    if not stamps:
        return None
    return format_datetime(max(parse_iso(s) for s in stamps), usegmt=True)


def _not_modified(req: Request, etag: str, modified: str | None) -> bool:
    match = req.headers.get("If-None-Match")
    if match is not None:
        tags = {t.strip().removeprefix("W/") for t in match.split(",")}
        return etag in tags or "*" in tags
    since = req.headers.get("If-Modified-Since")
    if since and modified:
        # Weaker than ETags: a boost changes a body but not its updated_at.
        try:
            return parsedate_to_datetime(modified) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False
