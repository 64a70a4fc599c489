"""Viewsets of the platform access types and of users' alternate e-mail addresses.

* `/v1/custom-system-roles`, `/v1/panel-permissions`, `/v1/user-permissions`: admins read and write.
* `/v1/user-emails/<id>`: the address's user and admins read, edit and delete; `POST /v1/user-emails` adds one
  (to oneself; admins to anyone); `/v1/users/<id>/alternate-emails` lists a user's addresses (related route of
  the user); `/v1/admin/user-emails` lists every address (admins).
"""

from django.db.models import Q

from eventyay.api.views import JsonApiViewSet, ServiceSet
from roles import platform_services as services
from roles.api.platform_serializers import (
    CustomSystemRoleSerializer,
    PanelPermissionSerializer,
    UserEmailSerializer,
    UserPermissionSerializer,
)
from roles.models import CustomSystemRole, PanelPermission, UserEmail, UserPermission

ADMINS = {"*": "is_admin"}


class CustomSystemRoleViewSet(JsonApiViewSet):
    queryset = CustomSystemRole.objects.all()
    serializer_class = CustomSystemRoleSerializer
    permission_rules = ADMINS
    services = ServiceSet(
        create=services.custom_system_role_create,
        update=services.custom_system_role_update,
        delete=services.custom_system_role_delete,
    )


class PanelPermissionViewSet(JsonApiViewSet):
    queryset = PanelPermission.objects.all()
    serializer_class = PanelPermissionSerializer
    permission_rules = ADMINS
    services = ServiceSet(
        create=services.panel_permission_create,
        update=services.panel_permission_update,
        delete=services.panel_permission_delete,
    )


class UserPermissionViewSet(JsonApiViewSet):
    queryset = UserPermission.objects.all()
    serializer_class = UserPermissionSerializer
    permission_rules = ADMINS
    services = ServiceSet(
        create=services.user_permission_create,
        update=services.user_permission_update,
        delete=services.user_permission_delete,
    )


class UserEmailViewSet(JsonApiViewSet):
    queryset = UserEmail.objects.all()
    serializer_class = UserEmailSerializer
    permission_rules = {"list": "is_admin", "create": "authenticated", "*": "authenticated"}
    services = ServiceSet(
        create=services.user_email_create, update=services.user_email_update, delete=services.user_email_delete
    )

    def readable(self, queryset):
        return self.readable_by_members(queryset, lambda user: Q(user=user))
