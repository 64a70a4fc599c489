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
    filterset_fields = {
        "name": ["exact", "icontains", "contains", "in"],
        "title": ["exact", "icontains", "contains"],
        "url": ["exact", "icontains", "contains"],
        "place": ["exact", "in"],
        "language": ["exact", "in"],
        "index": ["exact", "lt", "lte", "gt", "gte", "in"],
        "created_at": ["lt", "lte", "gt", "gte"],
    }
    services = ServiceSet(create=services.page_create, update=services.page_update, delete=services.page_delete)
