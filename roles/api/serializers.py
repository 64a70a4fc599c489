from rest_framework_json_api import serializers
from rest_framework_json_api.relations import ResourceRelatedField

from events.models import Event
from eventyay.api.serializers import related_link
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
#: relationship name -> URL name of the list of those events (events.api.urls)
USER_EVENT_RELATIONSHIPS = (
    "events",
    "owner_events",
    "organizer_events",
    "coorganizer_events",
    "track_organizer_events",
    "moderator_events",
    "registrar_events",
)


def _events_link(name):
    return related_link(Event, f"user-{name.replace('_', '-')}", "user_id")


class UserSerializer(serializers.ModelSerializer):
    password = serializers.CharField(write_only=True, required=False, style={"input_type": "password"})
    #: needed (write-only) when users change their own e-mail or password
    current_password = serializers.CharField(write_only=True, required=False, style={"input_type": "password"})
    is_user_owner = serializers.SerializerMethodField()
    is_user_organizer = serializers.SerializerMethodField()
    is_user_coorganizer = serializers.SerializerMethodField()
    is_user_track_organizer = serializers.SerializerMethodField()
    is_user_moderator = serializers.SerializerMethodField()
    is_user_registrar = serializers.SerializerMethodField()
    events = _events_link("events")
    owner_events = _events_link("owner_events")
    organizer_events = _events_link("organizer_events")
    coorganizer_events = _events_link("coorganizer_events")
    track_organizer_events = _events_link("track_organizer_events")
    moderator_events = _events_link("moderator_events")
    registrar_events = _events_link("registrar_events")
    notifications = related_link("notifications.Notification", "user-notification-list", "user_id")
    orders = related_link("tickets.Order", "user-orders", "user_id")
    attendees = related_link("tickets.Attendee", "user-attendees", "user_id")

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


class TeamMemberSerializer(serializers.ModelSerializer):
    """A user as seen by an event's team (included with users-events-roles)."""

    class Meta:
        model = User
        resource_name = "user"
        fields = ("email", "first_name", "last_name", "public_name", "avatar_url", "thumbnail_image_url")


class RoleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Role
        resource_name = "role"
        fields = ("name", "title_name")


class ServiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Service
        resource_name = "service"
        fields = ("name",)


class EventRolePermissionSerializer(serializers.ModelSerializer):
    role = ResourceRelatedField(read_only=True)
    service = ResourceRelatedField(read_only=True)

    included_serializers = {"role": RoleSerializer, "service": ServiceSerializer}

    class Meta:
        model = Permission
        resource_name = "event-role-permissions"
        fields = ("can_create", "can_read", "can_update", "can_delete", "role", "service")


class RoleInviteSerializer(serializers.ModelSerializer):
    role = ResourceRelatedField(queryset=Role.objects.all(), required=False)
    event = ResourceRelatedField(read_only=True)
    role_name = serializers.CharField(required=False)

    included_serializers = {"role": RoleSerializer, "event": "events.api.serializers.EventSerializer"}

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


class UsersEventsRolesSerializer(serializers.ModelSerializer):
    user = ResourceRelatedField(read_only=True)
    event = ResourceRelatedField(read_only=True)
    role = ResourceRelatedField(read_only=True)

    included_serializers = {
        "user": TeamMemberSerializer,
        "role": RoleSerializer,
        "event": "events.api.serializers.EventSerializer",
    }

    class Meta:
        model = UsersEventsRoles
        resource_name = "users-events-roles"
        fields = ("created_at", "user", "event", "role")
