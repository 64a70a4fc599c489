"""JWT authentication for the API (simplejwt, extended through its `get_user` hook).

A token is accepted only while the account may sign in (active, not blocked, not deleted), only if it was
issued under the account's current `credentials_version` (claim `ver`): a password change or reset, a block,
a deactivation, a deletion or `POST /v1/auth/blacklist` bumps the version, so every older access or refresh
token stops working on its next use; and only while its sign-in session (claim `sid`) was not logged out
(`roles.token_models.RevokedSession`). Both checks ride on the query that loads the user, which simplejwt runs
anyway.
"""

from django.db.models import Exists, OuterRef
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken
from rest_framework_simplejwt.settings import api_settings

VERSION_CLAIM = "ver"
SESSION_CLAIM = "sid"
FRESH_CLAIM = "fresh"


def load_token_user(token):
    """The user a validated token names (None if there is none), with `_session_revoked` annotated."""
    from roles.models import RevokedSession, User

    user_id = token.get(api_settings.USER_ID_CLAIM)
    if user_id is None:
        return None
    queryset = User.objects.filter(pk=user_id)
    sid = token.get(SESSION_CLAIM)
    if sid:
        queryset = queryset.annotate(
            _session_revoked=Exists(RevokedSession.objects.filter(sid=str(sid), user=OuterRef("pk")))
        )
    return queryset.first()


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


class AccountJWTAuthentication(JWTAuthentication):
    def get_user(self, validated_token):
        if api_settings.USER_ID_CLAIM not in validated_token:
            raise InvalidToken("Token contained no recognizable user identification")
        user = load_token_user(validated_token)
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
