"""Serializer pieces shared by every app's API."""

from rest_framework_json_api import serializers


class TypeAttributeMixin:
    """For contract types with an attribute called `type` (ticket, discount-code, sponsor, custom-form), which
    djangorestframework-jsonapi reserves. The renderer writes it as a plain attribute; the parser puts the
    resource type under the same key when the attribute is absent, so a value equal to the resource name
    means "not sent"."""

    _reserved_field_names = serializers.ModelSerializer._reserved_field_names - {"type"}

    def to_internal_value(self, data):
        if hasattr(data, "get") and data.get("type") == self.Meta.resource_name:
            data = {key: value for key, value in data.items() if key != "type"}
        return super().to_internal_value(data)


class _RelatedLinkMixin:
    """Builds each row's link from one reversed URL template per request, instead of one `reverse()` per row
    and per relationship (a list of events carries ~20 of these links per row)."""

    _PLACEHOLDER = "0123456789876543210"

    def get_links(self, obj=None, lookup_field="pk"):
        request = self.context.get("request")
        # the request itself, not its id(): a field may outlive a request (fast_render reuses fields)
        if getattr(self, "_template_request", None) is not request:
            self._template = self.get_url(
                "related", self.related_link_view_name, {self.related_link_url_kwarg: self._PLACEHOLDER}, request
            )
            self._template_request = request
        if not self._template:
            return {}
        value = getattr(obj, lookup_field) if obj is not None else self.context["view"].kwargs[lookup_field]
        return {"related": self._template.replace(self._PLACEHOLDER, str(value))}


def related_link(model, view_name, url_kwarg):
    """A relationship rendered as a `links.related` URL only: no `data`, so no query per row. `model` (a class or
    an "app.Model" label) names the related resource type. Declared without `many=True` on purpose: the renderer
    then emits the link without resolving the relation."""
    from django.apps import apps
    from rest_framework_json_api.relations import HyperlinkedRelatedField

    if isinstance(model, str):
        model = apps.get_model(model)
    field_class = type(f"{model.__name__}Link", (_RelatedLinkMixin, HyperlinkedRelatedField), {"model": model})
    return field_class(read_only=True, related_link_view_name=view_name, related_link_url_kwarg=url_kwarg)
