"""JWT helpers. Tokens carry the user id as `identity` (the Open Event client reads it)."""

import secrets

import jwt
from django.conf import settings
from rest_framework_simplejwt.tokens import RefreshToken


def tokens_for(user):
    from roles.authentication import VERSION_CLAIM

    refresh = RefreshToken.for_user(user)
    refresh["identity"] = user.pk  # an integer, as the Open Event client expects (simplejwt writes a string)
    refresh["csrf"] = secrets.token_urlsafe(16)
    refresh[VERSION_CLAIM] = user.credentials_version  # copied into the access token; see roles.authentication
    return {"access_token": str(refresh.access_token), "refresh_token": str(refresh)}


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
