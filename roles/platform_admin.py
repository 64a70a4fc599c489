from django.contrib import admin

from roles.models import CustomSystemRole, PanelPermission, RevokedSession, UserEmail, UserPermission


@admin.register(CustomSystemRole)
class CustomSystemRoleAdmin(admin.ModelAdmin):
    list_display = ("name", "created_at")
    search_fields = ("name",)


@admin.register(PanelPermission)
class PanelPermissionAdmin(admin.ModelAdmin):
    list_display = ("panel_name", "can_access", "created_at")
    list_filter = ("can_access",)
    search_fields = ("panel_name",)
    filter_horizontal = ("custom_system_roles",)


@admin.register(UserPermission)
class UserPermissionAdmin(admin.ModelAdmin):
    list_display = ("name", "unverified_user", "anonymous_user", "deleted_at")
    list_filter = ("unverified_user", "anonymous_user")
    search_fields = ("name", "description")


@admin.register(UserEmail)
class UserEmailAdmin(admin.ModelAdmin):
    list_display = ("email_address", "type", "user", "is_verified", "deleted_at")
    search_fields = ("email_address", "user__email")
    list_select_related = ("user",)
    autocomplete_fields = ("user",)
    readonly_fields = ("is_verified", "created_at", "modified_at")


@admin.register(RevokedSession)
class RevokedSessionAdmin(admin.ModelAdmin):
    """Logged-out sign-in sessions (read-only: written by `POST /v1/auth/logout`)."""

    list_display = ("sid", "user", "revoked_at", "expires_at")
    search_fields = ("sid", "user__email")
    list_select_related = ("user",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
