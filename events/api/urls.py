"""Routes of the events app: its resource types (one registration line each, see `eventyay.api.registry`) and
the routes that are not a resource type's (a user's event lists, import/export, tasks)."""

from django.urls import include, path

from events.api import statistics_views, transfer_views, views
from eventyay.api.registry import resources

resources.register(views.EventViewSet, "events")
resources.register(views.EventTopicViewSet, "event-topics")
resources.register(views.EventSubTopicViewSet, "event-sub-topics")
resources.register(views.EventTypeViewSet, "event-types")
resources.register(views.GroupViewSet, "groups")

LIST = {"get": "list"}

urlpatterns = [
    *(
        path(
            f"users/<str:user_id>/{name}",
            views.UserEventsViewSet.as_view(LIST, role=role),
            name=f"user-{name}",
        )
        for name, role in views.USER_EVENT_LISTS.items()
    ),
    path("events/import/json", transfer_views.EventImportView.as_view(), name="event-import"),
    path("events/<str:event_id>/export/json", transfer_views.EventExportView.as_view(), name="event-export"),
    path("tasks/<str:task_id>", transfer_views.TaskView.as_view(), name="task-detail"),
    path("tasks/<str:task_id>/download", transfer_views.ExportDownloadView.as_view(), name="task-download"),
    path(
        "events/<str:event_id>/general-statistics",
        statistics_views.EventGeneralStatisticsView.as_view(),
        name="event-general-statistics",
    ),
    *(
        path(f"admin/statistics/{name}", view.as_view(), name=f"admin-statistics-{name}")
        for name, view in (
            ("events", statistics_views.AdminEventStatisticsView),
            ("event-types", statistics_views.AdminEventTypeStatisticsView),
            ("event-topics", statistics_views.AdminEventTopicStatisticsView),
            ("users", statistics_views.AdminUserStatisticsView),
            ("groups", statistics_views.AdminGroupStatisticsView),
            ("sessions", statistics_views.AdminSessionStatisticsView),
        )
    ),
    path("", include("events.api.content_urls")),
    path("", include("events.api.part_urls")),
    path("", include("events.api.export_urls")),
]
