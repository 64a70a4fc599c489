"""ASGI entry point: HTTP through Django, WebSocket through Channels (session cookie auth)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eventyay.settings")
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402  (needs Django set up first)
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from eventyay.body_limit import RequestSizeLimit  # noqa: E402
from eventyay.routing import websocket_urlpatterns  # noqa: E402
from notifications.ws_auth import JwtAuthMiddleware  # noqa: E402  (JWT by ?token= or subprotocol)

application = ProtocolTypeRouter(
    {
        "http": RequestSizeLimit(django_asgi_app),
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(JwtAuthMiddleware(URLRouter(websocket_urlpatterns)))
        ),
    }
)
