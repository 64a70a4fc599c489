"""Every write to users goes through here."""

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
    data = dict(data)
    email = data.pop("email").strip().lower()
    password = data.pop("password", None)
    if not password:
        raise DomainError("A password is required.", field="password")
    _check_flag_rights(actor, data)
    _check_email_free(email)
    _check_password(password)
    user = User(email=email, **data)
    user.set_password(password)
    user.save()
    transaction.on_commit(lambda: user_registered(user.pk))
    return user


def user_registered(user_id):
    """Hook run after a new account commits; features subscribe through `REGISTRATION_HOOKS`."""
    for hook in REGISTRATION_HOOKS:
        hook(user_id)


REGISTRATION_HOOKS = []


@transaction.atomic
def user_update(*, actor, instance, data):
    data = dict(data)
    _check_flag_rights(actor, data)
    if "email" in data:
        data["email"] = data["email"].strip().lower()
        _check_email_free(data["email"], exclude_pk=instance.pk)
    password = data.pop("password", None)
    for field, value in data.items():
        setattr(instance, field, value)
    if password:
        _check_password(password, instance)
        instance.set_password(password)
    instance.save()
    return instance


@transaction.atomic
def user_delete(*, actor, instance, permanent=False):
    if permanent and actor.is_super_admin:
        instance.delete()
        return
    instance.deleted_at = timezone.now()
    instance.is_active = False
    instance.save(update_fields=["deleted_at", "is_active", "modified_at"])
