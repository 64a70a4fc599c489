"""Settings of the API server the compat tier drives: the test settings on the test database pytest-django
migrated (its name comes from the fixture), with a mail outbox on disk."""

import os

from tests.settings import *  # noqa: F403
from tests.settings import DATABASES

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ.get("COMPAT_OUTBOX", "/tmp/eventyay-compat-outbox")
MEDIA_ROOT = os.environ.get("COMPAT_MEDIA_ROOT", MEDIA_ROOT)  # noqa: F405
DATABASES["default"]["NAME"] = os.environ["COMPAT_DATABASE_NAME"]
