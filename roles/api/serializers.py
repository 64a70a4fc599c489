from django.db.models import Q
from rest_framework_json_api import serializers

from eventyay.api.permissions import any_of
from eventyay.api.relationships import NotServed, ToMany, ToOne
from eventyay.api.serializers import ResourceSerializer
from roles import permissions as rules
from roles.models import Permission, Role, RoleInvite, Service, User, UsersEventsRoles

#: user flag attribute -> the role it reports (any event)
ROLE_FLAGS = {
    "is_user_organizer": Role.ORGANIZER,
    "is_user_coorganizer": Role.COORGANIZER,
    "is_user_track_organizer": Role.TRACK_ORGANIZER,
    "is_user_moderator": Role.MODERATOR,
    "is_user_registrar": Role.REGISTRAR,
}
#: relationship name -> the role the events are listed by (their related routes are `/v1/users/<id>/<name>`)
USER_EVENT_RELATIONSHIPS = {
    "events": None,
    "owner_events": "owner",
    "organizer_events": Role.ORGANIZER,
    "coorganizer_events": Role.COORGANIZER,
    "track_organizer_events": Role.TRACK_ORGANIZER,
    "moderator_events": Role.MODERATOR,
    "registrar_events": Role.REGISTRAR,
}
TEAM_ROLE_NAMES = (Role.ORGANIZER, Role.COORGANIZER, Role.TRACK_ORGANIZER, Role.MODERATOR, Role.REGISTRAR)


def _events(role):
    if role == "owner":
        return ToMany("event", path="owned_events")
    names = [role] if role else list(TEAM_ROLE_NAMES)
    return ToMany("event", lookup="user_roles__user", where=Q(user_roles__role__name__in=names))


#: who may read a user's contact and billing details: the user and admins
OWN = any_of("is_user_itself", "is_admin")


class UserSerializer(ResourceSerializer):
    password = serializers.CharField(write_only=True, required=False, style={"input_type": "password"})
    #: needed (write-only) when users change their own e-mail or password
    current_password = serializers.CharField(write_only=True, required=False, style={"input_type": "password"})
    is_user_owner = serializers.SerializerMethodField()
    is_user_organizer = serializers.SerializerMethodField()
    is_user_coorganizer = serializers.SerializerMethodField()
    is_user_track_organizer = serializers.SerializerMethodField()
    is_user_moderator = serializers.SerializerMethodField()
    is_user_registrar = serializers.SerializerMethodField()
    events = _events(None)
    owner_events = _events("owner")
    organizer_events = _events(Role.ORGANIZER)
    coorganizer_events = _events(Role.COORGANIZER)
    track_organizer_events = _events(Role.TRACK_ORGANIZER)
    moderator_events = _events(Role.MODERATOR)
    registrar_events = _events(Role.REGISTRAR)
    notifications = ToMany("notification")
    orders = ToMany("order")
    attendees = ToMany("attendee", lookup="order__user")
    access_codes = ToMany("access-code", lookup="marketer")
    discount_codes = ToMany("discount-code", lookup="marketer")
    sessions = ToMany("session", path="created_sessions")
    speakers = ToMany("speaker")
    groups = ToMany("group")
    alternate_emails = ToMany("user-email")
    email_notifications = ToMany("email-notification")
    event_invoices = ToMany("event-invoice")
    favourites = ToMany("user-favourite-session", path="favourite_sessions")
    feedbacks = ToMany("feedback")
    followed_groups = NotServed("user-follow-group", many=True)
    marketer_events = NotServed("event", many=True)
    sales_admin_events = NotServed("event", many=True)

    private_fields = {
        name: OWN
        for name in (
            "email",
            "contact",
            "facebook_id",
            "billing_contact_name",
            "billing_phone",
            "billing_country",
            "billing_tax_info",
            "billing_address",
            "billing_city",
            "billing_zip_code",
            "billing_state",
            "billing_additional_info",
        )
    }

    class Meta:
        model = User
        resource_name = "user"
        fields = (
            "email",
            "password",
            "current_password",
            "first_name",
            "last_name",
            "public_name",
            "details",
            "contact",
            "company",
            "avatar_url",
            "original_image_url",
            "thumbnail_image_url",
            "small_image_url",
            "icon_image_url",
            "facebook_url",
            "twitter_url",
            "instagram_url",
            "google_plus_url",
            "facebook_id",
            "language_prefrence",
            "billing_contact_name",
            "billing_phone",
            "billing_country",
            "billing_tax_info",
            "billing_address",
            "billing_city",
            "billing_zip_code",
            "billing_state",
            "billing_additional_info",
            "is_super_admin",
            "is_admin",
            "is_sales_admin",
            "is_marketer",
            "is_verified",
            "is_blocked",
            "is_profile_public",
            "is_rocket_chat_registered",
            "was_registered_with_order",
            "is_user_owner",
            *ROLE_FLAGS,
            *USER_EVENT_RELATIONSHIPS,
            "notifications",
            "orders",
            "attendees",
            "access_codes",
            "discount_codes",
            "sessions",
            "speakers",
            "groups",
            "alternate_emails",
            "email_notifications",
            "event_invoices",
            "favourites",
            "feedbacks",
            "followed_groups",
            "marketer_events",
            "sales_admin_events",
            "created_at",
            "last_accessed_at",
            "deleted_at",
        )
        read_only_fields = (
            "is_super_admin",
            "facebook_id",
            "created_at",
            "last_accessed_at",
            "is_rocket_chat_registered",
            "deleted_at",
        )
        extra_kwargs = {"email": {"validators": []}}  # uniqueness (case-insensitive) is the service's rule

    def get_root_meta(self, resource, many):
        return dict(self.context.get("response_meta") or {})

    def get_is_user_owner(self, obj):
        return obj.is_super_admin

    def _role_flag(self, obj, flag):
        # annotated by the users view (one query for the whole list); computed for a lone instance
        value = getattr(obj, f"_{flag}", None)
        if value is None:
            value = UsersEventsRoles.objects.filter(user=obj, role__name=ROLE_FLAGS[flag]).exists()
        return bool(value)

    def get_is_user_organizer(self, obj):
        return self._role_flag(obj, "is_user_organizer")

    def get_is_user_coorganizer(self, obj):
        return self._role_flag(obj, "is_user_coorganizer")

    def get_is_user_track_organizer(self, obj):
        return self._role_flag(obj, "is_user_track_organizer")

    def get_is_user_moderator(self, obj):
        return self._role_flag(obj, "is_user_moderator")

    def get_is_user_registrar(self, obj):
        return self._role_flag(obj, "is_user_registrar")


#: what anyone who may read an event invoice sees of its user (the buyer face of `tickets.api.serializers`)
BILLED_USER_PUBLIC = ("email", "first_name", "last_name", "public_name", "avatar_url")


class BilledUserSerializer(UserSerializer):
    """The user of an event invoice (the event's owner): the whole user to that user and admins (as
    `/v1/users/<id>` shows it), only name, e-mail and avatar to the rest of the event's team."""

    private_fields = {name: OWN for name in UserSerializer.Meta.fields if name not in BILLED_USER_PUBLIC}

    class Meta(UserSerializer.Meta):
        pass


class TeamMemberSerializer(ResourceSerializer):
    """A user as seen by an event's team (the face of users-events-roles' user)."""

    class Meta:
        model = User
        resource_name = "user"
        fields = ("email", "first_name", "last_name", "public_name", "avatar_url", "thumbnail_image_url")


class RoleSerializer(ResourceSerializer):
    role_invites = ToMany("role-invite")

    class Meta:
        model = Role
        resource_name = "role"
        fields = ("name", "title_name", "role_invites")


class ServiceSerializer(ResourceSerializer):
    class Meta:
        model = Service
        resource_name = "service"
        fields = ("name",)


class EventRolePermissionSerializer(ResourceSerializer):
    role = ToOne("role")
    service = ToOne("service")

    class Meta:
        model = Permission
        resource_name = "event-role-permissions"
        fields = ("can_create", "can_read", "can_update", "can_delete", "role", "service")


class RoleInviteSerializer(ResourceSerializer):
    role = ToOne("role", writable=True, allow_null=False)
    event = ToOne("event")
    role_name = serializers.CharField(required=False)

    class Meta:
        model = RoleInvite
        resource_name = "role-invite"
        fields = ("email", "hash", "status", "role_name", "created_at", "role", "event")
        read_only_fields = ("hash", "created_at")

    def to_representation(self, instance):
        """The hash is the invite link's secret: whoever holds it may accept. Only the event's organizers
        (who send invites anyway) and admins read it."""
        data = super().to_representation(instance)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if not (rules.is_admin(user) or rules.has_access(user, "is_organizer", event=instance.event)):
            data["hash"] = None
        return data

    def validate_status(self, value):
        if self.instance is None and value != RoleInvite.Status.PENDING:
            raise serializers.ValidationError("A new invite is pending.")
        return value


class UsersEventsRolesSerializer(ResourceSerializer):
    user = ToOne("user", face=TeamMemberSerializer)
    event = ToOne("event")
    role = ToOne("role")

    class Meta:
        model = UsersEventsRoles
        resource_name = "users-events-roles"
        fields = ("created_at", "user", "event", "role")
