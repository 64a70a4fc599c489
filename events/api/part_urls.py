"""Routes of the smaller parts of an event and of the platform catalogues the event pages use (one
registration per type, see `eventyay.api.registry`)."""

from events.api import catalogue_views
from events.api import part_views as views
from eventyay.api.registry import resources

for viewset, prefix in (
    (views.SpeakersCallViewSet, "speakers-calls"),
    (views.EventCopyrightViewSet, "event-copyrights"),
    (views.ExhibitorViewSet, "exhibitors"),
):
    resources.register(viewset, prefix, event_scoped=True)

for viewset, prefix, primary in (
    (catalogue_views.EventLocationViewSet, "event-locations", True),
    (catalogue_views.CustomPlaceholderViewSet, "custom-placeholders", True),
    (catalogue_views.EventImageSizeViewSet, "event-image-sizes", True),
    (catalogue_views.SpeakerImageSizeViewSet, "speaker-image-sizes", False),
):
    resources.register(viewset, prefix, primary=primary)

urlpatterns = []
