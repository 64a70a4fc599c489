"""Issue 10, item 5 — login throttling, held across server processes through Redis.

An attacker guesses passwords against two server processes behind one address, alternating between them.
After a few failures the account answers 429 with Retry-After on either process and on every sign-in route
(the API, /auth/session, the dashboard), even for the right password; an unknown account behaves the same."""

import pytest

from tests.conftest import clear_login_throttle
from tests.factories import PASSWORD
from tests.servers import needs_postgres_and_redis

pytestmark = [pytest.mark.integration, needs_postgres_and_redis]

#: small limits keep this module quick (every guess at an unknown account costs the server a full password
#: hash, on purpose); and uvicorn trusts no proxy (by default it takes X-Forwarded-For from 127.0.0.1, where
#: this test connects from)
PER_ACCOUNT, PER_ADDRESS = 3, 6
live_env_overrides = {
    "LOGIN_FAILURES_PER_ACCOUNT": str(PER_ACCOUNT),
    "LOGIN_FAILURES_PER_ADDRESS": str(PER_ADDRESS),
    "FORWARDED_ALLOW_IPS": "192.0.2.1",
}


@pytest.fixture(scope="module")
def two_servers(live_url, live_env):
    from tests.servers import asgi_server

    with asgi_server(live_env) as second:
        yield live_url, second


def guess(http, base, email, password="not-the-password", url="/v1/auth/login"):
    return http(base).post_json(url, {"email": email, "password": password})


def test_failures_on_one_process_lock_the_account_on_the_other(http, two_servers, live_user):
    first, second = two_servers
    user = live_user()
    statuses = [guess(http, (first, second)[n % 2], user.email).status for n in range(PER_ACCOUNT)]
    assert statuses == [401] * PER_ACCOUNT
    for base in (first, second):
        for url in ("/v1/auth/login", "/auth/session"):
            response = guess(http, base, user.email, PASSWORD, url)
            assert response.status == 429, response
            assert 0 < int(response.header("Retry-After")) <= 15 * 60 + 1
            [error] = response.json()["errors"]
            assert error["status"] == "429" and "Too many failed sign-in attempts" in error["detail"]
    dashboard = http(second)
    page = dashboard.submit("/login", {"username": user.email, "password": PASSWORD})
    assert page.status == 429
    assert "Too many failed sign-in attempts" in page.text
    assert dashboard.request("GET", "/dashboard").status == 302


def test_an_unknown_account_is_throttled_alike(http, two_servers, live_user, unique_email):
    first, second = two_servers
    known, unknown = live_user().email, unique_email("ghost")
    transcripts = []
    for email in (known, unknown):
        clear_login_throttle()  # two attackers, as far as the address is concerned
        transcript = []
        for n in range(PER_ACCOUNT + 1):
            response = guess(http, (first, second)[n % 2], email)
            transcript.append((response.status, response.json()["errors"][0]["detail"]))
        transcripts.append(transcript)
    assert transcripts[0] == transcripts[1]
    assert [status for status, _ in transcripts[0]] == [401] * PER_ACCOUNT + [429]


def test_the_address_is_throttled_across_accounts(http, two_servers, live_user, unique_email):
    first, second = two_servers
    for n in range(PER_ADDRESS):
        assert guess(http, (first, second)[n % 2], unique_email("spray")).status == 401
    bystander = live_user()
    assert guess(http, first, bystander.email, PASSWORD).status == 429
    # a forged X-Forwarded-For does not make a new address (no trusted proxy, NUM_PROXIES=0)
    spoofed = http(second, headers={"X-Forwarded-For": "198.51.100.7"}).post_json(
        "/v1/auth/login", {"email": bystander.email, "password": PASSWORD}
    )
    assert spoofed.status == 429


def test_the_dashboard_sign_in_counts_too(http, two_servers, live_user):
    first, second = two_servers
    user = live_user()
    for n in range(PER_ACCOUNT):
        page = http((first, second)[n % 2]).submit("/login", {"username": user.email, "password": "nope-nope"})
        assert page.status == 200 and "Please enter a correct" in page.text
    assert guess(http, first, user.email, PASSWORD).status == 429
