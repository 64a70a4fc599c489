"""Django admin of the events app."""

from django.contrib import admin

from events import admin_content  # noqa: F401  (event content: tracks, sessions, speakers, …)
from events.models import Event, EventSubTopic, EventTopic, EventType, Group, TransferTask
from roles.models import RoleInvite, UsersEventsRoles


class EventRoleInline(admin.TabularInline):
    model = UsersEventsRoles
    extra = 0
    autocomplete_fields = ("user",)
    fields = ("user", "role", "created_at")
    readonly_fields = ("created_at",)


class EventRoleInviteInline(admin.TabularInline):
    model = RoleInvite
    extra = 0
    fields = ("email", "role", "status", "created_at")
    readonly_fields = ("status", "created_at")
    show_change_link = True


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("name", "identifier", "state", "starts_at", "ends_at", "owner", "is_featured", "deleted_at")
    list_filter = ("state", "privacy", "online", "is_featured", "is_promoted", "event_type", "event_topic")
    search_fields = ("name", "identifier", "location_name", "owner__email")
    date_hierarchy = "starts_at"
    list_select_related = ("owner",)
    autocomplete_fields = ("owner",)
    readonly_fields = ("identifier", "created_at", "modified_at")
    #: other apps append their inlines here (e.g. tickets: `EventAdmin.inlines.append(TicketInline)`)
    inlines = [EventRoleInline, EventRoleInviteInline]
    actions = ("restore_events",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("owner")

    @admin.action(description="Restore the selected soft-deleted events")
    def restore_events(self, request, queryset):
        updated = queryset.filter(deleted_at__isnull=False).update(deleted_at=None)
        self.message_user(request, f"{updated} event(s) restored.")


class EventSubTopicInline(admin.TabularInline):
    model = EventSubTopic
    extra = 0
    prepopulated_fields = {"slug": ("name",)}


@admin.register(EventTopic)
class EventTopicAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [EventSubTopicInline]


@admin.register(EventSubTopic)
class EventSubTopicAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "event_topic")
    list_filter = ("event_topic",)
    search_fields = ("name", "slug")
    list_select_related = ("event_topic",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(EventType)
class EventTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


#: event content (tracks, session types, rooms, sponsors, social links, FAQ types) edited under the event
EventAdmin.inlines.extend(admin_content.CONTENT_INLINES)


@admin.register(TransferTask)
class TransferTaskAdmin(admin.ModelAdmin):
    """Who ran which export/import task (the state itself is in Celery's task results)."""

    list_display = ("task_id", "kind", "user", "event", "created_at")
    list_filter = ("kind",)
    search_fields = ("task_id", "user__email")
    readonly_fields = ("task_id", "kind", "user", "event", "created_at")

    def has_add_permission(self, request):
        return False


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "is_promoted", "created_at", "deleted_at")
    list_filter = ("is_promoted",)
    search_fields = ("name", "user__email")
    autocomplete_fields = ("user",)
