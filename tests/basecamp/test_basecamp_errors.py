"""Error mapping and secrecy: every error type is built one way and never shows a token."""

from __future__ import annotations

import pickle

import pytest
import requests
import responses
from basecamp_helpers import BASE, CLIENT_SECRET, LAUNCHPAD, REFRESH, TOKEN, make_client

from bot.basecamp import errors
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
    error_from_response,
    safe_url,
)

SECRETS = (TOKEN, REFRESH, CLIENT_SECRET)
LEAKY_BODY = (
    f'{{"error": "bad token {TOKEN}", "message": "Authorization: Bearer {TOKEN} '
    f'refresh_token={REFRESH} client_secret={CLIENT_SECRET}"}}'
)


class TestMapping:
    @pytest.mark.parametrize(
        ("status", "headers", "cls"),
        [
            (400, {}, ValidationFailed),
            (401, {}, AuthError),
            (403, {}, Forbidden),
            (404, {}, NotFound),
            (404, {"Reason": "Account Inactive"}, AccountInactive),
            (422, {}, ValidationFailed),
            (429, {"Retry-After": "5"}, RateLimited),
            (500, {}, ServerError),
            (503, {}, ServerError),
            (507, {}, LimitReached),
            (415, {}, BasecampError),
        ],
    )
    def test_status_maps_to_its_class(self, status, headers, cls):
        err = error_from_response(status, b"{}", headers, f"{BASE}/x.json")
        assert type(err) is cls
        assert err.status == status

    def test_only_safe_statuses_are_retryable_on_get(self):
        def retryable(status):
            return error_from_response(status, b"", {}, "u").retryable

        assert [s for s in (400, 403, 404, 422, 429, 500, 501, 502, 503, 504, 507)
                if retryable(s)] == [429, 500, 502, 503, 504]

    def test_5xx_on_a_write_is_outcome_unknown_and_not_retryable(self):
        err = error_from_response(500, b"", {}, "u", method="POST")
        assert err.outcome_unknown and not err.retryable

    def test_4xx_on_a_write_is_a_definite_rejection(self):
        err = error_from_response(422, b"", {}, "u", method="PUT")
        assert not err.outcome_unknown

    def test_retry_after_is_parsed_as_seconds(self):
        assert error_from_response(429, b"", {"retry-after": "12"}, "u").retry_after == 12.0

    def test_message_comes_from_error_and_message_fields(self):
        err = error_from_response(
            422, b'{"error": "Invalid", "message": "Subject is missing"}', {}, "u"
        )
        assert err.message == "Invalid — Subject is missing"

    def test_html_error_page_becomes_short_text(self):
        err = error_from_response(502, b"<html><h1>Bad gateway</h1>" + b"x" * 2000, {}, "u")
        assert err.message.startswith("Bad gateway")
        assert len(err.message) <= 301

    def test_errors_survive_pickling(self):
        err = error_from_response(404, b"", {}, f"{BASE}/x.json")
        copy = pickle.loads(pickle.dumps(err))
        assert type(copy) is NotFound and str(copy) == str(err)


class TestNoSecretsInErrors:
    @pytest.mark.parametrize(
        "cls",
        [BasecampError, AuthError, Forbidden, NotFound, AccountInactive, ValidationFailed,
         RateLimited, LimitReached, ServerError, ConnectionFailed, errors.ConstructionFailed],
    )
    def test_no_error_type_shows_a_token_even_from_the_body(self, cls):
        err = cls(500, f"{BASE}/x.json?access_token={TOKEN}", LEAKY_BODY, secrets=SECRETS)
        for text in (str(err), repr(err), err.message, err.url, *map(str, err.args)):
            for secret in SECRETS:
                assert secret not in text

    def test_token_shaped_text_is_redacted_even_when_not_known(self):
        err = error_from_response(
            400, b'{"error": "Bearer abc.def-123 was wrong; access_token=zzz999"}', {}, "u"
        )
        assert "abc.def-123" not in str(err) and "zzz999" not in str(err)

    def test_chatbot_keys_in_urls_are_redacted(self):
        assert "KEY123" not in safe_url(f"{BASE}/integrations/KEY123/buckets/1/chats/2/lines.json")

    def test_ordinary_query_parameters_are_kept(self):
        assert safe_url(f"{BASE}/projects/recordings.json?type=Comment&bucket=1,2") == (
            f"{BASE}/projects/recordings.json?type=Comment&bucket=1,2"
        )

    @pytest.mark.parametrize(
        ("status", "headers"),
        [(400, {}), (401, {}), (403, {}), (404, {}), (404, {"Reason": "Account Inactive"}),
         (422, {}), (429, {"Retry-After": "9999"}), (500, {}), (507, {})],
    )
    def test_client_errors_never_show_tokens(self, status, headers):
        with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
            rsps.post(f"{BASE}/recordings/1/comments.json", status=status, body=LEAKY_BODY,
                      headers=headers)
            rsps.post(f"{LAUNCHPAD}/authorization/token", status=401, body=LEAKY_BODY)
            client = make_client(refresh_token=REFRESH, client_id="cid",
                                 client_secret=CLIENT_SECRET, max_retry_after=1)
            with pytest.raises(BasecampError) as info:
                client.create_comment(1, "<div>x</div>")
        for text in (str(info.value), repr(info.value)):
            for secret in SECRETS:
                assert secret not in text

    def test_connection_errors_never_show_tokens(self):
        with responses.RequestsMock() as rsps:
            rsps.get(f"{BASE}/people.json",
                     body=requests.ConnectionError(f"failed with Bearer {TOKEN}"))
            with pytest.raises(ConnectionFailed) as info:
                list(make_client(max_retries=0).people())
        assert TOKEN not in str(info.value) and TOKEN not in repr(info.value)
        assert info.value.__cause__ is None and info.value.__suppress_context__

    def test_client_repr_shows_no_secrets(self):
        client = make_client(refresh_token=REFRESH, client_id="cid", client_secret=CLIENT_SECRET)
        text = repr(client) + repr(client.http) + repr(vars(client))
        assert "BasecampClient" in text
        assert not [secret for secret in SECRETS if secret in text]
