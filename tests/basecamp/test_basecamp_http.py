"""HTTP behaviour of the Basecamp client: paging, caching, retries, auth, headers, pacing."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest
import requests
import responses
from basecamp_helpers import (
    BASE,
    CLIENT_SECRET,
    LAUNCHPAD,
    REFRESH,
    TOKEN,
    USER_AGENT,
    SleepRecorder,
    comment,
    make_client,
    person,
)
from responses import matchers
from responses.registries import OrderedRegistry

from bot.basecamp.cache import CachedResponse, MemoryCache
from bot.basecamp.errors import (
    AccountInactive,
    AuthError,
    BasecampError,
    ConnectionFailed,
    Forbidden,
    LimitReached,
    NotFound,
    RateLimited,
    ServerError,
    ValidationFailed,
)
from bot.basecamp.pacing import Pacer

COMMENTS = f"{BASE}/recordings/50/comments.json"
PEOPLE = f"{BASE}/people.json"


def first_page(url: str) -> list:
    return [matchers.query_param_matcher({})]


@pytest.fixture
def rsps():
    with responses.RequestsMock() as mock:
        yield mock


@pytest.fixture
def ordered():
    with responses.RequestsMock(registry=OrderedRegistry) as mock:
        yield mock


class TestPagination:
    def test_follows_link_next_across_pages_in_order(self, rsps):
        rsps.get(COMMENTS, json=[comment(1), comment(2)], match=first_page(COMMENTS),
                 headers={"Link": f'<{COMMENTS}?page=2>; rel="next"', "X-Total-Count": "5"})
        rsps.get(f"{COMMENTS}?page=2", json=[comment(3), comment(4)],
                 headers={"Link": f'<{COMMENTS}?page=3>; rel="next"'})
        rsps.get(f"{COMMENTS}?page=3", json=[comment(5)])
        client = make_client()
        ids = [c.id for c in client.comments(50)]
        assert ids == [1, 2, 3, 4, 5]
        assert client.request_count == 3

    def test_follows_the_link_exactly_rather_than_building_page_urls(self, rsps):
        odd = f"{BASE}/somewhere/else.json?cursor=abc%3D&page=9"
        rsps.get(PEOPLE, json=[person(1)], headers={"Link": f'<{odd}>; rel="next"'},
                 match=first_page(PEOPLE))
        rsps.get(odd, json=[person(2)])
        assert [p.id for p in make_client().people()] == [1, 2]
        assert rsps.calls[1].request.url == odd

    def test_pages_are_requested_lazily(self, rsps):
        rsps.get(PEOPLE, json=[person(1), person(2)], match=first_page(PEOPLE),
                 headers={"Link": f'<{PEOPLE}?page=2>; rel="next"'})
        client = make_client()
        people = client.people()
        assert client.request_count == 0
        assert next(people).id == 1
        assert next(people).id == 2
        assert client.request_count == 1  # page 2 not fetched until needed

    def test_total_count_is_exposed_after_the_first_page(self, rsps):
        rsps.get(COMMENTS, json=[comment(1)], headers={"X-Total-Count": "1234"})
        client = make_client()
        paged = client.comments(50)
        assert paged.total_count is None
        list(paged)
        assert paged.total_count == 1234
        assert client.last_total_count == 1234

    def test_a_list_endpoint_answering_with_an_object_is_an_error(self, rsps):
        rsps.get(PEOPLE, json={"error": "odd"})
        with pytest.raises(BasecampError, match="expected a list"):
            list(make_client().people())

    def test_a_looping_link_header_does_not_spin(self, rsps):
        rsps.get(PEOPLE, json=[person(1)], headers={"Link": f'<{PEOPLE}>; rel="next"'})
        assert [p.id for p in make_client().people()] == [1]


class TestConditionalGet:
    def test_304_is_served_from_the_cache(self, rsps):
        rsps.get(PEOPLE, json=[person(1)], headers={"ETag": 'W/"v1"'})
        rsps.get(PEOPLE, status=304, match=[matchers.header_matcher({"If-None-Match": 'W/"v1"'})])
        client = make_client()
        assert [p.name for p in client.people()] == ["Ada Lovelace"]
        assert [p.name for p in client.people()] == ["Ada Lovelace"]
        assert client.stats.not_modified == 1
        assert client.stats.ok == 1
        assert client.request_count == 2

    def test_paging_headers_on_a_304_update_the_cached_ones(self, rsps):
        rsps.get(PEOPLE, json=[person(1)], headers={"ETag": '"v"', "X-Total-Count": "1"})
        rsps.get(PEOPLE, status=304, headers={"X-Total-Count": "2"})
        rsps.get(PEOPLE, status=304)
        client = make_client()
        list(client.people())
        next(client.people())
        assert client.last_total_count == 2
        list(client.people())
        assert client.last_total_count == 2  # remembered from the earlier 304

    def test_last_modified_is_sent_back_as_if_modified_since(self, rsps):
        stamp = "Wed, 25 Nov 2026 10:00:00 GMT"
        rsps.get(f"{BASE}/people/1.json", json=person(1), headers={"Last-Modified": stamp})
        rsps.get(f"{BASE}/people/1.json", status=304,
                 match=[matchers.header_matcher({"If-Modified-Since": stamp})])
        client = make_client()
        client.person(1)
        assert client.person(1).id == 1
        assert client.stats.not_modified == 1

    def test_cached_pages_keep_their_link_header_so_paging_continues(self, rsps):
        page2 = f"{COMMENTS}?page=2"
        rsps.get(COMMENTS, json=[comment(1)], match=first_page(COMMENTS),
                 headers={"ETag": '"p1"', "Link": f'<{page2}>; rel="next"', "X-Total-Count": "2"})
        rsps.get(page2, json=[comment(2)], headers={"ETag": '"p2"'})
        rsps.get(COMMENTS, status=304, match=first_page(COMMENTS))
        rsps.get(page2, status=304)
        client = make_client()
        first = [c.id for c in client.comments(50)]
        paged = client.comments(50)
        second = [c.id for c in paged]
        assert first == second == [1, 2]
        assert paged.total_count == 2
        assert client.stats.not_modified == 2
        assert client.request_count == 4

    def test_cache_key_includes_the_query_string(self):
        cache = MemoryCache()
        client = make_client(cache=cache)
        with responses.RequestsMock() as rsps:
            rsps.get(f"{PEOPLE}?page=2", json=[person(2)], headers={"ETag": '"b"'})
            rsps.get(PEOPLE, json=[person(1)], headers={"ETag": '"a"'}, match=first_page(PEOPLE))
            client.get_json(f"{PEOPLE}?page=2")
            client.get_json(PEOPLE)
        assert cache.get(PEOPLE).etag == '"a"'
        assert cache.get(f"{PEOPLE}?page=2").etag == '"b"'

    def test_a_shared_cache_survives_a_new_client(self, rsps):
        class DictCache:
            def __init__(self):
                self.rows: dict[str, dict] = {}

            def get(self, url):
                row = self.rows.get(url)
                return CachedResponse.from_dict(row) if row else None

            def put(self, url, entry):
                self.rows[url] = entry.to_dict()

        cache = DictCache()
        rsps.get(PEOPLE, json=[person(1)], headers={"ETag": '"x"'})
        rsps.get(PEOPLE, status=304, match=[matchers.header_matcher({"If-None-Match": '"x"'})])
        list(make_client(cache=cache).people())
        restarted = make_client(cache=cache)
        assert [p.id for p in restarted.people()] == [1]
        assert restarted.stats.not_modified == 1

    def test_writes_are_never_conditional(self, rsps):
        cache = MemoryCache()
        cache.put(COMMENTS, CachedResponse("[]", etag='"x"'))
        rsps.post(COMMENTS, json=comment(9), status=201)
        make_client(cache=cache).create_comment(50, "<div>Hello</div>")
        assert "If-None-Match" not in rsps.calls[0].request.headers


class TestRetryBehavior:
    def test_429_waits_for_retry_after_then_retries(self, ordered):
        ordered.get(PEOPLE, status=429, headers={"Retry-After": "7"}, json={"error": "slow"})
        ordered.get(PEOPLE, json=[person(1)])
        client = make_client()
        assert [p.id for p in client.people()] == [1]
        assert client.test_sleep.waits == [7.0]
        assert client.stats.retries == 1

    def test_429_on_a_write_is_retried_because_nothing_was_committed(self, ordered):
        ordered.post(COMMENTS, status=429, headers={"Retry-After": "2"})
        ordered.post(COMMENTS, status=201, json=comment(5))
        client = make_client()
        assert client.create_comment(50, "<div>Hi</div>").id == 5
        assert client.test_sleep.waits == [2.0]

    def test_a_retry_after_longer_than_the_limit_raises_instead_of_hanging(self, ordered):
        ordered.get(PEOPLE, status=429, headers={"Retry-After": "3600"})
        client = make_client(max_retry_after=60)
        with pytest.raises(RateLimited) as info:
            list(client.people())
        assert info.value.retry_after == 3600
        assert client.test_sleep.waits == []

    def test_5xx_on_get_backs_off_then_succeeds(self, ordered):
        ordered.get(PEOPLE, status=503)
        ordered.get(PEOPLE, status=500)
        ordered.get(PEOPLE, json=[person(1)])
        client = make_client()
        assert [p.id for p in client.people()] == [1]
        assert client.request_count == 3
        assert len(client.test_sleep.waits) == 2
        assert all(0 < w <= 0.004 + 1e-9 for w in client.test_sleep.waits)

    def test_get_gives_up_after_max_retries(self, rsps):
        rsps.get(PEOPLE, status=502)
        client = make_client(max_retries=2)
        with pytest.raises(ServerError) as info:
            list(client.people())
        assert client.request_count == 3
        assert info.value.retryable and not info.value.outcome_unknown

    def test_post_is_not_retried_on_5xx_and_outcome_is_unknown(self, rsps):
        rsps.post(COMMENTS, status=502)
        client = make_client()
        with pytest.raises(ServerError) as info:
            client.create_comment(50, "<div>Hi</div>")
        assert client.request_count == 1
        assert info.value.outcome_unknown is True
        assert info.value.retryable is False

    def test_connection_error_on_get_is_retried(self, ordered):
        ordered.get(PEOPLE, body=requests.ConnectionError("connection reset"))
        ordered.get(PEOPLE, json=[person(1)])
        client = make_client()
        assert [p.id for p in client.people()] == [1]
        assert client.request_count == 2

    def test_connection_error_on_post_is_not_retried_and_outcome_is_unknown(self, rsps):
        rsps.post(COMMENTS, body=requests.ReadTimeout("read timed out"))
        client = make_client()
        with pytest.raises(ConnectionFailed) as info:
            client.create_comment(50, "<div>Hi</div>")
        assert client.request_count == 1
        assert info.value.outcome_unknown and not info.value.retryable

    def test_connect_timeout_on_post_is_safe_to_retry(self, ordered):
        ordered.post(COMMENTS, body=requests.ConnectTimeout("no route"))
        ordered.post(COMMENTS, status=201, json=comment(3))
        assert make_client().create_comment(50, "<div>Hi</div>").id == 3

    def test_404_is_not_retried(self, rsps):
        rsps.get(f"{BASE}/messages/4.json", status=404, json={"error": "Not found"})
        client = make_client()
        with pytest.raises(NotFound):
            client.message(4)
        assert client.request_count == 1

    def test_definite_rejection_of_a_write_is_not_outcome_unknown(self, rsps):
        rsps.post(COMMENTS, status=422, json={"error": "Content can't be blank"})
        with pytest.raises(ValidationFailed) as info:
            make_client().create_comment(50, "")
        assert info.value.outcome_unknown is False
        assert "Content can't be blank" in str(info.value)


class TestAuth:
    def test_401_refreshes_the_token_once_and_retries_with_the_new_one(self, ordered):
        got: list[tuple[str, str | None]] = []
        ordered.get(PEOPLE, status=401, json={"error": "expired"})
        ordered.post(f"{LAUNCHPAD}/authorization/token",
                     json={"access_token": "new-access", "refresh_token": "new-refresh",
                           "expires_in": 1209600, "token_type": "Bearer"})
        ordered.get(PEOPLE, json=[person(1)])
        client = make_client(refresh_token=REFRESH, client_id="cid",
                             client_secret=CLIENT_SECRET,
                             on_tokens=lambda a, r: got.append((a, r)))
        assert [p.id for p in client.people()] == [1]
        assert got == [("new-access", "new-refresh")]
        refresh = ordered.calls[1].request
        assert refresh.headers["Content-Type"] == "application/x-www-form-urlencoded"
        form = {k: v[0] for k, v in parse_qs(refresh.body).items()}
        assert form == {"type": "refresh", "grant_type": "refresh_token",
                        "refresh_token": REFRESH, "client_id": "cid",
                        "client_secret": CLIENT_SECRET}
        assert ordered.calls[0].request.headers["Authorization"] == f"Bearer {TOKEN}"
        assert ordered.calls[2].request.headers["Authorization"] == "Bearer new-access"

    def test_refresh_keeps_the_old_refresh_token_when_none_comes_back(self, ordered):
        got = []
        ordered.get(PEOPLE, status=401)
        ordered.post(f"{LAUNCHPAD}/authorization/token", json={"access_token": "a2"})
        ordered.get(PEOPLE, json=[])
        client = make_client(refresh_token=REFRESH, client_id="cid", client_secret="s3cr3t-x",
                             on_tokens=lambda a, r: got.append((a, r)))
        list(client.people())
        assert got == [("a2", REFRESH)]

    def test_401_without_refresh_config_raises_auth_error_with_guidance(self, rsps):
        rsps.get(PEOPLE, status=401)
        client = make_client()
        with pytest.raises(AuthError) as info:
            list(client.people())
        assert "BASECAMP_REFRESH_TOKEN" in str(info.value)
        assert client.request_count == 1

    def test_401_after_refreshing_raises_auth_error(self, ordered):
        ordered.get(PEOPLE, status=401)
        ordered.post(f"{LAUNCHPAD}/authorization/token", json={"access_token": "a2"})
        ordered.get(PEOPLE, status=401)
        client = make_client(refresh_token=REFRESH, client_id="cid", client_secret=CLIENT_SECRET)
        with pytest.raises(AuthError, match="even after refreshing"):
            list(client.people())

    def test_a_refused_refresh_raises_auth_error(self, ordered):
        ordered.get(PEOPLE, status=401)
        ordered.post(f"{LAUNCHPAD}/authorization/token", status=400,
                     json={"error": "invalid_grant"})
        client = make_client(refresh_token=REFRESH, client_id="cid", client_secret=CLIENT_SECRET)
        with pytest.raises(AuthError, match="invalid_grant"):
            list(client.people())


class TestErrorMapping:
    def test_404_with_reason_account_inactive_raises_account_inactive(self, rsps):
        rsps.get(PEOPLE, status=404, headers={"Reason": "Account Inactive"})
        with pytest.raises(AccountInactive):
            list(make_client().people())

    def test_507_raises_limit_reached_with_basecamps_message(self, rsps):
        msg = "The project limit for this account has been reached."
        rsps.post(f"{BASE}/projects.json", status=507, json={"error": msg})
        with pytest.raises(LimitReached) as info:
            make_client().create_project("Cohort 3")
        assert info.value.status == 507
        assert msg in str(info.value)
        assert not info.value.retryable and not info.value.outcome_unknown

    def test_403_raises_forbidden(self, rsps):
        rsps.delete(f"{BASE}/boosts/3.json", status=403)
        with pytest.raises(Forbidden):
            make_client().delete_boost(3)


class TestHeaders:
    def test_every_request_carries_auth_user_agent_accept_and_a_timeout(self, rsps):
        rsps.get(PEOPLE, json=[])
        list(make_client().people())
        request = rsps.calls[0].request
        assert request.headers["Authorization"] == f"Bearer {TOKEN}"
        assert request.headers["User-Agent"] == USER_AGENT
        assert request.headers["Accept"] == "application/json"
        assert request.req_kwargs["timeout"] == 5.0

    def test_writes_send_json_with_charset(self, rsps):
        rsps.post(COMMENTS, status=201, json=comment(1),
                  match=[matchers.json_params_matcher({"content": "<div>Hi</div>"})])
        make_client().create_comment(50, "<div>Hi</div>")
        assert rsps.calls[0].request.headers["Content-Type"] == "application/json; charset=utf-8"

    @pytest.mark.parametrize("agent", ["", "LOTI bot", "digital@loti.example", "(https://x.y)"])
    def test_a_user_agent_without_app_name_and_contact_is_refused(self, agent):
        with pytest.raises(ValueError, match="user_agent"):
            make_client(user_agent=agent)

    def test_an_empty_token_is_refused_with_a_clear_message(self):
        with pytest.raises(ValueError, match="access_token"):
            make_client(access_token="")


class TestPacing:
    def test_pacer_waits_once_the_window_is_full(self):
        sleep = SleepRecorder()
        pacer = Pacer(3, 10.0, clock=sleep.clock, sleep=sleep)
        for _ in range(3):
            assert pacer.acquire() == 0
        assert pacer.acquire() == pytest.approx(10.0)
        assert sleep.waits == [pytest.approx(10.0)]

    def test_window_slides_rather_than_resetting(self):
        sleep = SleepRecorder()
        pacer = Pacer(2, 10.0, clock=sleep.clock, sleep=sleep)
        pacer.acquire()
        sleep.now += 6
        pacer.acquire()
        sleep.now += 5  # the first start has left the window; the second has not
        assert pacer.acquire() == 0
        assert pacer.acquire() == pytest.approx(5.0)

    def test_client_requests_are_paced(self, rsps):
        rsps.get(PEOPLE, json=[])
        sleep = SleepRecorder()
        client = make_client(sleep=sleep, pacer=Pacer(2, 1.0, clock=sleep.clock, sleep=sleep))
        for _ in range(5):
            list(client.people())
        assert client.request_count == 5
        assert len(sleep.waits) == 2  # 2 per second: requests 3 and 5 wait, 4 joins 3
        assert sum(sleep.waits) == pytest.approx(2.0)

    def test_default_pacer_stays_under_basecamps_50_per_10_seconds(self):
        client = make_client(pacer=None)
        pacer = client.http.pacer
        assert (pacer.max_requests, pacer.per_seconds) == (45, 10.0)  # headroom: see pacing.py
