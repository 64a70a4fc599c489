from django.contrib.auth import authenticate
from django.db.models import Exists, OuterRef, Q
from rest_framework import parsers, renderers, status
from rest_framework.exceptions import AuthenticationFailed, ParseError
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import RefreshToken

from eventyay.api.parsers import JsonParser, PlainJsonAsJsonApiParser
from eventyay.api.permissions import any_of
from eventyay.api.renderers import PlainJsonAsJsonApiRenderer
from eventyay.api.schema import plain_json
from eventyay.api.views import EventScopedMixin, JsonApiViewSet, ServiceSet
from roles import auth, invites, services
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
from roles.models import Permission, Role, RoleInvite, Service, User, UsersEventsRoles
from roles.permissions import is_admin


class PlainJsonView(APIView):
    """Auth endpoints speak plain JSON, as the Open Event client sends them."""

    parser_classes = (JsonParser, PlainJsonAsJsonApiParser, parsers.FormParser)
    renderer_classes = (renderers.JSONRenderer, PlainJsonAsJsonApiRenderer)
    authentication_classes = ()
    permission_rules = {"*": "public"}

    def get_authenticate_header(self, request):
        return 'JWT realm="api"'  # bad credentials are a 401, not DRF's fallback 403


class LoginView(PlainJsonView):
    """POST {email|username, password} → {access_token, refresh_token}."""

    @plain_json(
        "Login",
        request={"email": str, "username": str, "password": str},
        response={"access_token": str, "refresh_token": str},
    )
    def post(self, request):
        data = request.data if isinstance(request.data, dict) else {}
        email = data.get("email") or data.get("username")
        password = data.get("password")
        if not email or not password:
            raise ParseError("Both email (or username) and password are required.")
        user = authenticate(request, username=str(email).strip(), password=str(password))
        if user is None or user.is_blocked or user.deleted_at is not None:
            raise AuthenticationFailed("Invalid email or password.")
        return Response(auth.tokens_for(user))


class RefreshView(PlainJsonView):
    """POST {refresh_token} (or {refresh}) → {access_token}."""

    @plain_json("TokenRefresh", request={"refresh_token": str}, response={"access_token": str})
    def post(self, request):
        data = request.data if isinstance(request.data, dict) else {}
        raw = data.get("refresh_token") or data.get("refresh")
        if not raw:
            raise ParseError("refresh_token is required.")
        try:
            refresh = RefreshToken(raw)
        except TokenError as exc:
            raise AuthenticationFailed(str(exc))
        user = User.objects.filter(pk=refresh.get("identity"), is_active=True).first()
        if user is None or user.is_blocked:
            raise AuthenticationFailed("The account no longer exists.")
        return Response({"access_token": str(refresh.access_token)}, status=status.HTTP_200_OK)


class UserViewSet(JsonApiViewSet):
    serializer_class = UserSerializer
    cheap_etag = True
    permission_rules = {
        "create": "public",
        "list": "authenticated",
        "*": any_of("is_user_itself", "is_admin"),
    }
    filterset_fields = {
        "email": ["exact", "icontains"],
        "first_name": ["exact", "icontains"],
        "last_name": ["exact", "icontains"],
        "is_admin": ["exact"],
        "is_verified": ["exact"],
        "created_at": ["gte", "lte"],
    }
    services = ServiceSet(create=services.user_create, update=services.user_update, delete=services.user_delete)

    def get_queryset(self):
        qs = User.objects.annotate(
            **{
                f"_{flag}": Exists(UsersEventsRoles.objects.filter(user=OuterRef("pk"), role__name=role))
                for flag, role in ROLE_FLAGS.items()
            }
        )
        user = self.request.user
        if not is_admin(user):
            qs = qs.filter(pk=user.pk) if user.is_authenticated else qs.none()
        return self.exclude_trashed(qs)


# --- roles, services and the Role × Service matrix ------------------------------------------------------------


class RoleViewSet(JsonApiViewSet):
    """`/v1/roles`: signed-in users read; the roles are fixed (seeded)."""

    http_method_names = ["get", "head", "options"]
    queryset = Role.objects.all()
    serializer_class = RoleSerializer
    cheap_etag = True
    permission_rules = {"*": "authenticated"}
    filterset_fields = {"name": ["exact", "in"]}


class ServiceViewSet(JsonApiViewSet):
    """`/v1/services`: signed-in users read; the services are fixed (seeded)."""

    http_method_names = ["get", "head", "options"]
    queryset = Service.objects.all()
    serializer_class = ServiceSerializer
    cheap_etag = True
    permission_rules = {"*": "authenticated"}
    filterset_fields = {"name": ["exact", "in"]}


class EventRolePermissionViewSet(JsonApiViewSet):
    """`/v1/event-role-permissions`: signed-in users read the matrix; a super admin edits its can-* flags."""

    http_method_names = ["get", "patch", "head", "options"]
    queryset = Permission.objects.select_related("role", "service")
    serializer_class = EventRolePermissionSerializer
    cheap_etag = True
    permission_rules = {"list": "authenticated", "retrieve": "authenticated", "partial_update": "is_super_admin"}
    filterset_fields = {
        "role": ["exact", "in"],
        "role__name": ["exact", "in"],
        "service": ["exact", "in"],
        "service__name": ["exact", "in"],
        "can_create": ["exact"],
        "can_read": ["exact"],
        "can_update": ["exact"],
        "can_delete": ["exact"],
    }
    services = ServiceSet(update=invites.event_role_permission_update)


# --- role invites -----------------------------------------------------------------------------------------------


class EventRoleInviteViewSet(EventScopedMixin, JsonApiViewSet):
    """`/v1/events/<event_id>/role-invites`: the team reads (matrix: read role_invite), organizers invite."""

    serializer_class = RoleInviteSerializer
    permission_rules = {"list": ("read", "role_invite"), "create": ("create", "role_invite")}
    filterset_fields = {"status": ["exact", "in"], "email": ["exact", "icontains"], "role__name": ["exact", "in"]}
    select_for_includes = {"__all__": ["role", "event"]}
    services = ServiceSet(create=invites.role_invite_create)
    detail_url_name = "role-invite-detail"

    def get_queryset(self):
        return self.get_event().role_invites.select_related("role", "event")


class RoleInviteViewSet(JsonApiViewSet):
    """`/v1/role-invites/<id>`: the invitee reads their invite and alone changes its status; the team reads;
    organizers edit the other fields and delete. Anyone else: 404."""

    serializer_class = RoleInviteSerializer
    permission_rules = {
        "retrieve": "authenticated",
        "partial_update": "authenticated",
        "destroy": ("delete", "role_invite"),
    }
    select_for_includes = {"__all__": ["role", "event"]}
    services = ServiceSet(update=invites.role_invite_update, delete=invites.role_invite_delete)

    def get_permission_event(self, obj=None):
        return obj.event if obj is not None else None

    def get_queryset(self):
        qs = RoleInvite.objects.select_related("role", "event")
        user = self.request.user
        if is_admin(user):
            return qs
        readers = UsersEventsRoles.objects.filter(
            user=user, event=OuterRef("event_id"), role__name__in=rules.ROLE_CHECKS["is_coorganizer"]
        )
        return qs.filter(Q(email__iexact=user.email) | Q(Exists(readers)), event__deleted_at__isnull=True)


# --- users-events-roles -----------------------------------------------------------------------------------------


class EventUsersEventsRolesViewSet(EventScopedMixin, JsonApiViewSet):
    """`/v1/events/<event_id>/users-events-roles`: the event's team as organizers and co-organizers see it."""

    http_method_names = ["get", "head", "options"]
    serializer_class = UsersEventsRolesSerializer
    permission_rules = {"list": "is_coorganizer"}
    filterset_fields = {"role__name": ["exact", "in"], "user": ["exact"], "user__email": ["exact", "icontains"]}
    select_for_includes = {"__all__": ["role", "user", "event"]}

    def get_queryset(self):
        return self.get_event().user_roles.select_related("role", "user", "event")


class UsersEventsRolesViewSet(JsonApiViewSet):
    """`/v1/users-events-roles/<id>`: read by the holder and the event's co-organizers; DELETE (remove the role)
    by an organizer, never the last organizer."""

    http_method_names = ["get", "delete", "head", "options"]
    serializer_class = UsersEventsRolesSerializer
    permission_rules = {"retrieve": any_of("is_user_itself", "is_coorganizer"), "destroy": "is_organizer"}
    select_for_includes = {"__all__": ["role", "user", "event"]}
    services = ServiceSet(delete=invites.users_events_role_delete)

    def get_permission_event(self, obj=None):
        return obj.event if obj is not None else None

    def get_queryset(self):
        qs = UsersEventsRoles.objects.select_related("role", "user", "event")
        user = self.request.user
        if is_admin(user):
            return qs
        team = UsersEventsRoles.objects.filter(
            user=user, event=OuterRef("event_id"), role__name__in=rules.ROLE_CHECKS["is_coorganizer"]
        )
        return qs.filter(Q(user=user) | Q(Exists(team)), event__deleted_at__isnull=True)
