from rest_framework_json_api import serializers

from pages.models import Page


class PageSerializer(serializers.ModelSerializer):
    class Meta:
        model = Page
        fields = ("name", "title", "url", "description", "place", "language", "index")
        extra_kwargs = {"description": {"allow_blank": False}, "index": {"required": False}}
