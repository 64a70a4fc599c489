from django.contrib import admin
from django.contrib.auth.forms import AdminPasswordChangeForm

from roles.models import Permission, Role, RoleInvite, Service, User, UsersEventsRoles


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ("email", "first_name", "last_name", "is_super_admin", "is_admin", "is_verified", "is_active")
    list_filter = ("is_super_admin", "is_admin", "is_sales_admin", "is_marketer", "is_verified", "is_blocked")
    search_fields = ("email", "first_name", "last_name", "public_name")
    ordering = ("id",)
    readonly_fields = ("created_at", "modified_at", "last_login", "last_accessed_at", "password", "credentials_version")
    change_password_form = AdminPasswordChangeForm


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ("name", "title_name")
    search_fields = ("name", "title_name")


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ("name",)
    search_fields = ("name",)


@admin.register(Permission)
class PermissionAdmin(admin.ModelAdmin):
    """The Role × Service matrix, editable in place."""

    list_display = ("role", "service", "can_create", "can_read", "can_update", "can_delete")
    list_editable = ("can_create", "can_read", "can_update", "can_delete")
    list_filter = ("role", "service")
    list_select_related = ("role", "service")
    list_per_page = 200
    ordering = ("role_id", "service__name")


@admin.register(UsersEventsRoles)
class UsersEventsRolesAdmin(admin.ModelAdmin):
    list_display = ("user", "event", "role", "created_at")
    list_filter = ("role",)
    search_fields = ("user__email", "event__name", "event__identifier")
    list_select_related = ("user", "event", "role")
    autocomplete_fields = ("user", "event")


@admin.register(RoleInvite)
class RoleInviteAdmin(admin.ModelAdmin):
    list_display = ("email", "event", "role", "status", "created_at")
    list_filter = ("status", "role")
    search_fields = ("email", "event__name", "event__identifier")
    list_select_related = ("event", "role")
    readonly_fields = ("hash", "created_at", "modified_at")
    autocomplete_fields = ("event",)


from roles import platform_admin  # noqa: E402,F401  (admin pages of the platform access types)
