"""Signed-out sign-in sessions (`POST /v1/auth/logout`).

A sign-in (`POST /v1/auth/login`) starts a session: its refresh token's `jti`, copied into every access token
made from it as the `sid` claim. Logging out records that id here, so the refresh token and every access token
of the session stop working on their next use (checked in the same query that loads the user; see
`roles.authentication`). Rows are useless once the refresh token would have expired anyway.
"""

from django.db import models
from django.utils import timezone


class RevokedSession(models.Model):
    sid = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey("roles.User", on_delete=models.CASCADE, related_name="revoked_sessions")
    revoked_at = models.DateTimeField(default=timezone.now, editable=False)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        app_label = "roles"
        ordering = ["id"]

    def __str__(self):
        return f"session {self.sid} of user {self.user_id}"
