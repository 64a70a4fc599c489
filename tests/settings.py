"""Test settings: the real settings, with fast password hashing and eager Celery unless a test asks."""

from eventyay.settings import *  # noqa: F403
from eventyay.settings import env_bool

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = env_bool("TEST_CELERY_EAGER", True)
MEDIA_ROOT = BASE_DIR / "tests" / "artifacts" / "media"  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PRIVATE_MEDIA_ROOT = BASE_DIR / "tests" / "artifacts" / "private"  # noqa: F405
