"""Sign-in session services: fresh login, password check, logout (one session) and blacklist (every token).

* `fresh_login` re-checks the signed-in user's credentials (the e-mail must be theirs) and issues a fresh
  access token in the same session; wrong guesses count as failed sign-ins (throttled like the login).
* `verify_password` answers whether a password is the signed-in user's; wrong guesses count as failures too.
* `sign_out` ends the sessions of the given raw tokens (refresh or access): their refresh token and every
  access token of the session stop working.
* `revoke_all_tokens` ends every token and session issued to the user so far (bumps `credentials_version`).
"""

from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from rest_framework.exceptions import AuthenticationFailed
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import UntypedToken

from roles import accounts, auth, throttle
from roles.authentication import SESSION_CLAIM
from roles.models import RevokedSession, User


def _check_password(request, user, password):
    wait = throttle.retry_after(request, user.email)
    if wait:
        raise accounts.SignInThrottled(wait)
    if not password or not user.check_password(password):
        throttle.record_failure(request, user.email)
        return False
    return True


def fresh_login(*, request, user, email, password):
    if accounts.normalize_email(email) != accounts.normalize_email(user.email):
        throttle.record_failure(request, user.email)
        raise AuthenticationFailed("Invalid email or password.")
    if not _check_password(request, user, password):
        raise AuthenticationFailed("Invalid email or password.")
    return auth.fresh_access_token(user, request.auth if hasattr(request.auth, "get") else None)


def verify_password(*, request, user, password):
    return _check_password(request, user, password)


def _session_of(raw_token):
    try:
        token = UntypedToken(raw_token)
    except TokenError:
        return None, None
    return token.get(SESSION_CLAIM), token.get("identity")


def sign_out(*, raw_tokens):
    """End the session of every good token among `raw_tokens`; bad or expired ones are ignored."""
    now = timezone.now()
    expires_at = now + settings.SIMPLE_JWT.get("REFRESH_TOKEN_LIFETIME", timedelta(days=30))
    ended = 0
    for raw in raw_tokens:
        if not raw or not isinstance(raw, str):
            continue
        sid, identity = _session_of(raw)
        if not sid or not User.objects.filter(pk=identity).exists():
            continue
        transaction.on_commit(partial(_close_sockets, identity, str(sid)))
        try:
            with transaction.atomic():
                RevokedSession.objects.get_or_create(
                    sid=str(sid), defaults={"user_id": identity, "expires_at": expires_at}
                )
        except IntegrityError:  # logged out twice at once
            pass
        ended += 1
    RevokedSession.objects.filter(expires_at__lt=now).delete()
    return ended


def _close_sockets(user_id, sid):
    from notifications.services import end_token_session_sockets

    end_token_session_sockets(user_id, sid)


def revoke_all_tokens(*, user):
    user = User.objects.get(pk=user.pk)
    user._credentials_changed = True  # the revocation a password change does (see `User.save`)
    user.save(update_fields=["modified_at"])
    accounts.audit(user, f"Every token of {user.email} revoked (blacklist)")
    return user
