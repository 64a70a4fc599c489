"""Routes of the smaller parts of an event (one registration per type, see `eventyay.api.registry`)."""

from events.api import part_views as views
from eventyay.api.registry import resources

for viewset, prefix in (
    (views.SpeakersCallViewSet, "speakers-calls"),
    (views.EventCopyrightViewSet, "event-copyrights"),
    (views.ExhibitorViewSet, "exhibitors"),
):
    resources.register(viewset, prefix, event_scoped=True)

urlpatterns = []
