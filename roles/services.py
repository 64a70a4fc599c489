"""Every write to users goes through here."""

from django.contrib.auth.hashers import make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from eventyay.errors import DomainError
from roles.models import User

ADMIN_ONLY_FIELDS = {"is_admin", "is_sales_admin", "is_marketer", "is_verified", "is_blocked"}
SUPER_ADMIN_ONLY_FIELDS = {"is_super_admin"}


def _check_password(password, user=None):
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise DomainError(" ".join(exc.messages), field="password")


def _check_email_free(email, exclude_pk=None):
    qs = User.objects.filter(email__iexact=email)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    if qs.exists():
        raise DomainError("An account with this email already exists.", field="email", status=409, code="conflict")


def _check_flag_rights(actor, data):
    is_admin = actor is not None and actor.is_authenticated and (actor.is_admin or actor.is_super_admin)
    is_super = actor is not None and actor.is_authenticated and actor.is_super_admin
    for field in data:
        if field in SUPER_ADMIN_ONLY_FIELDS and not is_super:
            raise DomainError("Only a super admin may change this.", field=field, status=403, code="forbidden")
        if field in ADMIN_ONLY_FIELDS and not is_admin:
            raise DomainError("Only an admin may change this.", field=field, status=403, code="forbidden")


@transaction.atomic
def user_create(*, actor=None, data):
    """A new, unverified account (a verification link is mailed once it commits). The password is checked
    before the address, so a weak password gets the same answer whether or not the address is taken."""
    data = dict(data)
    data.pop("current_password", None)
    email = data.pop("email").strip().lower()
    password = data.pop("password", None)
    if not password:
        raise DomainError("A password is required.", field="password")
    _check_flag_rights(actor, data)
    user = User(email=email, **data)
    _check_password(password, user)
    if email_taken(email):
        make_password(password)  # as long as a real sign-up takes: the timing tells nothing either
        raise DomainError("An account with this email already exists.", field="email", status=409, code="email_taken")
    user.set_password(password)
    user.save()
    from roles.accounts import audit

    audit(actor if actor is not None and actor.is_authenticated else user, f"User {user.email} signed up")
    transaction.on_commit(lambda: user_registered(user.pk))
    return user


def user_registered(user_id):
    """Hook run after a new account commits; features subscribe through `REGISTRATION_HOOKS`."""
    for hook in REGISTRATION_HOOKS:
        hook(user_id)


REGISTRATION_HOOKS = []


def email_taken(email):
    return User.objects.filter(email__iexact=(email or "").strip()).exists()


@transaction.atomic
def user_update(*, actor, instance, data, request=None):
    """Profile fields change at once. The e-mail address and the password are credentials: a user changing
    their own needs `current_password`; a new address waits for its confirmation link (see
    `roles.accounts.email_change_request`; `instance.email_change_message` then says so). An admin changing
    another user's address changes it at once and leaves it unverified."""
    from roles import accounts

    data = dict(data)
    _check_flag_rights(actor, data)
    current_password = data.pop("current_password", None)
    self_service = actor is not None and actor.pk == instance.pk
    new_email = data.pop("email", None)
    if new_email is not None:
        new_email = new_email.strip().lower()
        if new_email == instance.email:
            new_email = None
    password = data.pop("password", None)
    if self_service and (new_email or password):
        accounts.check_current_password(instance, current_password, request=request)
    for field, value in data.items():
        setattr(instance, field, value)
    if password:
        _check_password(password, instance)
        instance.set_password(password)
    if new_email and not self_service:
        _check_email_free(new_email, exclude_pk=instance.pk)
        instance.email = new_email
        if "is_verified" not in data:
            instance.is_verified = False
    instance.save()
    if new_email and not self_service and not instance.is_verified:
        transaction.on_commit(lambda: accounts.registration_hook(instance.pk))
    if new_email and self_service:
        instance.email_change_message = accounts.email_change_start(user=instance, new_email=new_email)
    return instance


@transaction.atomic
def user_delete(*, actor, instance, permanent=False):
    if permanent and actor.is_super_admin:
        instance.delete()
        return
    instance.deleted_at = timezone.now()
    instance.is_active = False
    instance.save(update_fields=["deleted_at", "is_active", "modified_at"])
