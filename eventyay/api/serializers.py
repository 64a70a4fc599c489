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


def related_link(model, view_name, url_kwarg):
    """A relationship rendered as a `links.related` URL only: no `data`, so no query per row. `model` (a class or
    an "app.Model" label) names the related resource type. Declared without `many=True` on purpose: the renderer
    then emits the link without resolving the relation."""
    from django.apps import apps
    from rest_framework_json_api.relations import HyperlinkedRelatedField

    if isinstance(model, str):
        model = apps.get_model(model)
    field_class = type(f"{model.__name__}Link", (HyperlinkedRelatedField,), {"model": model})
    return field_class(read_only=True, related_link_view_name=view_name, related_link_url_kwarg=url_kwarg)
