"""Role invites and the users-events-roles they create (seed 000: "How User Event Roles relationship is handled").

* An organizer invites an email to a role on the event; a user with that email is notified at once, an email
  with no account waits until it signs up (and is notified then).
* Only the invited user changes an invite's `status`, and only `status`; organizers edit the other fields
  while the invite is pending. The invited user is whoever holds the invite's secret token (the link in the
  invite mail) or a signed-in user whose *verified* e-mail is the invitee's (an unverified address grants
  nothing: anyone can type any address at sign-up or in an e-mail change).
* Accepting creates the users-events-roles row exactly once: the invite row is locked, its status re-read,
  and the unique (user, event, role) constraint backs it up.
* A role is removed by deleting the users-events-roles row; the last organizer of an event stays.
"""

import secrets

from django.db import IntegrityError, transaction
from django.utils.html import format_html

from eventyay.errors import ConflictError, DomainError
from roles import permissions as rules
from roles.accounts import audit
from roles.models import Role, RoleInvite, User, UsersEventsRoles

INVITABLE_ROLES = (Role.ORGANIZER, Role.COORGANIZER, Role.TRACK_ORGANIZER, Role.MODERATOR, Role.REGISTRAR)
ORGANIZER_FIELDS = ("email", "role")


def _normalize_email(email):
    email = (email or "").strip().lower()
    if not email:
        raise DomainError("An email address is required.", field="email")
    return email


def _resolve_role(data):
    role = data.pop("role", None)
    role_name = data.pop("role_name", None)
    if role is None and role_name:
        role = Role.objects.filter(name=role_name).first()
        if role is None:
            raise DomainError(f"Unknown role '{role_name}'.", field="role_name")
    if role is not None and role.name not in INVITABLE_ROLES:
        raise DomainError(f"Nobody can be invited as {role.name}.", field="role")
    return role


def _is_invitee(actor, invite):
    """A signed-in user whose verified address is the invite's."""
    return rules.is_authenticated(actor) and actor.is_verified and actor.email.lower() == invite.email.lower()


def _check_not_duplicate(invite):
    pending = RoleInvite.objects.filter(
        event_id=invite.event_id,
        role=invite.role,
        email__iexact=invite.email,
        status=RoleInvite.Status.PENDING,
    ).exclude(pk=invite.pk)
    if pending.exists():
        raise ConflictError("This email already has a pending invite for this role.", field="email")
    holders = UsersEventsRoles.objects.filter(event_id=invite.event_id, role=invite.role)
    if holders.filter(user__email__iexact=invite.email).exists():
        raise ConflictError("This user already holds this role on the event.", field="email")


def _notify_invitee(invite):
    from notifications.services import notify

    user = User.objects.filter(email__iexact=invite.email, is_active=True, is_verified=True).first()
    if user is None:
        return
    notify(
        user=user,
        kind="role_invite",
        title=f"Invitation to be {invite.role} of {invite.event.name}",  # text: escaped by notify()
        message=format_html("You have been invited to join {} as {}.", invite.event.name, invite.role),
        target=invite,
    )


@transaction.atomic
def role_invite_create(*, actor, data, event):
    data = dict(data)
    role = _resolve_role(data)
    if role is None:
        raise DomainError("Choose the role to invite to.", field="role")
    invite = RoleInvite(
        email=_normalize_email(data.get("email")),
        event=event,
        role=role,
        hash=secrets.token_hex(32),
        status=RoleInvite.Status.PENDING,
    )
    _check_not_duplicate(invite)
    invite.save()
    _notify_invitee(invite)
    _email_invitee(invite)
    audit(actor, f"{invite.email} invited as {role.name} of event {event.pk}")
    return invite


def _email_invitee(invite):
    """Every invitee gets the e-mail, with or without an account: the link works after signing up too."""
    from django.conf import settings

    from notifications.services import send_email

    send_email(
        action="event_role",
        to=invite.email,
        subject=f"Invitation to be {invite.role} of {invite.event.name}",
        body=(
            f"You have been invited to join {invite.event.name} as {invite.role}.\n\n"
            f"Sign in (or sign up with this e-mail address) and accept the invitation:\n"
            f"{settings.FRONTEND_URL}/role-invites?token={invite.hash}\n"
        ),
    )


def role_invite_resend(*, actor, invite):
    """The invite mail again, for a pending invite (an answered one has nothing left to accept)."""
    if invite.status != RoleInvite.Status.PENDING:
        raise DomainError("Only a pending invite can be resent.", field="status")
    _email_invitee(invite)
    audit(actor, f"Role invite {invite.pk} ({invite.role.name} of event {invite.event_id}) resent")
    return invite


@transaction.atomic
def role_invite_update(*, actor, instance, data):
    """`status` is the invitee's alone; the other fields are the organizers'."""
    invite = RoleInvite.objects.select_for_update().select_related("role", "event").get(pk=instance.pk)
    data = dict(data)
    status = data.pop("status", None)
    data.pop("hash", None)
    data.pop("created_at", None)
    role = _resolve_role(data)
    if role is not None and role != invite.role:
        data["role"] = role
    changes = {k: v for k, v in data.items() if k in ORGANIZER_FIELDS and getattr(invite, k) != v}
    if "email" in changes:
        changes["email"] = _normalize_email(changes["email"])
        if changes["email"] == invite.email:
            changes.pop("email")
    if changes:
        if not rules.has_access(actor, "is_organizer", event=invite.event):
            field = next(iter(changes))
            raise DomainError("Only an organizer may change this.", field=field, status=403, code="forbidden")
        if invite.status != RoleInvite.Status.PENDING:
            raise DomainError("Only a pending invite can be changed.", field=next(iter(changes)))
        for field, value in changes.items():
            setattr(invite, field, value)
        _check_not_duplicate(invite)
        invite.save()
    if status is not None and status != invite.status:
        if not _is_invitee(actor, invite):
            raise DomainError(
                "Only the invited user may accept or decline.", field="status", status=403, code="forbidden"
            )
        _set_status(actor, invite, status)
    return invite


def _set_status(actor, invite, status):
    if invite.status == RoleInvite.Status.ACCEPTED:
        raise DomainError("This invite was already accepted.", field="status")
    if status == RoleInvite.Status.ACCEPTED:
        _grant(actor, invite)
    elif status != RoleInvite.Status.DECLINED:
        raise DomainError("An invite can only be accepted or declined.", field="status")
    invite.status = status
    invite.save(update_fields=["status", "modified_at"])
    audit(actor, f"Role invite {invite.pk} ({invite.role.name} of event {invite.event_id}) {status}")


def _grant(user, invite):
    try:
        with transaction.atomic():
            UsersEventsRoles.objects.get_or_create(user=user, event_id=invite.event_id, role=invite.role)
    except IntegrityError:  # a concurrent accept won the race: the row exists, which is what we want
        pass
    rules.forget(user)


@transaction.atomic
def role_invite_accept(*, actor, invite, token=None):
    """Accept (idempotent: a second accept of an accepted invite changes nothing). `token` is the secret of
    the invite link: whoever holds it (signed in) may accept; without it, only the verified invitee."""
    locked = RoleInvite.objects.select_for_update().get(pk=invite.pk)
    holds_token = token is not None and secrets.compare_digest(str(token), locked.hash)
    if not rules.is_authenticated(actor) or not (holds_token or _is_invitee(actor, locked)):
        raise DomainError("Only the invited user may accept.", field="status", status=403, code="forbidden")
    if locked.status == RoleInvite.Status.ACCEPTED:
        return locked
    _set_status(actor, locked, RoleInvite.Status.ACCEPTED)
    return locked


@transaction.atomic
def role_invite_delete(*, actor, instance):
    instance.delete()


def notify_pending_invites(user_id):
    """E-mail-verified hook: an account learns about invites that waited for its (now verified) address."""
    user = User.objects.filter(pk=user_id).first()
    if user is None or not user.is_verified:
        return
    pending = RoleInvite.objects.filter(email__iexact=user.email, status=RoleInvite.Status.PENDING)
    for invite in pending.select_related("event", "role"):
        _notify_invitee(invite)


@transaction.atomic
def users_events_role_delete(*, actor, instance):
    """Remove a role; the last organizer of an event cannot be removed (the event would be orphaned)."""
    if instance.role.name == Role.ORGANIZER:
        organizers = UsersEventsRoles.objects.select_for_update().filter(
            event_id=instance.event_id, role__name=Role.ORGANIZER
        )
        if len(list(organizers.values_list("pk", flat=True))) <= 1:
            raise DomainError("The last organizer of an event cannot be removed.", field="role", code="last_organizer")
    instance.delete()
    rules.forget(instance.user)


@transaction.atomic
def event_role_permission_update(*, actor, instance, data):
    for field in ("can_create", "can_read", "can_update", "can_delete"):
        if field in data:
            setattr(instance, field, bool(data[field]))
    instance.save()
    return instance


@transaction.atomic
def users_events_role_change(*, actor, instance, role_name):
    """Give a team member another role on the event. The last organizer keeps theirs; a member who already
    holds the new role just loses the old one. Returns the row that holds the new role."""
    role = Role.objects.filter(name=role_name).first()
    if role is None or role.name not in INVITABLE_ROLES:
        raise DomainError(f"Nobody can be given the role '{role_name}'.", field="role")
    row = UsersEventsRoles.objects.select_for_update(of=("self",)).select_related("role", "user").get(pk=instance.pk)
    if row.role_id == role.pk:
        return row
    if row.role.name == Role.ORGANIZER:
        organizers = UsersEventsRoles.objects.select_for_update(of=("self",)).filter(
            event_id=row.event_id, role__name=Role.ORGANIZER
        )
        if len(list(organizers.values_list("pk", flat=True))) <= 1:
            raise DomainError(
                "The last organizer of an event keeps that role; make someone else organizer first.",
                field="role",
                code="last_organizer",
            )
    existing = UsersEventsRoles.objects.filter(user_id=row.user_id, event_id=row.event_id, role=role).first()
    if existing is not None:
        row.delete()
        row = existing
    else:
        row.role = role
        row.save(update_fields=["role", "modified_at"])
    rules.forget(row.user)
    return row
