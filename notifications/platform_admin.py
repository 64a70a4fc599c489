from django.contrib import admin

from notifications.models import Activity, EmailNotification, Mail, MessageSetting


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Mail)
class MailAdmin(ReadOnlyAdmin):
    """The sent-mail log (secrets in links are redacted)."""

    list_display = ("subject", "recipient", "action", "time")
    list_filter = ("action",)
    search_fields = ("recipient", "subject")
    date_hierarchy = "time"


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    """The audit log."""

    list_display = ("action", "actor", "time")
    search_fields = ("actor", "action")
    date_hierarchy = "time"


@admin.register(MessageSetting)
class MessageSettingAdmin(admin.ModelAdmin):
    list_display = ("action", "enabled", "recipient", "email_subject")
    list_editable = ("enabled",)
    readonly_fields = ("action", "modified_at")

    def has_add_permission(self, request):
        return False  # the settings are seeded: one per kind of mail that may be switched off

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EmailNotification)
class EmailNotificationAdmin(admin.ModelAdmin):
    list_display = ("user", "event", "next_event", "new_paper", "session_schedule", "after_ticket_purchase")
    search_fields = ("user__email",)
    raw_id_fields = ("user", "event")
    list_select_related = ("user", "event")
