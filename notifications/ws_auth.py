"""WebSocket authentication by JWT, for API clients that hold a token instead of a session cookie.

Sockets without an Origin header are accepted only with a token (`OriginOrTokenValidator`). The token comes
from the query string (`/ws/notifications?token=<jwt>`) or from the subprotocols
(`Sec-WebSocket-Protocol: jwt, <jwt>`; the consumer then answers with the `jwt` subprotocol). It sits inside
Channels' `AuthMiddlewareStack`: without a token the session user stays; a valid token sets `scope["user"]`;
a token that is present but invalid or expired makes the connection anonymous (refused by the consumer).
"""

from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.middleware import BaseMiddleware
from channels.security.websocket import AllowedHostsOriginValidator
from django.contrib.auth.models import AnonymousUser

from roles.authentication import session_of_raw_token, user_for_raw_token

JWT_SUBPROTOCOL = "jwt"


def token_from_scope(scope):
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    if query.get("token"):
        return query["token"][0]
    subprotocols = list(scope.get("subprotocols") or [])
    if JWT_SUBPROTOCOL in subprotocols:
        index = subprotocols.index(JWT_SUBPROTOCOL)
        if index + 1 < len(subprotocols):
            return subprotocols[index + 1]
    return None


@database_sync_to_async
def user_for_token(raw_token):
    """The API's own token check (revoked, blocked, deleted: anonymous)."""
    return user_for_raw_token(raw_token) or AnonymousUser()


class JwtAuthMiddleware(BaseMiddleware):
    async def __call__(self, scope, receive, send):
        raw_token = token_from_scope(scope) if scope.get("type") == "websocket" else None
        if raw_token:
            scope = dict(scope, user=await user_for_token(raw_token), token_sid=session_of_raw_token(raw_token))
        return await super().__call__(scope, receive, send)


class OriginOrTokenValidator:
    """The Origin check (ALLOWED_HOSTS) protects cookie-authenticated sockets from other sites' pages. A socket
    that sends no Origin at all (a native app, a script) is accepted when it carries a token: a token is not an
    ambient credential another site could borrow. A token of such a socket is its only credential: the
    session cookie is not consulted (see `JwtAuthMiddleware`)."""

    def __init__(self, application):
        self.application = application
        self.checked = AllowedHostsOriginValidator(application)

    async def __call__(self, scope, receive, send):
        if scope.get("type") == "websocket" and not _has_origin(scope) and token_from_scope(scope):
            return await self.application(scope, receive, send)
        return await self.checked(scope, receive, send)


def _has_origin(scope):
    return any(name == b"origin" for name, _value in scope.get("headers", []))
