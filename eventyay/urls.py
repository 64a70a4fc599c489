from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from eventyay import handlers
from eventyay.api.registry import resources
from eventyay.api.resolver import MemoResolver
from eventyay.health import health_check, ping
from roles.api.auth_views import LoginView

api_patterns = [
    path("", include("roles.api.urls")),
    path("", include("pages.api.urls")),
    path("", include("events.api.urls")),
    path("", include("tickets.api.urls")),
    path("", include("notifications.api.urls")),
    path("", include("eventyay.api.upload_urls")),
    # every resource type's routes; after the apps' own patterns (the list is built in this order, so every
    # app's urls module, which registers its types, is imported before resources.urls() is called)
    path("", include(resources.urls())),
    path("schema", SpectacularAPIView.as_view(), name="schema"),
    path("schema/docs", SpectacularSwaggerView.as_view(url_name="schema"), name="schema-docs"),
]

urlpatterns = [
    MemoResolver("v1/", api_patterns),
    path("auth/session", LoginView.as_view(), name="auth-session"),
    path("health-check", health_check, name="health-check"),
    path("ping", ping, name="ping"),
    path("admin/", admin.site.urls),
    path("", include("roles.urls")),
    path("", include("events.urls")),
    path("", include("notifications.urls")),
]

handler400 = handlers.bad_request
handler403 = handlers.permission_denied
handler404 = handlers.page_not_found
handler500 = handlers.server_error
