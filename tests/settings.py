"""Test settings: the real settings, with fast password hashing and eager Celery unless a test asks.

The secret key is random per test run (never a constant of the repository). It goes into the environment so
the server and worker processes the integration tests start (tests/servers.py) share it: tokens minted here
are accepted there.
"""

import os
import secrets

os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))

from eventyay.settings import *  # noqa: E402, F403
from eventyay.settings import env_bool  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = env_bool("TEST_CELERY_EAGER", True)
MEDIA_ROOT = BASE_DIR / "tests" / "artifacts" / "media"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tests write and read inside one rolled-back transaction (no commit, so no invalidation): the anonymous
# response cache is off unless a test turns it on (tests/api/test_public_cache.py).
API_PUBLIC_CACHE = False
API_TOKEN_USER_MEMO = False  # the same reason: a rolled-back write never moves the generation on
PRIVATE_MEDIA_ROOT = BASE_DIR / "tests" / "artifacts" / "private"  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["ENGINE"] = "tests.pgbackend"  # noqa: F405  (a cheaper flush between transactional tests)
