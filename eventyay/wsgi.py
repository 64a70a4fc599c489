"""WSGI entry point: HTTP in production (gunicorn, see eventyay/deploy/gunicorn.conf.py); /ws/ goes to the ASGI
process."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eventyay.settings")
application = get_wsgi_application()

from eventyay import logs  # noqa: E402

logs.install()
