from eventyay.api.views import JsonApiViewSet, ServiceSet
from pages import services
from pages.api.serializers import PageSerializer, PublicSettingSerializer, SettingSerializer
from pages.models import Page, Setting
from roles import permissions as rules


class PageViewSet(JsonApiViewSet):
    """Anyone reads; admins write (seed 000)."""

    queryset = Page.objects.all()
    serializer_class = PageSerializer
    cheap_etag = True
    permission_rules = {"list": "public", "retrieve": "public", "*": "is_admin"}
    filterset_fields = {"created_at": ["lt", "lte", "gt", "gte"]}
    ordering_fields = ("created_at",)
    services = ServiceSet(create=services.page_create, update=services.page_update, delete=services.page_delete)


class SettingViewSet(JsonApiViewSet):
    """`/v1/settings` (and `/v1/settings/<id>`, the client's PATCH): one resource. Everyone reads the public
    settings (the client's first request, `?cache=true&public=true`); admins read all of them; super admins
    change them."""

    serializer_class = SettingSerializer
    cheap_etag = True
    permission_rules = {"retrieve": "public", "partial_update": "is_super_admin"}
    collection_actions = {"get": "retrieve", "patch": "partial_update"}
    detail_actions = {"get": "retrieve", "patch": "partial_update"}
    http_method_names = ["get", "patch", "head", "options"]
    services = ServiceSet(update=services.setting_update)

    def get_serializer_class(self):
        if rules.is_admin(getattr(self.request, "user", None)):
            return SettingSerializer
        return PublicSettingSerializer

    def initial(self, request, *args, **kwargs):
        self.kwargs.setdefault("pk", str(Setting.current().pk))  # `/v1/settings` names the one row too
        super().initial(request, *args, **kwargs)

    def readable(self, queryset):
        return queryset

    def lookup_value(self):
        value = str(self.kwargs["pk"])
        return value if value == str(Setting.current().pk) else "-"
