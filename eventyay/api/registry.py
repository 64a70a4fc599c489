"""The resource registry: one registration line gives a resource type every route of the Open Event dialect.

An app registers each of its viewsets in its `api/urls.py`:

    resources.register(TicketViewSet, "tickets", event_scoped=True)

and `eventyay/urls.py` mounts `resources.urls()` after every app's own patterns. For a type whose JSON:API type
is `ticket` and whose path is `tickets`, that gives (in this order, so named routes win over detail routes):

    tickets                                   GET list, POST create        (name: ticket-list)
    events/<event_id>/tickets                 GET list, POST create        (event_scoped; name: event-ticket-list)
    tickets/<named>                           every @action(detail=False) of the viewset (ticket-<url_name>)
    tickets/<pk>                              GET, PATCH, DELETE           (ticket-detail)
    tickets/<pk>/<named>                      every @action(detail=True)
    --- after every type's routes above:
    tickets/<pk>/relationships/<relationship> GET; PATCH/POST/DELETE when writable  (ticket-relationships)
    tickets/<pk>/<relationship>               GET the related resource(s)           (ticket-related)

Which methods each route maps comes from the viewset: `collection_actions`, `nested_actions`, `detail_actions`
(dicts of method → action), limited to its `http_method_names`. The registry also answers the questions the
relationship machinery asks: which viewset serves a type (`get("ticket")`), which serves a model
(`for_model(Ticket)`), and which rows of a type the current actor may read (`readable("ticket", qs, request)`).
"""

from dataclasses import dataclass, field, replace

from django.core.exceptions import ImproperlyConfigured
from django.urls import path as url_path


@dataclass
class Resource:
    type: str
    path: str
    viewset: type
    event_scoped: bool = False
    names: dict = field(default_factory=dict)
    #: further paths the type is also served under (the blueprint's `/v1/tax/<id>`, `/v1/stripe-authorizations`)
    aliases: tuple = ()
    #: set on the copy that routes an alias: its URL names are `<type>-<alias>-<route>`
    alias: str = ""

    @property
    def model(self):
        return self.viewset.serializer_class.Meta.model

    @property
    def serializer_class(self):
        return self.viewset.serializer_class

    def url_name(self, route):
        if self.alias:
            return f"{self.type}-{self.alias}-{route}"
        return self.names.get(route, f"{self.type}-{route}")

    def routed(self):
        """This resource and one copy per alias path (collection, detail, action, related and relationship
        routes; no event-nested ones): the copies only route, documents link the canonical path."""
        copies = [replace(self, path=alias, event_scoped=False, aliases=(), alias=alias) for alias in self.aliases]
        return [self, *copies]


class Registry:
    def __init__(self):
        self._by_type = {}
        self._by_model = {}

    # --- registration -----------------------------------------------------------------------------------------
    def register(self, viewset, path, *, event_scoped=False, primary=True, names=None, aliases=()):
        """Register `viewset` (its serializer's `Meta.resource_name` is the type) under `/v1/<path>` (and under
        each of `aliases`, which only route).

        `primary=False` registers a second type on the same model (its rows are not what `for_model` answers).
        `names` overrides URL names, e.g. `{"detail": "users-events-roles-detail"}`."""
        type_name = viewset.serializer_class.Meta.resource_name
        if type_name in self._by_type and self._by_type[type_name].viewset is not viewset:
            raise ImproperlyConfigured(f"Resource type {type_name!r} is registered twice.")
        resource = Resource(type_name, path, viewset, event_scoped, dict(names or {}), tuple(aliases))
        self._by_type[type_name] = resource
        if primary:
            self._by_model.setdefault(resource.model, resource)
        viewset.resource = resource
        return viewset

    # --- lookups ------------------------------------------------------------------------------------------------
    def get(self, type_name):
        return self._by_type.get(type_name)

    def for_model(self, model):
        return self._by_model.get(model)

    def types(self):
        return sorted(self._by_type)

    def new_view(self, type_name, request, **attrs):
        """An instance of the type's viewset bound to `request`, for its `readable()`, filters, pages and
        serializer context; it handles no request itself (the view that does has checked permissions)."""
        resource = self._by_type[type_name]
        view = resource.viewset(request=request, args=(), kwargs={}, format_kwarg=None, action="list", **attrs)
        view.headers = {}
        return view

    def helper_view(self, type_name, request):
        """`new_view`, cached on the request."""
        cache = request.__dict__.setdefault("_eventyay_helper_views", {})
        if type_name not in cache:
            cache[type_name] = self.new_view(type_name, request)
        return cache[type_name]

    def readable(self, type_name, queryset, request):
        """The rows of `queryset` (of type `type_name`) that the request's actor may read by id."""
        view = self.helper_view(type_name, request)
        return view.annotate(view.exclude_trashed(view.readable(queryset), force=True))

    # --- routes -------------------------------------------------------------------------------------------------
    def urls(self):
        """URL patterns for every registered type; generic relationship routes come last."""
        specific, generic = [], []
        for resource in self._by_type.values():
            for routed in resource.routed():
                specific += _specific_routes(routed)
                generic += _generic_routes(routed)
        return specific + generic


def _mapped(viewset, actions):
    allowed = set(viewset.http_method_names)
    return {method: action for method, action in actions.items() if method in allowed and hasattr(viewset, action)}


def _specific_routes(resource):
    viewset, base = resource.viewset, resource.path
    routes = []
    collection = _mapped(viewset, viewset.collection_actions)
    if collection:
        routes.append(url_path(base, viewset.as_view(collection), name=resource.url_name("list")))
    if resource.event_scoped:
        nested = _mapped(viewset, viewset.nested_actions)
        if nested:
            routes.append(
                url_path(f"events/<str:event_id>/{base}", viewset.as_view(nested), name=resource.url_name("event-list"))
            )
    extra = viewset.get_extra_actions()
    for action in extra:
        if not action.detail:
            routes.append(_action_route(resource, action, f"{base}/{action.url_path}"))
    detail = _mapped(viewset, viewset.detail_actions)
    if detail:
        routes.append(url_path(f"{base}/<str:pk>", viewset.as_view(detail), name=resource.url_name("detail")))
    for action in extra:
        if action.detail:
            routes.append(_action_route(resource, action, f"{base}/<str:pk>/{action.url_path}"))
    return routes


def _action_route(resource, action, route):
    mapping = {method: action.__name__ for method in action.mapping}
    mapping.update(action.mapping)
    return url_path(route, resource.viewset.as_view(mapping), name=resource.url_name(action.url_name))


def _generic_routes(resource):
    viewset, base = resource.viewset, resource.path
    if not hasattr(viewset, "retrieve") or "get" not in viewset.detail_actions:
        return []
    relationship = viewset.as_view({m: "relationship" for m in ("get", "patch", "post", "delete")})
    return [
        url_path(
            f"{base}/<str:pk>/relationships/<str:related_field>",
            relationship,
            name=resource.url_name("relationships"),
        ),
        url_path(
            f"{base}/<str:pk>/<str:related_field>",
            viewset.as_view({"get": "retrieve_related"}),
            name=resource.url_name("related"),
        ),
    ]


resources = Registry()
