from eventyay.api.views import JsonApiViewSet, ServiceSet
from pages import services
from pages.api.serializers import PageSerializer
from pages.models import Page


class PageViewSet(JsonApiViewSet):
    """Anyone reads; admins write (seed 000)."""

    queryset = Page.objects.all()
    serializer_class = PageSerializer
    cheap_etag = True
    permission_rules = {"list": "public", "retrieve": "public", "*": "is_admin"}
    filterset_fields = {"created_at": ["lt", "lte", "gt", "gte"]}
    ordering_fields = ("created_at",)
    services = ServiceSet(create=services.page_create, update=services.page_update, delete=services.page_delete)
