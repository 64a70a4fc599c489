from rest_framework_json_api import serializers

from eventyay.api.relationships import ToMany, ToOne
from eventyay.api.serializers import ResourceSerializer, TypeAttributeMixin
from roles.models import CustomSystemRole, PanelPermission, UserEmail, UserPermission


class CustomSystemRoleSerializer(ResourceSerializer):
    panel_permissions = ToMany("panel-permission", writable=True)

    class Meta:
        model = CustomSystemRole
        resource_name = "custom-system-role"
        fields = ("name", "panel_permissions")
        extra_kwargs = {"name": {"validators": []}}  # the service answers a taken name (409, any case)


class PanelPermissionSerializer(ResourceSerializer):
    custom_system_roles = ToMany("custom-system-role", writable=True)

    class Meta:
        model = PanelPermission
        resource_name = "panel-permission"
        fields = ("panel_name", "can_access", "custom_system_roles")


class UserPermissionSerializer(ResourceSerializer):
    class Meta:
        model = UserPermission
        resource_name = "user-permission"
        fields = ("name", "description", "unverified_user", "anonymous_user", "deleted_at")
        read_only_fields = ("deleted_at",)
        extra_kwargs = {"name": {"validators": []}}  # the service answers a taken name (409, any case)


class UserEmailSerializer(TypeAttributeMixin, ResourceSerializer):
    user = ToOne("user", writable=True)
    user_id = serializers.IntegerField(read_only=True)

    class Meta:
        model = UserEmail
        resource_name = "user-email"
        fields = ("email_address", "type", "user_id", "deleted_at", "user")
        read_only_fields = ("deleted_at",)
