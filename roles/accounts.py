"""Account services: sign-in, e-mail verification, e-mail change, password change and reset.

* Sign-up sends a signed, expiring verification link; `email_verify(token=…)` marks the address verified.
  Only a verified address grants anything tied to it (role invites by e-mail, see `roles.invites`).
* Changing one's e-mail needs the current password. The change waits for a link mailed to the new address;
  until then the account is unverified. Whether the new address already has an account is never told (its
  owner gets a mail saying so instead of a link).
* Password change needs the current password; a forgotten password is reset with a mailed token (Django's
  `PasswordResetTokenGenerator`: single use, since the token hashes the current password).
* Every password change or reset bumps `User.credentials_version` (see `roles.models`): older tokens,
  sessions and sockets stop working.
* Messages never tell whether an account exists: sign-up, reset and resend answer "check your mail" either way.

Links point at `FRONTEND_URL` (`/verify?token=…`, `/reset-password?token=…`): the Open Event frontend's
routes, which this server's dashboard serves as well.
"""

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from eventyay.errors import DomainError
from roles import throttle
from roles.models import User

CHECK_YOUR_MAIL = "Check your mail: we sent a link to {email} (it works for {duration})."
VERIFY_SALT = "roles.accounts.verify-email"
#: hooks run with the user id after an address becomes verified (pending role invites, …)
EMAIL_VERIFIED_HOOKS = []

password_reset_tokens = PasswordResetTokenGenerator()


class Throttled(DomainError):
    """Too many attempts: 429 with Retry-After."""

    def __init__(self, what, retry_after):
        minutes = max(1, round(retry_after / 60))
        super().__init__(
            f"{what} Try again in {minutes} minute{'s' if minutes != 1 else ''}.",
            status=429,
            code="throttled",
            title="Too Many Requests",
        )
        self.retry_after = retry_after


class SignInThrottled(Throttled):
    """Too many failed sign-ins for this account or address."""

    def __init__(self, retry_after):
        super().__init__("Too many failed sign-in attempts.", retry_after)


def normalize_email(email):
    return (email or "").strip().lower()


def duration(seconds):
    """`90 minutes`, `72 hours`: how long a mailed link works, in words."""
    if seconds < 2 * 3600:
        minutes = max(1, round(seconds / 60))
        return f"{minutes} minute{'s' if minutes != 1 else ''}"
    return f"{round(seconds / 3600)} hours"


def check_your_mail(email, max_age=None):
    return CHECK_YOUR_MAIL.format(email=email, duration=duration(max_age or settings.EMAIL_VERIFICATION_MAX_AGE))


def validate_new_password(password, user=None, *, field="password"):
    if not password:
        raise DomainError("A password is required.", field=field)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field=field)


# --- sign-in --------------------------------------------------------------------------------------------------


def sign_in(request, email, password):
    """The account for these credentials, or None; SignInThrottled once this account or address failed too
    often within the window (whatever the password)."""
    email = normalize_email(email)
    wait = throttle.retry_after(request, email)
    if wait:
        raise SignInThrottled(wait)
    user = authenticate(request, username=email, password=password)
    if user is None:
        return None
    throttle.record_success(email)
    return user


def check_current_password(user, password, *, request=None, field="current_password"):
    """Sensitive changes need the current password; wrong guesses count as failed sign-ins."""
    if request is not None:
        wait = throttle.retry_after(request, user.email)
        if wait:
            raise SignInThrottled(wait)
    if not password or not user.check_password(password):
        if request is not None:
            throttle.record_failure(request, user.email)
        raise DomainError("The current password is not correct.", field=field, code="wrong_password")


# --- mails --------------------------------------------------------------------------------------------------


def _send(to, subject, body, action=""):
    from notifications.services import send_email

    send_email(to=to, subject=subject, body=body, action=action)


def audit(actor, action):
    """One line of the audit log (`notifications.audit`), written in the caller's transaction."""
    from notifications.audit import record_activity

    record_activity(actor, action)


def _link(path, token):
    return f"{settings.FRONTEND_URL}{path}?token={token}"


def verification_token(user, new_email=None):
    payload = {"u": user.pk, "e": user.email}
    if new_email:
        payload["n"] = new_email
    return signing.dumps(payload, salt=VERIFY_SALT, compress=True)


def mail_verification_link(user):
    _send(
        user.email,
        "Confirm your e-mail address",
        f"Hello {user.first_name or user.email},\n\n"
        f"please confirm that {user.email} is your address by opening this link (valid for "
        f"{duration(settings.EMAIL_VERIFICATION_MAX_AGE)}):\n"
        f"{_link('/verify', verification_token(user))}\n\n"
        "If you did not sign up for eventyay, ignore this mail.\n",
        action="verify_email",
    )


def registration_hook(user_id):
    """REGISTRATION_HOOKS entry: a new account gets its verification link (unless created verified)."""
    user = User.objects.filter(pk=user_id).first()
    if user is not None and not user.is_verified:
        mail_verification_link(user)


def mail_account_exists(email):
    """Someone tried to sign up (or move an account) with an address that already has an account."""
    if not throttle.mail_allowed("exists", email):
        return
    _send(
        email,
        "You already have an eventyay account",
        "Someone (maybe you) tried to use this address for a new eventyay account or an e-mail change, "
        "but it already belongs to an account. Nothing was changed.\n\n"
        f"Forgot your password? Reset it here: {settings.FRONTEND_URL}/reset-password\n",
        action="account_exists",
    )


# --- sign-up --------------------------------------------------------------------------------------------------


def sign_up(*, data):
    """Self-service sign-up. Returns the new account, or None when the address already has one (its owner
    is mailed instead); the caller answers "check your mail" either way."""
    from roles.services import user_create

    try:
        return user_create(actor=None, data=data)
    except DomainError as exc:
        if exc.code != "email_taken":
            raise
    mail_account_exists(normalize_email(data.get("email")))
    return None


# --- e-mail verification ---------------------------------------------------------------------------------------

INVALID_LINK = "This link is invalid or has expired. Ask for a new one."


@transaction.atomic
def email_verify(*, token):
    """Verify the address a token names (sign-up link, resend link, or e-mail change link). Idempotent for
    an address already verified; a change link works once (afterwards the account's address differs)."""
    try:
        payload = signing.loads(str(token), salt=VERIFY_SALT, max_age=settings.EMAIL_VERIFICATION_MAX_AGE)
    except signing.BadSignature:  # includes SignatureExpired
        raise DomainError(INVALID_LINK, field="token", code="invalid_token")
    if not isinstance(payload, dict):
        raise DomainError(INVALID_LINK, field="token", code="invalid_token")
    user = User.objects.select_for_update().filter(pk=payload.get("u")).first()
    if user is None or not user.can_sign_in or user.email != payload.get("e"):
        raise DomainError(INVALID_LINK, field="token", code="invalid_token")
    new_email = payload.get("n")
    if new_email:
        if User.objects.filter(email__iexact=new_email).exclude(pk=user.pk).exists():
            raise DomainError("Another account uses this address now.", field="token", code="invalid_token")
        user.email = new_email
    elif user.is_verified:
        return user
    user.is_verified = True
    user.save(update_fields=["email", "is_verified", "modified_at"])
    transaction.on_commit(lambda: [hook(user.pk) for hook in EMAIL_VERIFIED_HOOKS])
    return user


def verification_resend(*, email):
    """Mail a fresh verification link if an unverified account has this address; say nothing either way."""
    user = User.objects.filter(email__iexact=normalize_email(email)).first()
    if user is not None and user.can_sign_in and not user.is_verified and throttle.mail_allowed("verify", email):
        mail_verification_link(user)


@transaction.atomic
def email_change_request(*, user, new_email, current_password, request=None):
    """Ask to move `user` to `new_email`: needs the current password; the account is unverified until the
    link mailed to the new address is opened. Returns the "check your mail" message (the same whether or
    not the address is taken)."""
    new_email = normalize_email(new_email)
    if not new_email:
        raise DomainError("An email address is required.", field="email")
    check_current_password(user, current_password, request=request)
    return email_change_start(user=user, new_email=new_email)


def email_change_start(*, user, new_email):
    """The part of `email_change_request` after the password was checked."""
    new_email = normalize_email(new_email)
    if new_email == user.email:
        return None
    if user.is_verified:
        user.is_verified = False
        user.save(update_fields=["is_verified", "modified_at"])
    if User.objects.filter(email__iexact=new_email).exclude(pk=user.pk).exists():
        mail_account_exists(new_email)
    else:
        _send(
            new_email,
            "Confirm your new e-mail address",
            f"Hello {user.first_name or new_email},\n\n"
            f"you asked to use {new_email} for your eventyay account. Confirm it by opening this link "
            f"(valid for {duration(settings.EMAIL_VERIFICATION_MAX_AGE)}):\n"
            f"{_link('/verify', verification_token(user, new_email))}\n\n"
            "If you did not ask for this, ignore this mail: nothing changes.\n",
            action="change_email",
        )
    return check_your_mail(new_email)


# --- passwords ------------------------------------------------------------------------------------------------


@transaction.atomic
def password_change(*, user, current_password, new_password, request=None):
    """Change a password knowing the current one. Every older token, session and socket dies."""
    check_current_password(user, current_password, request=request, field="old_password")
    validate_new_password(new_password, user, field="new_password")
    user.set_password(new_password)
    user.save(update_fields=["password", "modified_at"])
    audit(user, f"Password of {user.email} changed")
    return user


def reset_token(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"{uid}.{password_reset_tokens.make_token(user)}"


def _user_for_reset_token(token):
    uid, _, secret = str(token or "").partition(".")
    try:
        pk = int(force_str(urlsafe_base64_decode(uid)))
    except (ValueError, TypeError, OverflowError):
        return None
    user = User.objects.filter(pk=pk).first()
    if user is None or not user.can_sign_in or not password_reset_tokens.check_token(user, secret):
        return None
    return user


def reset_token_is_valid(token):
    return _user_for_reset_token(token) is not None


def password_reset_request(*, email):
    """Mail a reset link if an account has this address; say nothing either way."""
    user = User.objects.filter(email__iexact=normalize_email(email)).first()
    if user is None or not user.can_sign_in or not throttle.mail_allowed("reset", email):
        return
    _send(
        user.email,
        "Reset your eventyay password",
        f"Hello {user.first_name or user.email},\n\n"
        f"someone (maybe you) asked to reset your password. Choose a new one here (valid for "
        f"{duration(settings.PASSWORD_RESET_TIMEOUT)}, once):\n{_link('/reset-password', reset_token(user))}\n\n"
        "If you did not ask for this, ignore this mail: your password stays as it is.\n",
        action="password_reset",
    )


@transaction.atomic
def password_reset_confirm(*, token, password):
    """Set a new password with a mailed token. Every older token, session and socket dies; the token too."""
    user = _user_for_reset_token(token)
    if user is None:
        raise DomainError(INVALID_LINK, field="token", code="invalid_token")
    user = User.objects.select_for_update().get(pk=user.pk)
    validate_new_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password", "modified_at"])
    throttle.record_success(user.email)  # the owner proved access to the mailbox: let them sign in again
    audit(None, f"Password of {user.email} reset with a mailed link")
    return user
