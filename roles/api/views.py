from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ParseError
from rest_framework.response import Response

from eventyay.api.parsers import JsonParser, PlainJsonAsJsonApiParser
from eventyay.api.permissions import any_of
from eventyay.api.schema import plain_json
from eventyay.api.views import EventScopedMixin, JsonApiViewSet, ServiceSet
from eventyay.errors import DomainError
from roles import accounts, invites, platform_services, services, throttle
from roles import permissions as rules
from roles.api.serializers import (
    ROLE_FLAGS,
    EventRolePermissionSerializer,
    RoleInviteSerializer,
    RoleSerializer,
    ServiceSerializer,
    UserSerializer,
    UsersEventsRolesSerializer,
)
from roles.models import Permission, Role, Service, User, UsersEventsRoles
from roles.permissions import is_admin
from roles.selectors import event_ids_with_role


class UserViewSet(JsonApiViewSet):
    serializer_class = UserSerializer
    cheap_etag = True
    permission_rules = {
        "create": "public",
        "check_email": "public",
        "user_id": "authenticated",
        "list": "authenticated",
        "*": any_of("is_user_itself", "is_admin"),
    }
    filterset_fields = {"created_at": ["gte", "lte"]}
    plain_json_actions = ("check_email", "user_id")
    services = ServiceSet(create=services.user_create, update=services.user_update, delete=services.user_delete)

    def create(self, request, *args, **kwargs):
        """Sign-up. An address that already has an account gets a mail to its owner and the same "check your
        mail" message as a new account (202 without the account, as there is none to show)."""
        try:
            response = super().create(request, *args, **kwargs)
        except DomainError as exc:
            if exc.code != "email_taken" or rules.is_admin(request.user):
                raise
            accounts.mail_account_exists(accounts.normalize_email(request.data.get("email")))
            message = accounts.check_your_mail(accounts.normalize_email(request.data.get("email")))
            return Response({"meta": {"message": message}}, status=status.HTTP_202_ACCEPTED)
        return response

    def perform_update(self, serializer):
        """E-mail and password changes of one's own account need the current password; wrong guesses count as
        failed sign-ins (throttled like the login)."""
        instance = serializer.instance
        serializer.instance = services.user_update(
            actor=self.request.user, instance=instance, data=dict(serializer.validated_data), request=self.request
        )
        self.response_meta = {}
        message = getattr(serializer.instance, "email_change_message", None)
        if message:
            self.response_meta["message"] = message

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["response_meta"] = getattr(self, "response_meta", None)
        return context

    def annotate(self, queryset):
        return queryset.annotate(
            **{
                f"_{flag}": Exists(UsersEventsRoles.objects.filter(user=OuterRef("pk"), role__name=role))
                for flag, role in ROLE_FLAGS.items()
            }
        )

    def readable(self, queryset):
        user = self.request.user
        if is_admin(user):
            return queryset
        return queryset.filter(pk=user.pk) if rules.is_authenticated(user) else queryset.none()

    def get_parsers(self):
        request = getattr(self, "request", None)
        if request is not None and (getattr(self, "action_map", None) or {}).get("post") == "check_email":
            return [JsonParser(), PlainJsonAsJsonApiParser()]
        return super().get_parsers()

    @plain_json("CheckEmail", request={"email": str}, response={"exists": bool})
    @action(detail=False, methods=["post"], url_path="check_email", url_name="check-email")
    def check_email(self, request, *args, **kwargs):
        """`POST /v1/users/check_email` `{"email"}` → `{"exists": bool}`, as the Open Event Server answers it (the
        client's checkout and invite flows branch on it). It tells whether an address has an account, so each
        client address may ask only `EMAIL_CHECKS_PER_ADDRESS` times per `LOGIN_FAILURE_WINDOW` (then 429)."""
        wait = throttle.address_allowance(
            request, "check-email", settings.EMAIL_CHECKS_PER_ADDRESS, settings.LOGIN_FAILURE_WINDOW
        )
        if wait:
            raise accounts.Throttled("Too many address checks from here.", wait)
        body = request.data if isinstance(request.data, dict) else {}
        email = body.get("email")
        if not isinstance(email, str) or not email.strip():
            raise ParseError("An email is required.")
        self.resource_name = False
        return Response({"exists": User.objects.filter(email__iexact=email.strip()).exists()})

    @plain_json("UserId", response={"user_id": str})
    @action(detail=False, methods=["get"], url_path="user-details/get-user-id", url_name="user-id")
    def user_id(self, request, *args, **kwargs):
        """`GET /v1/users/user-details/get-user-id` → `{"user_id": "<id>"}`: the signed-in user's id (the Open Event
        client reads it after sign-in)."""
        self.resource_name = False
        return Response({"user_id": str(request.user.pk)})


# --- roles, services and the Role × Service matrix ------------------------------------------------------------


class RoleViewSet(JsonApiViewSet):
    """`/v1/roles`: signed-in users read; admins add roles, rename them and delete unused ones. The seeded
    system roles (organizer … attendee) keep their names and cannot be deleted: permissions rely on them."""

    queryset = Role.objects.all()
    serializer_class = RoleSerializer
    cheap_etag = True
    permission_rules = {"list": "authenticated", "retrieve": "authenticated", "*": "is_admin"}
    services = ServiceSet(
        create=platform_services.role_create,
        update=platform_services.role_update,
        delete=platform_services.role_delete,
    )


class ServiceViewSet(JsonApiViewSet):
    """`/v1/services`: signed-in users read; the services are fixed (seeded): an admin's PATCH keeps the name."""

    http_method_names = ["get", "patch", "head", "options"]
    queryset = Service.objects.all()
    serializer_class = ServiceSerializer
    cheap_etag = True
    permission_rules = {"list": "authenticated", "retrieve": "authenticated", "*": "is_admin"}
    services = ServiceSet(update=platform_services.service_update)


class EventRolePermissionViewSet(JsonApiViewSet):
    """`/v1/event-role-permissions`: signed-in users read the matrix; a super admin edits its can-* flags."""

    http_method_names = ["get", "patch", "head", "options"]
    queryset = Permission.objects.select_related("role", "service")
    serializer_class = EventRolePermissionSerializer
    cheap_etag = True
    permission_rules = {"list": "authenticated", "retrieve": "authenticated", "partial_update": "is_super_admin"}
    filterset_fields = {"role__name": ["exact", "in"], "service__name": ["exact", "in"]}
    services = ServiceSet(update=invites.event_role_permission_update)


# --- role invites -----------------------------------------------------------------------------------------------


class RoleInviteViewSet(EventScopedMixin, JsonApiViewSet):
    """`/v1/events/<event_id>/role-invites` (the team reads: matrix read role_invite; organizers invite),
    `POST /v1/role-invites` with `relationships.event`, and `/v1/role-invites/<id>`: the invitee reads their
    invite and alone changes its status; the team reads; organizers edit the other fields and delete. Anyone
    else: 404."""

    serializer_class = RoleInviteSerializer
    permission_rules = {
        "list": ("read", "role_invite"),
        "create": ("create", "role_invite"),
        "retrieve": "authenticated",
        "partial_update": "authenticated",
        "destroy": ("delete", "role_invite"),
    }
    filterset_fields = {"role__name": ["exact", "in"]}
    services = ServiceSet(
        create=invites.role_invite_create, update=invites.role_invite_update, delete=invites.role_invite_delete
    )

    def get_permission_event(self, obj=None):
        if obj is not None:
            return obj.event
        return self.get_event() if (self.is_nested() or self.action == "create" or self.related_parent) else None

    def annotate(self, queryset):
        return queryset.select_related("role", "event")  # `role-name` reads the role; the hash check the event

    def readable(self, queryset):
        user = self.request.user
        if is_admin(user):
            return queryset
        if not rules.is_authenticated(user):
            return queryset.none()
        readers = event_ids_with_role(user, "is_coorganizer")
        mine = Q(email__iexact=user.email) if user.is_verified else Q(pk__in=[])  # an unverified address: none
        return queryset.filter(mine | Q(event_id__in=readers), event__deleted_at__isnull=True)


# --- users-events-roles -----------------------------------------------------------------------------------------


class UsersEventsRolesViewSet(EventScopedMixin, JsonApiViewSet):
    """`/v1/events/<event_id>/users-events-roles`: the event's team as organizers and co-organizers see it;
    `/v1/users-events-roles/<id>`: read by the holder and the event's co-organizers; DELETE (remove the role) by
    an organizer, never the last organizer."""

    http_method_names = ["get", "delete", "head", "options"]
    collection_actions = {}
    nested_actions = {"get": "list"}
    detail_actions = {"get": "retrieve", "delete": "destroy"}
    serializer_class = UsersEventsRolesSerializer
    permission_rules = {
        "list": "is_coorganizer",
        "retrieve": any_of("is_user_itself", "is_coorganizer"),
        "destroy": "is_organizer",
    }
    filterset_fields = {"role__name": ["exact", "in"], "user__email": ["exact", "icontains"]}
    services = ServiceSet(delete=invites.users_events_role_delete)

    def get_permission_event(self, obj=None):
        if obj is not None:
            return obj.event
        return self.get_event() if (self.is_nested() or self.related_parent) else None

    def readable(self, queryset):
        user = self.request.user
        if is_admin(user):
            return queryset
        if not rules.is_authenticated(user):
            return queryset.none()
        team = event_ids_with_role(user, "is_coorganizer")
        return queryset.filter(Q(user=user) | Q(event_id__in=team), event__deleted_at__isnull=True)
