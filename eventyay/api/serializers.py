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
