"""Django admin of the events app."""

from django.contrib import admin, messages
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.db.models import IntegerField, Value
from django.utils import timezone

from events import (
    admin_catalogues,  # noqa: F401  (event locations, custom placeholders, image sizes)
    admin_content,  # noqa: F401  (event content: tracks, sessions, speakers, …)
    search,
)
from events.models import Event, EventSubTopic, EventTopic, EventType, Group, TransferTask
from events.search import sync as search_sync
from roles.models import RoleInvite, UsersEventsRoles


class SearchChangeList(ChangeList):
    """A searched event list is ranked by relevance unless a column is sorted."""

    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        if self.query.strip() and ORDER_VAR not in self.params:
            queryset = queryset.order_by("search_order", "-pk")
        return queryset


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

    def get_search_results(self, request, queryset, search_term):
        """The same search as the API and the dashboard (every event, drafts and deleted ones too), ranked by
        relevance unless a column is sorted; an e-mail address finds the owner's events, an identifier its
        event."""
        term = search_term.strip()
        unranked = Value(0, output_field=IntegerField())
        if "@" in term:
            return queryset.filter(owner__email__iexact=term).annotate(search_order=unranked), False
        if term and queryset.filter(identifier=term).exists():
            return queryset.filter(identifier=term).annotate(search_order=unranked), False
        queryset, meta = search.filter_queryset("event", queryset, term, scope="all")
        if meta and meta["fallback"]:
            messages.warning(request, "The search engine is not answering; these results come from the database.")
        return queryset, False

    def get_changelist(self, request, **kwargs):
        return SearchChangeList

    @admin.action(description="Restore the selected soft-deleted events")
    def restore_events(self, request, queryset):
        ids = list(queryset.filter(deleted_at__isnull=False).values_list("pk", flat=True))
        updated = Event.objects.filter(pk__in=ids).update(deleted_at=None, modified_at=timezone.now())
        search_sync.enqueue("event", ids)  # `update()` sends no signals
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
