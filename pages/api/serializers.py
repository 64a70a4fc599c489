from eventyay.api.serializers import ResourceSerializer
from pages.models import Page


class PageSerializer(ResourceSerializer):
    class Meta:
        model = Page
        resource_name = "page"
        fields = ("name", "title", "url", "description", "place", "language", "index")
        extra_kwargs = {"description": {"allow_blank": False}, "index": {"required": False}}
