"""JWT authentication for the API (simplejwt, extended through its `get_user` hook).

A token is accepted only while the account may sign in (active, not blocked, not deleted), only if it was
issued under the account's current `credentials_version` (claim `ver`): a password change or reset, a block,
a deactivation, a deletion or `POST /v1/auth/blacklist` bumps the version, so every older access or refresh
token stops working on its next use; and only while its sign-in session (claim `sid`) was not logged out
(`roles.token_models.RevokedSession`). Both checks ride on the query that loads the user, which simplejwt runs
anyway. With Redis and `API_TOKEN_USER_MEMO` on (the default), each process keeps the users it loaded under the
current content generation: the checks run on every request, the query only after a write.
"""

import copy
import threading
from collections import OrderedDict

from django.conf import settings
from django.db.models import Exists, OuterRef
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken
from rest_framework_simplejwt.settings import api_settings

from eventyay.prepared import Prepared

VERSION_CLAIM = "ver"
SESSION_CLAIM = "sid"
FRESH_CLAIM = "fresh"


def load_token_user(token):
    """The user a validated token names (None if there is none), with `_session_revoked` annotated."""
    user_id = token.get(api_settings.USER_ID_CLAIM)
    if user_id is None:
        return None
    sid = token.get(SESSION_CLAIM)
    if sid:
        return _USER_IN_SESSION.first(user_id=user_id, sid=str(sid))
    return _USER.first(user_id=user_id)


def _token_user_query(user_id, sid=None):
    from roles.models import RevokedSession, User

    queryset = User.objects.filter(pk=user_id)
    if sid is not None:
        revoked = RevokedSession.objects.filter(sid=sid, user=OuterRef("pk"))
        queryset = queryset.annotate(_session_revoked=Exists(revoked))
    return queryset.order_by("pk")[:1]


#: the query of every token-authenticated request without a memo (eventyay.prepared)
_USER = Prepared(_token_user_query, user_id=1)
_USER_IN_SESSION = Prepared(_token_user_query, user_id=1, sid="s")


def check_token_user(token, user):
    """Raise AuthenticationFailed unless `token` is still good for `user`."""
    if user is None or not user.can_sign_in:
        raise AuthenticationFailed("The account cannot sign in.", code="user_inactive")
    if token.get(VERSION_CLAIM) != user.credentials_version:
        raise AuthenticationFailed("The token was revoked; sign in again.", code="token_revoked")
    sid = token.get(SESSION_CLAIM)
    if sid:
        revoked = getattr(user, "_session_revoked", None)
        if revoked is None:
            from roles.models import RevokedSession

            revoked = RevokedSession.objects.filter(sid=str(sid), user=user).exists()
        if revoked:
            raise AuthenticationFailed("The session was logged out; sign in again.", code="token_revoked")


class _TokenUsers:
    """The users this process loaded for tokens lately, each valid only under the content generation it was
    loaded under (eventyay.api.generation): any committed write in any process (a password change, a block, a
    logged-out session, any other) moves the generation on, and every user held under an older one is loaded
    again. Without a trusted generation (no Redis subscription) nothing is held. The checks of
    `check_token_user` still run on every request; only the query is saved. Each request gets its own copy."""

    SIZE = 4096

    def __init__(self):
        self.lock = threading.Lock()
        self.entries = OrderedDict()

    def get(self, key, generation):
        with self.lock:
            held = self.entries.get(key)
            if held is None or held[0] != generation:
                return None
            self.entries.move_to_end(key)
            user = held[1]
        return copy.copy(user)

    def put(self, key, generation, user):
        with self.lock:
            self.entries[key] = (generation, copy.copy(user))
            self.entries.move_to_end(key)
            while len(self.entries) > self.SIZE:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


token_users = _TokenUsers()


def token_user(token):
    """`load_token_user`, answered from `token_users` when the generation is known and nothing changed since."""
    from eventyay.api import generation as generations

    if not getattr(settings, "API_TOKEN_USER_MEMO", False):
        return load_token_user(token)
    current = generations.current()  # before the query: a write meanwhile leaves the entry stale, not wrong
    if current is None:
        return load_token_user(token)
    key = (token.get(api_settings.USER_ID_CLAIM), token.get(SESSION_CLAIM))
    user = token_users.get(key, current)
    if user is None:
        user = load_token_user(token)
        if user is not None:
            token_users.put(key, current, user)
    return user


class AccountJWTAuthentication(JWTAuthentication):
    def get_user(self, validated_token):
        if api_settings.USER_ID_CLAIM not in validated_token:
            raise InvalidToken("Token contained no recognizable user identification")
        user = token_user(validated_token)
        if user is None:
            raise AuthenticationFailed("User not found", code="user_not_found")
        check_token_user(validated_token, user)
        return user


def session_of_raw_token(raw_token):
    """The sign-in session id (`sid`) a raw token carries, or None (bad or expired token, no session)."""
    from rest_framework_simplejwt.exceptions import TokenError
    from rest_framework_simplejwt.tokens import UntypedToken

    try:
        return UntypedToken(raw_token).get(SESSION_CLAIM)
    except TokenError:
        return None


def user_for_raw_token(raw_token):
    """The user a raw access token authenticates, or None (bad, expired, revoked, or a refresh token)."""
    auth = AccountJWTAuthentication()
    try:
        return auth.get_user(auth.get_validated_token(raw_token))
    except (InvalidToken, AuthenticationFailed):
        return None
