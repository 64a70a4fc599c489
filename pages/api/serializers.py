from eventyay.api.serializers import ResourceSerializer
from pages.models import Page, Setting


class PageSerializer(ResourceSerializer):
    class Meta:
        model = Page
        resource_name = "page"
        fields = ("name", "title", "url", "description", "place", "language", "index")
        extra_kwargs = {"description": {"allow_blank": False}, "index": {"required": False}}


class SettingSerializer(ResourceSerializer):
    """Every platform setting: what admins read and super admins write."""

    class Meta:
        model = Setting
        resource_name = "setting"
        fields = tuple(Setting.field_names())


class PublicSettingSerializer(ResourceSerializer):
    """The settings anyone may read (the client loads them on boot, `?public=true`)."""

    class Meta:
        model = Setting
        resource_name = "setting"
        fields = Setting.PUBLIC_FIELDS
        read_only_fields = Setting.PUBLIC_FIELDS
