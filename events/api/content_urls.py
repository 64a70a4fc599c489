"""Routes for event content: one registration per type (`/v1/events/<event_id>/<types>`, `/v1/<types>` and
`/v1/<types>/<id>` with its relationship routes, see `eventyay.api.registry`), and the event copy."""

from django.urls import path

from events import selectors
from events.api import content_views as views
from events.api.copy_views import EventCopyViewSet
from eventyay.api.registry import resources

for viewset, prefix in (
    (views.TrackViewSet, "tracks"),
    (views.SessionTypeViewSet, "session-types"),
    (views.MicrolocationViewSet, "microlocations"),
    (views.SpeakerViewSet, "speakers"),
    (views.SessionViewSet, "sessions"),
    (views.SponsorViewSet, "sponsors"),
    (views.SocialLinkViewSet, "social-links"),
    (views.CustomFormViewSet, "custom-forms"),
    (views.FaqTypeViewSet, "faq-types"),
    (views.FaqViewSet, "faqs"),
):
    resources.register(viewset, prefix, event_scoped=True)

urlpatterns = [
    path("events/<str:event_id>/copy", EventCopyViewSet.as_view({"post": "create"}), name="event-copy"),
    *(
        path(
            f"events/<str:event_id>/sessions/{facet}",
            views.SessionFacetView.as_view(facet=getattr(selectors, f"session_{facet}")),
            name=f"event-session-{facet}",
        )
        for facet in ("dates", "languages")
    ),
]
