from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.utils import timezone


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
