"""Issue 10, item 1 — no shipped secret key.

An attacker who reads the repository learns every constant in it. No token signed with any of them is
accepted by a live server; and without a SECRET_KEY (DEBUG off) the server, the worker and manage.py refuse
to start with one line instead of falling back to a constant.
"""

import ast
import os
import subprocess
import time
import uuid
import warnings

import jwt
import pytest

from tests.factories import UserFactory
from tests.servers import ROOT, VENV_BIN, free_port, needs_postgres_and_redis, server_env

PUBLISHED_KEY = "eventyay-dev-only-secret-key-change-me-in-production-0123456789"


KEYISH = ("key", "secret", "token", "salt", "password", "signing")


def _keyish(name):
    return any(word in (name or "").lower() for word in KEYISH)


def repository_strings():
    """The strings of the project's own Python files an attacker would try as the signing key: every literal
    bound to a key-like name (`SECRET_KEY = "…"`, `key="…"`, `{"SIGNING_KEY": "…"}`), every long one (32+
    characters, no whitespace), and a few keys people try first."""
    found = {PUBLISHED_KEY, "secret", "changeme", "django-insecure"}
    for path in ROOT.rglob("*.py"):
        if any(part in {".venv", "node_modules", "static", "artifacts"} for part in path.parts):
            continue
        try:
            tree = ast.parse(path.read_text())
        except (SyntaxError, UnicodeDecodeError):
            continue
        for node in ast.walk(tree):
            pairs = []
            if isinstance(node, ast.Assign):
                pairs = [(getattr(target, "id", getattr(target, "attr", "")), node.value) for target in node.targets]
            elif isinstance(node, ast.keyword):
                pairs = [(node.arg, node.value)]
            elif isinstance(node, ast.Dict):
                pairs = [(getattr(k, "value", ""), v) for k, v in zip(node.keys, node.values, strict=True)]
            for name, value in pairs:
                if _keyish(str(name)) and isinstance(value, ast.Constant) and isinstance(value.value, str):
                    found.add(value.value)
            value = getattr(node, "value", None)
            if isinstance(node, ast.Constant) and isinstance(value, str) and 32 <= len(value) <= 200:
                if not any(char.isspace() for char in value):
                    found.add(value)
    found.discard("")
    return found


def forged(user_id, key, **extra):
    now = int(time.time())
    payload = {
        "token_type": "access",
        "exp": now + 3600,
        "iat": now,
        "jti": uuid.uuid4().hex,
        "identity": user_id,
        "ver": 0,
        "csrf": "x",
        **extra,
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PyJWT warns about short keys: that is the point here
        return jwt.encode(payload, key, algorithm="HS256")


@pytest.mark.integration
@needs_postgres_and_redis
def test_tokens_signed_with_any_key_from_the_repository_are_refused(live_url, http):
    victim = UserFactory(is_admin=True)
    version = victim.credentials_version  # the claim a genuine token of the victim would carry
    keys = repository_strings()
    assert PUBLISHED_KEY in keys and len(keys) > 50
    refused = set()
    client = http(live_url)
    for key in keys:
        client.token = forged(victim.pk, key, ver=version)
        if client.get(f"/v1/users/{victim.pk}").status == 401:
            refused.add(key)
    assert keys - refused == set()
    # and a token that skips the signature altogether
    unsigned = jwt.encode(
        {"identity": victim.pk, "ver": 0, "token_type": "access", "exp": time.time() + 60}, None, "none"
    )
    assert http(live_url, token=unsigned).get(f"/v1/users/{victim.pk}").status == 401
    # control: the server's own key (shared with this test run through the environment) is accepted
    own = forged(victim.pk, os.environ["SECRET_KEY"], ver=version)
    assert http(live_url, token=own).get(f"/v1/users/{victim.pk}").status == 200


def without_secret_key(**extra):
    env = server_env(**extra)
    env.pop("SECRET_KEY", None)
    env.pop("DJANGO_DEBUG", None)
    return env


@pytest.mark.integration
@pytest.mark.parametrize(
    "command",
    [
        ["python", "manage.py", "migrate", "--check"],
        ["uvicorn", "eventyay.asgi:application", "--host", "127.0.0.1", "--port", "{port}"],
        ["celery", "-A", "eventyay", "worker", "--pool=solo", "--loglevel=WARNING"],
        ["celery", "-A", "eventyay", "beat", "--loglevel=WARNING"],
    ],
    ids=["manage.py", "server", "worker", "beat"],
)
def test_every_entry_point_refuses_to_start_without_a_secret_key(command, tmp_path):
    argv = [str(VENV_BIN / command[0]), *[part.format(port=free_port()) for part in command[1:]]]
    env = without_secret_key(DATABASE_URL="", REDIS_URL="", SQLITE_PATH=str(tmp_path / "db.sqlite3"))
    result = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=90)
    output = (result.stdout + result.stderr).strip().splitlines()
    assert result.returncode != 0
    assert output == [line for line in output if "SECRET_KEY is not set" in line]
    assert len(output) == 1


@pytest.mark.integration
def test_the_published_key_is_refused_even_when_set_on_purpose(tmp_path):
    env = {**without_secret_key(SQLITE_PATH=str(tmp_path / "db.sqlite3"), DATABASE_URL=""), "SECRET_KEY": PUBLISHED_KEY}
    result = subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "published" in result.stderr
