"""Settings of the server the blueprint replay drives: the test settings, with a mail outbox on disk (the
replay reads the tokens the server mails) and the database the replay fixture prepared."""

import os

from tests.settings import *  # noqa: F403
from tests.settings import DATABASES

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ.get("BLUEPRINT_OUTBOX", "/tmp/eventyay-blueprint-outbox")
MEDIA_ROOT = os.environ.get("BLUEPRINT_MEDIA_ROOT", MEDIA_ROOT)  # noqa: F405
CELERY_TASK_ALWAYS_EAGER = True  # exports finish inside the request; /v1/tasks/<id> then has a result
if os.environ.get("BLUEPRINT_DATABASE_NAME"):  # PostgreSQL: the test database pytest-django created
    DATABASES["default"]["NAME"] = os.environ["BLUEPRINT_DATABASE_NAME"]
# the charge example pays through the fake provider the orders tests use (no outside payment providers here)
PAYMENT_PROVIDERS = {
    "stripe": "tests.orders_and_sales.providers.FakeProvider",
    "paypal": "tests.orders_and_sales.providers.FakeProvider",
}
