"""JWT authentication for the API (simplejwt, extended through its `get_user` hook).

A token is accepted only while the account may sign in (active, not blocked, not deleted) and only if it was
issued under the account's current `credentials_version` (claim `ver`): a password change or reset, a block,
a deactivation or a deletion bumps the version, so every older access or refresh token stops working on its
next use. The check costs nothing beyond loading the user, which simplejwt does anyway.
"""

from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.authentication import JWTAuthentication
from rest_framework_simplejwt.exceptions import InvalidToken

VERSION_CLAIM = "ver"


def check_token_user(token, user):
    """Raise AuthenticationFailed unless `token` is still good for `user`."""
    if user is None or not user.can_sign_in:
        raise AuthenticationFailed("The account cannot sign in.", code="user_inactive")
    if token.get(VERSION_CLAIM) != user.credentials_version:
        raise AuthenticationFailed("The token was revoked; sign in again.", code="token_revoked")


class AccountJWTAuthentication(JWTAuthentication):
    def get_user(self, validated_token):
        user = super().get_user(validated_token)
        check_token_user(validated_token, user)
        return user


def user_for_raw_token(raw_token):
    """The user a raw access token authenticates, or None (bad, expired, revoked, or a refresh token)."""
    auth = AccountJWTAuthentication()
    try:
        return auth.get_user(auth.get_validated_token(raw_token))
    except (InvalidToken, AuthenticationFailed):
        return None
