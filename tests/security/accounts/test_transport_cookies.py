"""Issue 10, item 10 — production cookie and transport settings.

With DEBUG off and nothing else said, cookies are Secure (and the session cookie HttpOnly), and a request the
trusted proxy marks as https gets HSTS. `make run` serves plain http on 127.0.0.1 (DJANGO_INSECURE_HTTP=1): a
client that honours the Secure flag, as browsers do, can still sign in there."""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.factories import PASSWORD
from tests.servers import needs_postgres_and_redis

pytestmark = [pytest.mark.integration, needs_postgres_and_redis]

#: production defaults, behind a TLS proxy that sets X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER opted in)
live_env_overrides = {"DJANGO_INSECURE_HTTP": "0", "SECURE_PROXY_SSL_HEADER": "1"}
HTTPS = {"X-Forwarded-Proto": "https"}


def cookie_attributes(response, name):
    for value in response.headers_named("set-cookie"):
        if value.startswith(f"{name}="):
            return {part.strip().split("=")[0].lower() for part in value.split(";")[1:]}
    raise AssertionError(f"no {name} cookie in {response.headers}")


def test_cookies_are_secure_and_https_gets_hsts(live_url, http, live_user):
    user = live_user()
    browser = http(live_url, headers=HTTPS)
    page = browser.request("GET", "/login")
    assert page.status == 200
    assert page.header("strict-transport-security") == "max-age=31536000"
    assert "secure" in cookie_attributes(page, "csrftoken")
    signed_in = browser.request(
        "POST",
        "/login",
        {"csrfmiddlewaretoken": browser.csrf_from(page), "username": user.email, "password": PASSWORD},
        headers={"Referer": live_url.replace("http://", "https://") + "/login"},
        content_type="application/x-www-form-urlencoded",
    )
    assert signed_in.status == 302, signed_in
    assert {"secure", "httponly", "samesite"} <= cookie_attributes(signed_in, "sessionid")
    assert browser.request("GET", "/dashboard").status == 200


def test_plain_http_gets_no_hsts_but_cookies_stay_secure(live_url, http):
    page = http(live_url).request("GET", "/login")
    assert page.header("strict-transport-security") is None  # HSTS over http means nothing; Django omits it
    assert "secure" in cookie_attributes(page, "csrftoken")


def test_secure_cookies_need_https_and_make_run_opts_out_for_local_http(live_url, live_env, start_server, live_user):
    """A client that honours the Secure flag, as browsers do, cannot keep a session over plain http with the
    production defaults (the sign-in form fails its CSRF check); `make run` (DJANGO_INSECURE_HTTP=1) can."""
    status, _ = browser_sign_in(live_url, live_user())
    assert status == 403
    env = {**live_env, "DJANGO_INSECURE_HTTP": "1"}
    env.pop("SECURE_PROXY_SSL_HEADER")
    with start_server(env) as base:
        status, dashboard = browser_sign_in(base, live_user())
    assert status == 200
    assert "Your events" in dashboard


def browser_sign_in(base, user):
    """Sign in like a browser would (http.cookiejar honours the Secure flag); (status, dashboard HTML)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/login", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": user.email, "password": PASSWORD})
    request = urllib.request.Request(base + "/login", data=form.encode(), headers={"Referer": base + "/login"})
    try:
        response = opener.open(request, timeout=30)  # follows the redirect to /dashboard
    except urllib.error.HTTPError as error:
        return error.code, ""
    body = response.read().decode()
    return response.status, body if response.url.endswith("/dashboard") else ""
