"""JWT helpers. Tokens carry the user id as `identity` (the Open Event client reads it).

Only `POST /v1/auth/fresh-login` issues a *fresh* access token (claim `fresh: true`); tokens from sign-in and
refresh carry no `fresh` claim, which means not fresh (the client stores every claim in a size-limited
cookie). Every token of one sign-in carries a short random session id as `sid` (the session
`POST /v1/auth/logout` ends), and the account's `credentials_version` as `ver` (see `roles.authentication`).
"""

import secrets

import jwt
from django.conf import settings
from rest_framework_simplejwt.tokens import AccessToken, RefreshToken

#: the remember-me cookies of web clients (the Open Event Server's names)
REFRESH_COOKIE = "refresh_token_cookie"
CSRF_REFRESH_COOKIE = "csrf_refresh_token"
REFRESH_COOKIE_PATH = "/v1/auth/token/refresh"


def refresh_token_for(user):
    from roles.authentication import SESSION_CLAIM, VERSION_CLAIM

    refresh = RefreshToken.for_user(user)
    refresh["identity"] = user.pk  # an integer, as the Open Event client expects (simplejwt writes a string)
    refresh["csrf"] = secrets.token_urlsafe(16)
    refresh[VERSION_CLAIM] = user.credentials_version  # copied into the access token; see roles.authentication
    # short on purpose: the Open Event client keeps both tokens and their decoded claims in one cookie beside the
    # user it loaded, and a few dozen more bytes push that cookie past the browser's 4 KB limit (the session is
    # then lost on the next page load); 48 random bits name a sign-in among one user's sessions
    refresh[SESSION_CLAIM] = secrets.token_urlsafe(6)
    return refresh


def access_token_from(refresh, *, fresh):
    from roles.authentication import FRESH_CLAIM

    access = refresh.access_token
    if fresh:  # absent means not fresh (one claim less in every token the client stores; see above)
        access[FRESH_CLAIM] = True
    return access


def tokens_for(user):
    refresh = refresh_token_for(user)
    return {"access_token": str(access_token_from(refresh, fresh=False)), "refresh_token": str(refresh)}


def fresh_access_token(user, current_token=None):
    """A fresh access token for `user` in the session of `current_token` (a validated token, or None)."""
    from roles.authentication import FRESH_CLAIM, SESSION_CLAIM, VERSION_CLAIM

    access = AccessToken.for_user(user)
    access["identity"] = user.pk
    access[VERSION_CLAIM] = user.credentials_version
    access["csrf"] = secrets.token_urlsafe(16)
    sid = current_token.get(SESSION_CLAIM) if current_token is not None else None
    if sid:
        access[SESSION_CLAIM] = sid
    access[FRESH_CLAIM] = True
    return access


def get_identity(raw_token):
    """The user id in a token, even when the token has expired (signature still verified).

    Returns None for a token that is malformed or not signed by us.
    """
    jwt_settings = settings.SIMPLE_JWT
    try:
        payload = jwt.decode(
            raw_token,
            jwt_settings["SIGNING_KEY"],
            algorithms=[jwt_settings.get("ALGORITHM", "HS256")],
            options={"verify_exp": False},
        )
    except jwt.PyJWTError:
        return None
    identity = payload.get(jwt_settings["USER_ID_CLAIM"])
    if isinstance(identity, str) and identity.isdigit():
        identity = int(identity)
    return identity


def get_identity_user(raw_token):
    from roles.models import User

    identity = get_identity(raw_token)
    if identity is None:
        return None
    return User.objects.filter(pk=identity).first()
