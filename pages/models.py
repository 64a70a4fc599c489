from django.db import models

from eventyay.db import TimestampedModel


class Page(TimestampedModel):
    """A static page (about, footer links). Seed 000: name, url, description required; index default 0."""

    class Place(models.TextChoices):
        FOOTER = "footer", "Footer"
        EVENT = "event", "Event"

    name = models.CharField(max_length=255)
    title = models.CharField(max_length=255, blank=True, default="")
    url = models.CharField(max_length=1000)
    description = models.TextField()
    place = models.CharField(max_length=16, choices=Place.choices, blank=True, default="")
    language = models.CharField(max_length=32, blank=True, default="")
    index = models.IntegerField(default=0)

    class Meta:
        ordering = ["index", "id"]

    def __str__(self):
        return self.name


def _text():
    return models.CharField(max_length=1000, blank=True, default="")


def _flag():
    return models.BooleanField(default=False)


class Setting(TimestampedModel):
    """The platform's settings: one row (`Setting.current()`), edited by super admins (`/v1/settings`, Django
    admin). Names follow the Open Event `setting` type. `PUBLIC_FIELDS` is what everyone may read."""

    # general
    app_environment = models.CharField(max_length=64, blank=True, default="production")
    app_name = models.CharField(max_length=255, blank=True, default="eventyay")
    tagline = models.CharField(max_length=255, blank=True, default="Event Management and Ticketing")
    order_expiry_time = models.PositiveIntegerField(default=15)
    max_complex_custom_fields = models.PositiveIntegerField(default=30)
    start_pg_enabled = models.CharField(max_length=64, blank=True, default="default")
    start_pg_event_id = models.CharField(max_length=64, blank=True, default="")
    frontend_url = _text()
    static_domain = _text()
    # images
    image_size = models.PositiveIntegerField(default=10)
    logo_size = models.PositiveIntegerField(default=1000)
    slide_size = models.PositiveIntegerField(default=20)
    # storage
    storage_place = models.CharField(max_length=64, blank=True, default="local")
    aws_key, aws_secret, aws_bucket_name, aws_region = _text(), _text(), _text(), _text()
    gs_key, gs_secret, gs_bucket_name = _text(), _text(), _text()
    # social sign-in
    google_client_id, google_client_secret = _text(), _text()
    fb_client_id, fb_client_secret = _text(), _text()
    tw_consumer_key, tw_consumer_secret = _text(), _text()
    in_client_id, in_client_secret = _text(), _text()
    is_google_recaptcha_enabled = _flag()
    google_recaptcha_site, google_recaptcha_secret = _text(), _text()
    # payments
    stripe_client_id, stripe_secret_key, stripe_publishable_key = _text(), _text(), _text()
    stripe_test_client_id, stripe_test_secret_key, stripe_test_publishable_key = _text(), _text(), _text()
    stripe_mode = models.CharField(max_length=32, blank=True, default="test")
    paypal_mode = models.CharField(max_length=32, blank=True, default="sandbox")
    paypal_client, paypal_secret, paypal_sandbox_client, paypal_sandbox_secret = _text(), _text(), _text(), _text()
    omise_mode = models.CharField(max_length=32, blank=True, default="test")
    omise_test_public, omise_test_secret, omise_live_public, omise_live_secret = _text(), _text(), _text(), _text()
    alipay_publishable_key, alipay_secret_key = _text(), _text()
    paytm_mode = models.CharField(max_length=32, blank=True, default="test")
    paytm_live_merchant, paytm_live_secret, paytm_sandbox_merchant, paytm_sandbox_secret = (
        _text(),
        _text(),
        _text(),
        _text(),
    )
    is_paypal_activated, is_stripe_activated, is_omise_activated = _flag(), _flag(), _flag()
    is_alipay_activated, is_paytm_activated, is_billing_paypal_activated = _flag(), _flag(), _flag()
    # e-mail
    email_service = models.CharField(max_length=32, blank=True, default="smtp")
    email_from, email_from_name, sendgrid_key = _text(), _text(), _text()
    smtp_host, smtp_username, smtp_password, smtp_encryption = _text(), _text(), _text(), _text()
    smtp_port = models.PositiveIntegerField(null=True, blank=True)
    # analytics, chat, apps
    analytics_key = _text()
    rocket_chat_url, rocket_chat_registration_secret = _text(), _text()
    android_app_url, web_app_url = _text(), _text()
    # links shown in the footer
    google_url, github_url, twitter_url, support_url, facebook_url = _text(), _text(), _text(), _text(), _text()
    instagram_url, youtube_url, patreon_url, gitter_url, telegram_url, weblate_url = (
        _text(),
        _text(),
        _text(),
        _text(),
        _text(),
        _text(),
    )
    cookie_policy = models.TextField(blank=True, default="")
    cookie_policy_link = _text()
    # the platform's billing details (on invoices to organizers)
    admin_billing_contact_name, admin_billing_phone, admin_billing_email = _text(), _text(), _text()
    admin_billing_state, admin_billing_country, admin_billing_tax_info = _text(), _text(), _text()
    admin_company, admin_billing_address, admin_billing_city, admin_billing_zip = _text(), _text(), _text(), _text()
    admin_billing_additional_info, admin_billing_logo, admin_billing_paypal_email = _text(), _text(), _text()
    invoice_sending_day = models.PositiveIntegerField(default=1)
    invoice_sending_timezone = models.CharField(max_length=64, blank=True, default="UTC")

    #: what anyone may read (the Open Event Server's public settings schema); the rest is for admins
    PUBLIC_FIELDS = (
        "app_name", "tagline", "order_expiry_time", "max_complex_custom_fields", "start_pg_enabled",
        "start_pg_event_id", "frontend_url", "static_domain", "image_size", "logo_size", "slide_size",
        "google_client_id", "fb_client_id", "in_client_id", "is_google_recaptcha_enabled", "google_recaptcha_site",
        "stripe_client_id", "stripe_publishable_key", "stripe_test_client_id", "stripe_test_publishable_key",
        "stripe_mode", "paypal_mode", "paypal_client", "paypal_sandbox_client", "omise_mode", "omise_test_public",
        "omise_live_public", "alipay_publishable_key", "paytm_mode", "is_paypal_activated", "is_stripe_activated",
        "is_omise_activated", "is_alipay_activated", "is_paytm_activated", "is_billing_paypal_activated",
        "analytics_key", "rocket_chat_url", "android_app_url", "web_app_url", "google_url", "github_url",
        "twitter_url", "support_url", "facebook_url", "instagram_url", "youtube_url", "patreon_url", "gitter_url",
        "telegram_url", "weblate_url", "cookie_policy", "cookie_policy_link",
    )  # fmt: skip

    class Meta:
        verbose_name = "platform settings"
        verbose_name_plural = "platform settings"

    def __str__(self):
        return "Platform settings"

    @classmethod
    def current(cls):
        """The one settings row (created with the defaults on first use)."""
        return cls.objects.get_or_create(pk=1)[0]

    @classmethod
    def field_names(cls):
        return [f.name for f in cls._meta.concrete_fields if f.name not in ("id", "created_at", "modified_at")]
