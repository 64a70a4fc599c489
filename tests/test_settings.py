"""Production settings from the environment: no shipped secret key; secure cookies, HSTS and the proxy header
on by default when DEBUG is off; `make run` keeps one random key per checkout and serves plain http."""

import json
import os
import subprocess
import sys

import pytest

from tests.servers import ROOT

PUBLISHED_KEY = "eventyay-dev-only-secret-key-change-me-in-production-0123456789"
PROBE = (
    "import json, eventyay.settings as s; print(json.dumps({k: getattr(s, k) for k in "
    "['SECRET_KEY', 'DEBUG', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_HSTS_SECONDS', "
    "'SECURE_PROXY_SSL_HEADER', 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_INCLUDE_SUBDOMAINS']}))"
)
RELEVANT = (
    "SECRET_KEY",
    "DJANGO_DEBUG",
    "DJANGO_INSECURE_HTTP",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_HSTS_SECONDS",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
)


def load_settings(**env):
    """Import eventyay.settings in a fresh interpreter with exactly these (relevant) variables."""
    clean = {k: v for k, v in os.environ.items() if k not in RELEVANT}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=60
    )


def settings_with(**env):
    result = load_settings(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_a_secret_key_the_settings_refuse_with_one_line():
    result = load_settings()
    assert result.returncode == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize("key", [PUBLISHED_KEY, ""])
def test_a_published_or_empty_key_is_refused(key):
    result = load_settings(SECRET_KEY=key)
    assert result.returncode == 1
    assert "SECRET_KEY" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_debug_without_a_key_makes_up_a_random_one_per_process():
    first = settings_with(DJANGO_DEBUG="1")["SECRET_KEY"]
    second = settings_with(DJANGO_DEBUG="1")["SECRET_KEY"]
    assert len(first) >= 50 and first != second


def test_production_defaults_are_secure():
    values = settings_with(SECRET_KEY="k" * 50)
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] == 31_536_000
    assert values["SECURE_PROXY_SSL_HEADER"] is None  # opt-in: only behind a proxy that sets it


def test_local_http_turns_the_https_defaults_off():
    values = settings_with(SECRET_KEY="k" * 50, DJANGO_INSECURE_HTTP="1")
    assert (values["SESSION_COOKIE_SECURE"], values["CSRF_COOKIE_SECURE"], values["SECURE_HSTS_SECONDS"]) == (
        False,
        False,
        0,
    )


def test_each_transport_setting_can_be_set_on_its_own():
    values = settings_with(
        SECRET_KEY="k" * 50,
        SESSION_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="600",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="1",
        SECURE_SSL_REDIRECT="true",
    )
    assert values["SESSION_COOKIE_SECURE"] is False and values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] == 600
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_SSL_REDIRECT"] is True


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", ["HTTP_X_FORWARDED_PROTO", "https"]),
        ("true", ["HTTP_X_FORWARDED_PROTO", "https"]),
        ("X-Forwarded-Ssl,on", ["HTTP_X_FORWARDED_SSL", "on"]),
        ("0", None),
    ],
)
def test_the_proxy_ssl_header_is_opt_in(value, expected):
    assert settings_with(SECRET_KEY="k" * 50, SECURE_PROXY_SSL_HEADER=value)["SECURE_PROXY_SSL_HEADER"] == expected


def test_make_keeps_one_random_key_per_checkout(tmp_path):
    key_file = tmp_path / "secret_key"
    make = ["make", "-s", "-C", str(ROOT), str(key_file), f"SECRET_KEY_FILE={key_file}"]
    subprocess.run(make, check=True, capture_output=True, timeout=60)
    first = key_file.read_text().strip()
    assert len(first) >= 50
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    subprocess.run(make, check=True, capture_output=True, timeout=60)
    assert key_file.read_text().strip() == first  # generated once, then kept
    ignored = subprocess.run(["git", "check-ignore", "-q", ".secret_key"], cwd=ROOT, timeout=30)
    assert ignored.returncode == 0


def test_make_run_exports_the_key_and_local_http():
    dry = subprocess.run(["make", "-s", "-n", "-C", str(ROOT), "run"], capture_output=True, text=True, timeout=60)
    serve = [line for line in dry.stdout.splitlines() if "uvicorn" in line]
    assert serve and "SECRET_KEY=" in serve[0] and "DJANGO_INSECURE_HTTP=" in serve[0]
