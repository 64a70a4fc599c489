from django.contrib import admin
from django.contrib.auth.forms import AdminPasswordChangeForm

from roles.models import User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ("email", "first_name", "last_name", "is_super_admin", "is_admin", "is_verified", "is_active")
    list_filter = ("is_super_admin", "is_admin", "is_sales_admin", "is_marketer", "is_verified", "is_blocked")
    search_fields = ("email", "first_name", "last_name", "public_name")
    ordering = ("id",)
    readonly_fields = ("created_at", "modified_at", "last_login", "last_accessed_at", "password")
    change_password_form = AdminPasswordChangeForm
