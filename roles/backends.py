"""The one authentication backend: e-mail and password, for accounts that may sign in, behind the login
throttle. Every sign-in path (API login, dashboard, Django admin) goes through `authenticate()` and so here."""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from roles import throttle


class AccountBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is not None and request is not None and throttle.retry_after(request, username):
            raise PermissionDenied("too many failed sign-ins")  # stops authenticate(); the caller says 429
        return super().authenticate(request, username=username, password=password, **kwargs)

    def user_can_authenticate(self, user):
        """Blocked, deactivated and deleted accounts neither sign in nor keep a session."""
        return bool(getattr(user, "can_sign_in", False))
