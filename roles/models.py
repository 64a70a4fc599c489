from django.contrib.auth import hashers
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_super_admin", True)
        extra.setdefault("is_admin", True)
        extra.setdefault("is_verified", True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser):
    """A person. Signs in with email. `is_staff`/`is_superuser` are derived from the admin flags."""

    email = models.EmailField(unique=True)
    first_name = models.CharField(max_length=150, blank=True, default="")
    last_name = models.CharField(max_length=150, blank=True, default="")
    public_name = models.CharField(max_length=255, blank=True, default="")
    details = models.TextField(blank=True, default="")
    contact = models.CharField(max_length=255, blank=True, default="")
    company = models.CharField(max_length=255, blank=True, default="")
    avatar_url = models.URLField(max_length=1000, blank=True, default="")
    original_image_url = models.URLField(max_length=1000, blank=True, default="")
    thumbnail_image_url = models.URLField(max_length=1000, blank=True, default="")
    small_image_url = models.URLField(max_length=1000, blank=True, default="")
    icon_image_url = models.URLField(max_length=1000, blank=True, default="")
    facebook_url = models.URLField(max_length=1000, blank=True, default="")
    twitter_url = models.URLField(max_length=1000, blank=True, default="")
    instagram_url = models.URLField(max_length=1000, blank=True, default="")
    google_plus_url = models.URLField(max_length=1000, blank=True, default="")
    facebook_id = models.CharField(max_length=255, blank=True, default="")
    language_prefrence = models.CharField(max_length=32, blank=True, default="")  # the contract's spelling
    billing_contact_name = models.CharField(max_length=255, blank=True, default="")
    billing_phone = models.CharField(max_length=64, blank=True, default="")
    billing_country = models.CharField(max_length=64, blank=True, default="")
    billing_tax_info = models.CharField(max_length=255, blank=True, default="")
    billing_address = models.TextField(blank=True, default="")
    billing_city = models.CharField(max_length=255, blank=True, default="")
    billing_zip_code = models.CharField(max_length=32, blank=True, default="")
    billing_state = models.CharField(max_length=255, blank=True, default="")
    billing_additional_info = models.TextField(blank=True, default="")

    is_super_admin = models.BooleanField(default=False)
    is_admin = models.BooleanField(default=False)
    is_sales_admin = models.BooleanField(default=False)
    is_marketer = models.BooleanField(default=False)
    is_verified = models.BooleanField(default=False)
    is_blocked = models.BooleanField(default=False)
    is_profile_public = models.BooleanField(default=False)
    is_rocket_chat_registered = models.BooleanField(default=False)
    was_registered_with_order = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    #: bumped whenever a credential dies (password changed or reset, blocked, deactivated, deleted): every
    #: token carries the version it was issued under and sessions hash it, so older ones stop working
    credentials_version = models.PositiveIntegerField(default=0, editable=False)

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    modified_at = models.DateTimeField(auto_now=True)
    last_accessed_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.email

    # --- credentials ---------------------------------------------------------------------------------------
    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._could_sign_in = instance._can_sign_in_now()
        return instance

    def _can_sign_in_now(self):
        fields = self.__dict__
        return bool(fields.get("is_active", True)) and not fields.get("is_blocked") and not fields.get("deleted_at")

    @property
    def can_sign_in(self):
        """Active, not blocked, not deleted: the account may hold sessions and tokens."""
        return self.is_active and not self.is_blocked and self.deleted_at is None

    def set_password(self, raw_password):
        super().set_password(raw_password)
        self._credentials_changed = True

    def check_password(self, raw_password):
        def rehash(raw):  # a stronger hash of the same password is not a new credential
            super(User, self).set_password(raw)
            self._password = None
            self.save(update_fields=["password"])

        return hashers.check_password(raw_password, self.password, rehash)

    def save(self, *args, **kwargs):
        """A saved row never carries `credentials_version` from memory: a stale instance must not roll it back
        (and revive old tokens). A revocation bumps it in the database (`F() + 1`) and reads it back."""
        existing = not self._state.adding and self.pk is not None
        revoked = existing and (
            getattr(self, "_credentials_changed", False)
            or (getattr(self, "_could_sign_in", False) and not self._can_sign_in_now())
        )
        if existing:
            fields = kwargs.get("update_fields")
            if fields is None:
                deferred = self.get_deferred_fields()
                fields = [f.name for f in self._meta.concrete_fields if not f.primary_key and f.attname not in deferred]
            fields = [name for name in fields if name != "credentials_version"]
            if revoked:
                self.credentials_version = models.F("credentials_version") + 1
                fields.append("credentials_version")
            kwargs["update_fields"] = fields
        super().save(*args, **kwargs)
        if revoked:
            self.refresh_from_db(fields=["credentials_version"])
        self._credentials_changed = False
        self._could_sign_in = self._can_sign_in_now()
        if revoked:
            _on_commit_revoked(self.pk, self.credentials_version)

    def delete(self, *args, **kwargs):
        pk = self.pk
        result = super().delete(*args, **kwargs)
        _on_commit_revoked(pk, None)
        return result

    def _get_session_auth_hash(self, secret=None):
        """Sessions carry this; it changes with `credentials_version`, so a password change, a block or a
        deactivation ends every older session on its next request (and every socket opened with it). A mere
        re-hash of the same password (stronger hasher settings) does not."""
        return salted_hmac(
            "roles.User.get_session_auth_hash",
            f"{self.pk}:{self.credentials_version}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    @property
    def is_staff(self):
        return self.is_active and (self.is_admin or self.is_super_admin)

    @property
    def is_superuser(self):
        return self.is_active and self.is_super_admin

    def has_perm(self, perm, obj=None):
        return self.is_staff

    def has_perms(self, perm_list, obj=None):
        return self.is_staff

    def has_module_perms(self, app_label):
        return self.is_staff

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip() or self.email

    def get_short_name(self):
        return self.first_name or self.email


#: called as hook(user_id, version) after a commit that revoked a user's credentials (version None: deleted)
CREDENTIALS_REVOKED_HOOKS = []


def _on_commit_revoked(user_id, version):
    def run():
        for hook in CREDENTIALS_REVOKED_HOOKS:
            hook(user_id, version)

    transaction.on_commit(run)


class Role(models.Model):
    """An event role. Seeded by a data migration: organizer, coorganizer, track_organizer, moderator,
    registrar, attendee."""

    ORGANIZER = "organizer"
    COORGANIZER = "coorganizer"
    TRACK_ORGANIZER = "track_organizer"
    MODERATOR = "moderator"
    REGISTRAR = "registrar"
    ATTENDEE = "attendee"

    name = models.CharField(max_length=64, unique=True)
    title_name = models.CharField(max_length=128, blank=True, default="")

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.title_name or self.name


class Service(models.Model):
    """An event service a permission is granted on (track, session, ticket, …). Seeded."""

    name = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.name


class Permission(models.Model):
    """One cell of the Role × Service matrix."""

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="permissions")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="permissions")
    can_create = models.BooleanField(default=False)
    can_read = models.BooleanField(default=False)
    can_update = models.BooleanField(default=False)
    can_delete = models.BooleanField(default=False)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["role_id", "service_id"]
        constraints = [models.UniqueConstraint(fields=["role", "service"], name="uniq_permission_role_service")]

    def __str__(self):
        return f"{self.role} × {self.service}"


class UsersEventsRoles(models.Model):
    """A user holds a role on an event."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="event_roles")
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="user_roles")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="user_event_roles")
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "user event role"
        constraints = [models.UniqueConstraint(fields=["user", "event", "role"], name="uniq_user_event_role")]

    def __str__(self):
        return f"{self.user} is {self.role} of {self.event_id}"


class RoleInvite(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    email = models.EmailField()
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="role_invites")
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="role_invites")
    hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"{self.email} as {self.role} ({self.status})"

    @property
    def role_name(self):
        return self.role.name


from roles.platform_models import (  # noqa: E402,F401  (platform access types; own module)
    CustomSystemRole,
    PanelPermission,
    UserEmail,
    UserPermission,
)
from roles.token_models import RevokedSession  # noqa: E402,F401  (signed-out sessions; own module)
