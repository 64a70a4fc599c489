"""Platform-level access types of the Open Event API: custom system roles and their panel permissions, user
permissions, and users' alternate e-mail addresses.

They are administered data (the admin panel of the Open Event frontend reads and edits them); the platform's
authorization stays in `roles.permissions` (the admin flags and event roles). An alternate e-mail address is
never verified by being added and grants nothing: sign-in, invites and e-mail verification use the account's
own address only.
"""

from django.db import models

from eventyay.db import SoftDeleteModel, TimestampedModel


class CustomSystemRole(TimestampedModel):
    """A named system role (Sales Admin, Marketer, …) whose panel access the panel permissions list."""

    name = models.CharField(max_length=255, unique=True)

    class Meta:
        app_label = "roles"
        ordering = ["id"]

    def __str__(self):
        return self.name


class PanelPermission(TimestampedModel):
    """Access to an admin-panel section (`sales`, `admin`, `events`, …) for some custom system roles."""

    panel_name = models.CharField(max_length=255)
    can_access = models.BooleanField(default=True)
    custom_system_roles = models.ManyToManyField(CustomSystemRole, related_name="panel_permissions", blank=True)

    class Meta:
        app_label = "roles"
        ordering = ["id"]

    def __str__(self):
        return f"{self.panel_name} ({'access' if self.can_access else 'no access'})"


class UserPermission(SoftDeleteModel):
    """A named platform action and whether unverified or anonymous users may do it."""

    name = models.CharField(max_length=255, unique=True)
    description = models.TextField(blank=True, default="")
    unverified_user = models.BooleanField(default=False)
    anonymous_user = models.BooleanField(default=False)

    class Meta:
        app_label = "roles"
        ordering = ["id"]

    def __str__(self):
        return self.name


class UserEmail(SoftDeleteModel):
    """An alternate e-mail address of a user (`type`: work, personal, …). Unverified; grants nothing."""

    user = models.ForeignKey("roles.User", on_delete=models.CASCADE, related_name="alternate_emails")
    email_address = models.EmailField()
    type = models.CharField(max_length=64, blank=True, default="")
    is_verified = models.BooleanField(default=False, editable=False)

    class Meta:
        app_label = "roles"
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "email_address"],
                condition=models.Q(deleted_at__isnull=True),
                name="uniq_alive_user_email_address",
            )
        ]

    def __str__(self):
        return f"{self.email_address} ({self.type or 'alternate'}) of user {self.user_id}"
