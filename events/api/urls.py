"""Routes of the events app. Other apps' event-scoped resources may be registered here too: add a line to the
`router` (top-level resources) or to `nested` (routes under `events/<event_id>/`), keeping one line per route."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from events.api import transfer_views, views

router = SimpleRouter(trailing_slash=False)
router.register("events", views.EventViewSet, basename="event")
router.register("event-topics", views.EventTopicViewSet, basename="event-topic")
router.register("event-sub-topics", views.EventSubTopicViewSet, basename="event-sub-topic")
router.register("event-types", views.EventTypeViewSet, basename="event-type")

LIST = {"get": "list"}
LIST_CREATE = {"get": "list", "post": "create"}

nested = [
    path(
        "event-topics/<int:event_topic_id>/event-sub-topics",
        views.EventSubTopicViewSet.as_view(LIST),
        name="event-topic-event-sub-topics",
    ),
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
]

urlpatterns = [*nested, *router.urls, path("", include("events.api.content_urls"))]
