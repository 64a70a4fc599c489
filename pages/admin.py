from django.contrib import admin

from pages import services
from pages.models import Page, Setting


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ("name", "title", "url", "place", "language", "index")
    list_filter = ("place", "language")
    search_fields = ("name", "title", "url")
    ordering = ("index", "id")

    def save_model(self, request, obj, form, change):
        data = {f: getattr(obj, f) for f in ("name", "title", "url", "description", "place", "language", "index")}
        if change:
            services.page_update(actor=request.user, instance=obj, data=data)
        else:
            obj.pk = services.page_create(actor=request.user, data=data).pk


@admin.register(Setting)
class SettingAdmin(admin.ModelAdmin):
    """The one row of platform settings; super admins edit it (through the same service as the API)."""

    fieldsets = (
        ("Public", {"fields": Setting.PUBLIC_FIELDS}),
        ("Admin only", {"fields": tuple(f for f in Setting.field_names() if f not in Setting.PUBLIC_FIELDS)}),
    )

    def has_add_permission(self, request):
        return not Setting.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return bool(getattr(request.user, "is_super_admin", False))

    def has_view_permission(self, request, obj=None):
        return bool(getattr(request.user, "is_admin", False) or getattr(request.user, "is_super_admin", False))

    def save_model(self, request, obj, form, change):
        data = {f: getattr(obj, f) for f in form.changed_data}
        if change:
            services.setting_update(actor=request.user, instance=obj, data=data)
        else:
            obj.save()
