"""Writes of the platform access types (custom system roles, panel permissions, user permissions) and of users'
alternate e-mail addresses. Admins administer the access types; a user keeps their own alternate addresses
(admins anyone's). An alternate address is stored unverified and grants nothing (see `roles.platform_models`)."""

from django.db import IntegrityError, transaction

from eventyay.errors import DomainError
from roles import accounts
from roles import permissions as rules
from roles.accounts import audit
from roles.models import CustomSystemRole, PanelPermission, Role, Service, UserEmail, UserPermission


def _unique(model, field, value, exclude_pk=None, label=None):
    queryset = model.objects.filter(**{f"{field}__iexact": value})
    if "deleted_at" in {f.name for f in model._meta.concrete_fields}:
        queryset = queryset.filter(deleted_at__isnull=True)
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    if queryset.exists():
        raise DomainError(f"{label or field} {value!r} already exists.", field=field, status=409, code="conflict")


def _required(data, field, instance=None):
    value = data.get(field, getattr(instance, field, None))
    if value is None or (isinstance(value, str) and not value.strip()):
        raise DomainError(f"{field.replace('_', '-')} is required.", field=field)
    return value.strip() if isinstance(value, str) else value


def _apply(instance, data, fields):
    for field in fields:
        if field in data:
            setattr(instance, field, data[field])


# --- custom system roles ------------------------------------------------------------------------------------


@transaction.atomic
def custom_system_role_create(*, actor, data):
    name = _required(data, "name")
    _unique(CustomSystemRole, "name", name, label="A custom system role named")
    role = CustomSystemRole.objects.create(name=name)
    audit(actor, f"Custom system role {role.name} created")
    return role


@transaction.atomic
def custom_system_role_update(*, actor, instance, data):
    if "name" in data:
        instance.name = _required(data, "name")
        _unique(CustomSystemRole, "name", instance.name, exclude_pk=instance.pk, label="A custom system role named")
    if "panel_permissions" in data:
        instance.panel_permissions.set(data["panel_permissions"])
    instance.save()
    audit(actor, f"Custom system role {instance.name} updated")
    return instance


@transaction.atomic
def custom_system_role_delete(*, actor, instance):
    audit(actor, f"Custom system role {instance.name} deleted")
    instance.delete()


# --- panel permissions ----------------------------------------------------------------------------------------


@transaction.atomic
def panel_permission_create(*, actor, data):
    permission = PanelPermission.objects.create(
        panel_name=_required(data, "panel_name"), can_access=bool(data.get("can_access", True))
    )
    if data.get("custom_system_roles"):
        permission.custom_system_roles.set(data["custom_system_roles"])
    audit(actor, f"Panel permission {permission.pk} ({permission.panel_name}) created")
    return permission


@transaction.atomic
def panel_permission_update(*, actor, instance, data):
    if "panel_name" in data:
        instance.panel_name = _required(data, "panel_name")
    _apply(instance, data, ("can_access",))
    instance.save()
    if "custom_system_roles" in data:
        instance.custom_system_roles.set(data["custom_system_roles"])
    audit(actor, f"Panel permission {instance.pk} ({instance.panel_name}) updated")
    return instance


@transaction.atomic
def panel_permission_delete(*, actor, instance):
    audit(actor, f"Panel permission {instance.pk} ({instance.panel_name}) deleted")
    instance.delete()


# --- user permissions -----------------------------------------------------------------------------------------

USER_PERMISSION_FIELDS = ("description", "unverified_user", "anonymous_user")


@transaction.atomic
def user_permission_create(*, actor, data):
    name = _required(data, "name")
    _unique(UserPermission, "name", name, label="A user permission named")
    permission = UserPermission(name=name)
    _apply(permission, data, USER_PERMISSION_FIELDS)
    try:
        with transaction.atomic():
            permission.save()
    except IntegrityError:  # a soft-deleted permission keeps its name
        raise DomainError("A user permission with this name exists.", field="name", status=409, code="conflict")
    audit(actor, f"User permission {permission.name} created")
    return permission


@transaction.atomic
def user_permission_update(*, actor, instance, data):
    if "name" in data:
        instance.name = _required(data, "name")
        _unique(UserPermission, "name", instance.name, exclude_pk=instance.pk, label="A user permission named")
    _apply(instance, data, USER_PERMISSION_FIELDS)
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:
        raise DomainError("A user permission with this name exists.", field="name", status=409, code="conflict")
    audit(actor, f"User permission {instance.name} updated")
    return instance


@transaction.atomic
def user_permission_delete(*, actor, instance, permanent=False):
    audit(actor, f"User permission {instance.name} deleted")
    if permanent and rules.is_super_admin(actor):
        instance.delete()
        return None
    instance.soft_delete()
    return instance


# --- alternate e-mail addresses -----------------------------------------------------------------------------


def _owner(actor, data, instance=None):
    user = data.get("user") or (instance.user if instance is not None else actor)
    if user.pk != actor.pk and not rules.is_admin(actor):
        raise DomainError("You may only keep your own e-mail addresses.", field="user", status=403, code="forbidden")
    return user


def _address(user, data, instance=None):
    address = accounts.normalize_email(_required(data, "email_address", instance))
    if address == accounts.normalize_email(user.email):
        raise DomainError("This is the account's own e-mail address.", field="email_address")
    taken = UserEmail.objects.filter(user=user, email_address__iexact=address, deleted_at__isnull=True)
    if instance is not None:
        taken = taken.exclude(pk=instance.pk)
    if taken.exists():
        raise DomainError("This address is already listed.", field="email_address", status=409, code="conflict")
    return address


@transaction.atomic
def user_email_create(*, actor, data):
    user = _owner(actor, data)
    return UserEmail.objects.create(user=user, email_address=_address(user, data), type=data.get("type") or "")


@transaction.atomic
def user_email_update(*, actor, instance, data):
    user = _owner(actor, data, instance)
    if user.pk != instance.user_id:
        instance.user = user
        instance.is_verified = False
    if "email_address" in data:
        address = _address(user, data, instance)
        if address != instance.email_address:
            instance.email_address = address
            instance.is_verified = False  # a new address is unverified again
    _apply(instance, data, ("type",))
    instance.save()
    return instance


def user_email_delete(*, actor, instance, permanent=False):
    if permanent and rules.is_super_admin(actor):
        instance.delete()
        return None
    instance.soft_delete()
    return instance


# --- event roles and services ------------------------------------------------------------------------------------

#: the roles the permission module and the event team are built on: kept, under their names
SYSTEM_ROLES = (Role.ORGANIZER, Role.COORGANIZER, Role.TRACK_ORGANIZER, Role.MODERATOR, Role.REGISTRAR, Role.ATTENDEE)


def _role_name(data, instance=None):
    name = _required(data, "name", instance)
    _unique(Role, "name", name, exclude_pk=getattr(instance, "pk", None), label="A role named")
    return name


@transaction.atomic
def role_create(*, actor, data):
    """An admin adds an event role; it grants nothing until the Role × Service matrix gives it rights."""
    role = Role.objects.create(name=_role_name(data), title_name=(data.get("title_name") or "").strip())
    audit(actor, f"Role {role.name} created")
    return role


@transaction.atomic
def role_update(*, actor, instance, data):
    role = Role.objects.select_for_update().get(pk=instance.pk)
    if "name" in data:
        name = _role_name(data, role)
        if role.name in SYSTEM_ROLES and name != role.name:
            raise DomainError(
                f"{role.name} is a system role: permissions rely on its name, which cannot change.",
                field="name",
                status=409,
                code="conflict",
            )
        role.name = name
    if "title_name" in data:
        role.title_name = (data["title_name"] or "").strip()
    role.save()
    audit(actor, f"Role {role.name} updated")
    return role


@transaction.atomic
def role_delete(*, actor, instance):
    role = Role.objects.select_for_update().get(pk=instance.pk)
    if role.name in SYSTEM_ROLES:
        raise DomainError(
            f"{role.name} is a system role: permissions rely on it, it cannot be deleted.", status=409, code="conflict"
        )
    if role.user_event_roles.exists() or role.role_invites.exists():
        raise DomainError(
            f"The role {role.name} is held or offered on events: remove those first.", status=409, code="conflict"
        )
    audit(actor, f"Role {role.name} deleted")
    role.delete()


@transaction.atomic
def service_update(*, actor, instance, data):
    """Services are the permission module's vocabulary: their names cannot change (the same name is accepted)."""
    service = Service.objects.select_for_update().get(pk=instance.pk)
    if "name" in data and (data["name"] or "").strip() != service.name:
        raise DomainError(
            f"{service.name} is a service the permissions rely on: its name cannot change.",
            field="name",
            status=409,
            code="conflict",
        )
    return service
