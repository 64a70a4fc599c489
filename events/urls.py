"""Server-rendered pages (dashboard, event wizard) and the wizard's image upload endpoint. The account pages
(sign-in, sign-up, account) are in `roles.urls`."""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import include, path, re_path

from events.views import dashboard, files, wizard
from eventyay.media import serve_media

urlpatterns = [
    path("", dashboard.home, name="home"),
    path("dashboard", dashboard.DashboardView.as_view(), name="dashboard"),
    path("dashboard/events/<slug:event_id>/", include("events.views.dashboard.urls")),
    path("events/create", wizard.EventCreateView.as_view(), name="event-create"),
    path("events/<slug:event_id>/edit", wizard.EventDetailsView.as_view(), name="event-edit"),
    path("events/<slug:event_id>/edit/image", wizard.EventImageView.as_view(), name="event-image"),
    path("events/<slug:event_id>/edit/tickets", wizard.EventTicketsView.as_view(), name="event-tickets"),
    path("events/<slug:event_id>/edit/publish", wizard.EventPublishView.as_view(), name="event-publish"),
    path("events/<slug:event_id>/files/bgimage", files.BackgroundImageView.as_view(), name="event-bgimage"),
]

if not settings.STORAGE_BUCKET:
    # Embedded mode keeps uploads on the local disk; serve them as inert files (eventyay.media).
    media_prefix = urlsplit(settings.MEDIA_URL).path.strip("/")  # MEDIA_URL may be absolute
    urlpatterns.append(re_path(rf"^{media_prefix}/(?P<path>.*)$", serve_media, name="media"))
