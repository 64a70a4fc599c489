"""Routes for event content: nested under the event, top-level for the client's POSTs, and by id."""

from django.urls import path

from events.api import content_views as views
from events.api.copy_views import EventCopyViewSet

ROUTES = (
    ("tracks", "track", views.TrackViewSet),
    ("session-types", "session-type", views.SessionTypeViewSet),
    ("microlocations", "microlocation", views.MicrolocationViewSet),
    ("speakers", "speaker", views.SpeakerViewSet),
    ("sessions", "session", views.SessionViewSet),
    ("sponsors", "sponsor", views.SponsorViewSet),
    ("social-links", "social-link", views.SocialLinkViewSet),
    ("custom-forms", "custom-form", views.CustomFormViewSet),
    ("faq-types", "faq-type", views.FaqTypeViewSet),
    ("faqs", "faq", views.FaqViewSet),
)


def _routes():
    patterns = []
    for prefix, name, viewset in ROUTES:
        collection = viewset.as_view({"get": "list", "post": "create"}, basename=name, detail_url_name=f"{name}-detail")
        detail = viewset.as_view(
            {"get": "retrieve", "patch": "partial_update", "delete": "destroy"},
            basename=name,
            detail_url_name=f"{name}-detail",
        )
        patterns += [
            path(f"events/<str:event_id>/{prefix}", collection, name=f"event-{name}-list"),
            path(prefix, collection, name=f"{name}-list"),
            path(f"{prefix}/<str:pk>", detail, name=f"{name}-detail"),
        ]
    return patterns


urlpatterns = [
    *_routes(),
    path("events/<str:event_id>/copy", EventCopyViewSet.as_view({"post": "create"}), name="event-copy"),
]
