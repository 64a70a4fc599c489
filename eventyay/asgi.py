"""ASGI entry point: HTTP through Django, WebSocket through Channels (session cookie or token auth).

In production this process serves `/ws/` only (HTTP goes to the WSGI workers, see the README); it still
answers HTTP, which `make run` uses.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eventyay.settings")
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402  (needs Django set up first)
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from eventyay import logs  # noqa: E402
from eventyay.body_limit import RequestSizeLimit  # noqa: E402
from eventyay.routing import websocket_urlpatterns  # noqa: E402
from notifications.ws_auth import JwtAuthMiddleware, OriginOrTokenValidator  # noqa: E402

logs.install()

application = ProtocolTypeRouter(
    {
        "http": RequestSizeLimit(django_asgi_app),
        "websocket": OriginOrTokenValidator(AuthMiddlewareStack(JwtAuthMiddleware(URLRouter(websocket_urlpatterns)))),
    }
)
