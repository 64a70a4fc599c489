from django.contrib import admin

from notifications.models import Notification, OutboxMessage


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("title", "user", "kind", "is_read", "received_at")
    list_filter = ("kind", "is_read")
    search_fields = ("title", "user__email")
    raw_id_fields = ("user",)
    readonly_fields = ("target_content_type", "target_object_id", "created_at", "modified_at")
    date_hierarchy = "received_at"


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Tasks and pushes waiting for Redis (notifications.dispatch); many attempts mean an operator should look."""

    list_display = ("kind", "name", "task_id", "attempts", "created_at")
    list_filter = ("kind",)
    readonly_fields = ("kind", "name", "args", "kwargs", "task_id", "created_at", "attempts", "last_error")


from notifications import platform_admin  # noqa: E402,F401  (admin pages of the mail and audit types)
