"""Routes of the smaller parts of an event and of the platform catalogues the event pages use (one
registration per type, see `eventyay.api.registry`)."""

from django.urls import path

from events.api import catalogue_views, feedback_views, import_job_views
from events.api import part_views as views
from eventyay.api.registry import resources

for viewset, prefix in (
    (views.SpeakersCallViewSet, "speakers-calls"),
    (views.EventCopyrightViewSet, "event-copyrights"),
    (views.ExhibitorViewSet, "exhibitors"),
    (feedback_views.FeedbackViewSet, "feedbacks"),
    (views.VideoStreamViewSet, "video-streams"),
    (views.BadgeFormViewSet, "badge-forms"),
):
    resources.register(viewset, prefix, event_scoped=True)

resources.register(views.TranslationChannelViewSet, "translation_channels")

for viewset, prefix, primary in (
    (feedback_views.UserFavouriteSessionViewSet, "user-favourite-sessions", True),
    (feedback_views.UserFavouriteEventViewSet, "user-favourite-events", True),
    (catalogue_views.EventLocationViewSet, "event-locations", True),
    (catalogue_views.CustomPlaceholderViewSet, "custom-placeholders", True),
    (catalogue_views.EventImageSizeViewSet, "event-image-sizes", True),
    (catalogue_views.SpeakerImageSizeViewSet, "speaker-image-sizes", False),
    (import_job_views.ImportJobViewSet, "import-jobs", True),
):
    resources.register(viewset, prefix, primary=primary)

FAVOURITE_SESSIONS = feedback_views.UserFavouriteSessionViewSet.as_view({"get": "list"})

urlpatterns = [
    path(
        f"{parent}s/<str:{parent}_id>/user-favourite-sessions", FAVOURITE_SESSIONS, name=f"{parent}-favourite-sessions"
    )
    for parent in ("user", "session", "event")
]
urlpatterns.append(
    path(
        "tickets/<str:ticket_id>/badge-forms",
        views.BadgeFormViewSet.as_view({"get": "list"}),
        name="ticket-badge-forms",
    )
)
