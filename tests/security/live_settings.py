"""Settings of the live server the security tier attacks: the production settings (`eventyay.settings`, read
from the environment like any deployment) plus two test-only conveniences that change no behaviour under test:

* the test database is flushed between tests (TRUNCATE, then the content types are created again under new
  ids), so the server forgets its cached ContentType ids at the start of every request;
* passwords use the fast hasher of the test settings, so users made by the factories can sign in over HTTP.
"""

from eventyay.settings import *  # noqa: F403
from eventyay.settings import MIDDLEWARE

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MIDDLEWARE = ["tests.security.live_settings.ForgetContentTypes", *MIDDLEWARE]


class ForgetContentTypes:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()
        return self.get_response(request)
