"""The serializer base every resource uses, and the pieces shared by every app's API.

`ResourceSerializer` (a djangorestframework-jsonapi ModelSerializer) adds what the Open Event dialect needs:

* **`null` where the Open Event Server takes it.** The Ember client sends every attribute it does not know as
  `null`. A writable attribute over a non-nullable column that has a default, or may be blank, accepts `null` and
  stores the default (`""` for text); a required one still answers 422 "may not be null".
* **Private fields** — `private_fields = {"email": rule, …}` (rules as in `eventyay.api.permissions`): a private
  field is left out of a resource the actor may not read it on, and nobody may filter or sort on a private field
  they may not read (`eventyay.api.filtersets` leaves it out of the derived filters).
* **`include` on every relationship**: `included_serializers` is derived from the relationship fields
  (`eventyay.api.relationships`); entries declared on the class win.
"""

from collections.abc import Mapping

from django.db import models
from rest_framework_json_api import serializers
from rest_framework_json_api.serializers import LazySerializersDict, SerializerMetaclass

from roles import permissions as rules


class AutoIncludes(Mapping):
    """`included_serializers` of a resource serializer: one entry per relationship field, plus declared ones."""

    def __init__(self, serializer_class, declared=None):
        self.serializer_class = serializer_class
        self.declared = LazySerializersDict(serializer_class, dict(declared)) if declared else {}

    def _relationships(self):
        from eventyay.api.relationships import relationship_fields

        return relationship_fields(self.serializer_class)

    def __getitem__(self, key):
        if key in self.declared:
            return self.declared[key]
        field = self._relationships().get(key)
        if field is None:
            raise KeyError(key)
        return field.serializer_class()

    def __iter__(self):
        yield from self.declared
        yield from (name for name in self._relationships() if name not in self.declared)

    def __len__(self):
        return len(set(self.declared) | set(self._relationships()))

    def __contains__(self, key):
        return key in self.declared or key in self._relationships()

    @property
    def serializers(self):
        """{name: serializer class}, as djangorestframework-jsonapi's LazySerializersDict offers it (the OpenAPI
        generator lists the include parameter's values from it)."""
        return {name: self[name] for name in self}


class ResourceSerializerMetaclass(SerializerMetaclass):
    def __new__(cls, name, bases, attrs):
        serializer = super().__new__(cls, name, bases, attrs)
        declared = attrs.get("included_serializers")
        if declared is None:
            inherited = getattr(serializer, "included_serializers", None)
            declared = (
                inherited.declared.serializers if isinstance(inherited, AutoIncludes) and inherited.declared else None
            )
        serializer.included_serializers = AutoIncludes(serializer, declared)
        return serializer


def event_of(serializer, instance):
    """The event `instance` belongs to, preferring the view's (already loaded) event."""
    if instance._meta.label == "events.Event":
        return instance
    event_id = getattr(instance, "event_id", None)
    if event_id is None:
        return None
    view = serializer.context.get("view")
    event = view.get_permission_event() if view is not None and hasattr(view, "get_permission_event") else None
    if event is not None and event._meta.label == "events.Event" and event.pk == event_id:
        return event
    return instance.event


class ResourceSerializer(serializers.ModelSerializer, metaclass=ResourceSerializerMetaclass):
    #: {field name: permission rule}: who may read the field on an object (see the module docstring)
    private_fields = {}

    # --- null → default -----------------------------------------------------------------------------------------
    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if _null_means_default(model_field) and not kwargs.get("read_only"):
            kwargs["allow_null"] = True
        return field_class, kwargs

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        model = getattr(self.Meta, "model", None)
        if model is None:
            return values
        for name, value in list(values.items()):
            if value is not None:
                continue
            try:
                model_field = model._meta.get_field(name)
            except Exception:  # not a model field (a relationship path, a method): leave it
                continue
            if _null_means_default(model_field):
                values[name] = _default(model_field)
        return values

    # --- private fields -----------------------------------------------------------------------------------------
    def to_representation(self, instance):
        data = super().to_representation(instance)
        if self.private_fields:
            for name in self.hidden_private_fields(instance):
                data.pop(name, None)
        return data

    def hidden_private_fields(self, instance):
        if self.context.get("just_written"):
            return ()  # the answer to a POST shows the writer what they sent
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if rules.is_admin(user):
            return ()
        event = event_of(self, instance)
        return [
            name for name, rule in self.private_fields.items() if not rules.check(user, rule, event=event, obj=instance)
        ]


def _null_means_default(model_field):
    if not isinstance(model_field, models.Field) or model_field.null or model_field.primary_key:
        return False
    if model_field.is_relation:
        return False
    return model_field.has_default() or (
        model_field.blank and isinstance(model_field, (models.CharField, models.TextField))
    )


def _default(model_field):
    if model_field.has_default():
        return model_field.get_default()
    return ""


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
