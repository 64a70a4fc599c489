"""Discount codes (seed 001/002) and access codes."""

from django.db.models import Q
from django.http import Http404
from rest_framework.exceptions import PermissionDenied

from eventyay.api.views import EventScopedMixin, JsonApiViewSet, ServiceSet
from roles import permissions as rules
from roles.selectors import event_ids_with_role
from tickets import services
from tickets.api.serializers import (
    AccessCodeLookupSerializer,
    AccessCodeSerializer,
    DiscountCodeLookupSerializer,
    DiscountCodeSerializer,
)
from tickets.models import DiscountCode

MANAGERS = "is_coorganizer"  # ticket-level codes: organizer and co-organizer (and admins)
#: the public lookups a buyer makes send the client's query keys along; they mean nothing here
LOOKUP_PARAMS = ("code", "eventIdentifier")


class CodeViewSet(EventScopedMixin, JsonApiViewSet):
    """Shared by discount and access codes: the event's managers read and write them; anyone else gets 404
    on by-id routes."""

    collection_actions = {"post": "create"}
    permission_rules = {"*": MANAGERS}
    trashed_rule = MANAGERS
    #: a code of another kind of event the actor cannot see does not exist for them
    managed_filter = {}

    def readable(self, queryset):
        return self.readable_by_members(
            queryset, lambda user: Q(event_id__in=event_ids_with_role(user, MANAGERS), **self.managed_filter)
        )


class DiscountCodeViewSet(CodeViewSet):
    """`/v1/events/<event_id>/discount-codes` (every code of the event, the event-level one included),
    `POST /v1/discount-codes` with `relationships.event`, `/v1/discount-codes/<id>` and its relationships
    (`tickets`: a ticket has at most one discount code)."""

    serializer_class = DiscountCodeSerializer
    #: `GET /v1/discount-codes`: admins list every code of the platform (event-level and ticket codes)
    collection_actions = {"get": "list", "post": "create"}
    managed_filter = {"used_for": DiscountCode.UsedFor.TICKET}
    services = ServiceSet(
        create=services.discount_code_create,
        update=services.discount_code_update,
        delete=services.discount_code_delete,
    )

    def readable(self, queryset):
        if self.is_nested() and rules.has_access(self.request.user, MANAGERS, event=self.get_event()):
            return queryset  # the event's managers list its event-level code too
        return super().readable(queryset)

    def perform_create(self, serializer):
        used_for = services.codes.normalize_used_for(serializer.validated_data.get("used_for", "ticket"))
        if used_for == DiscountCode.UsedFor.EVENT and not rules.is_admin(self.request.user):
            raise PermissionDenied("Only admins manage the event-level discount code.")
        super().perform_create(serializer)


class EventLevelDiscountCodeViewSet(EventScopedMixin, JsonApiViewSet):
    """`/v1/events/<event_id>/discount-code`: the one event-level code of the event (admins only)."""

    serializer_class = DiscountCodeSerializer
    permission_rules = {"*": "is_admin"}
    lookup_url_kwarg = "code_pk"
    services = ServiceSet(create=services.discount_code_create, update=services.discount_code_update)

    def scoped_queryset(self):
        return self.get_event().discount_codes.alive().filter(used_for=DiscountCode.UsedFor.EVENT)

    def readable(self, queryset):
        return queryset

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        code = self.scoped_queryset().first()
        self.kwargs["code_pk"] = str(code.pk) if code else ""

    def get_object(self):
        code = self.get_queryset().first()
        if code is None:
            raise Http404("This event has no event-level discount code.")
        self.check_object_permissions(self.request, code)
        return code

    def perform_create(self, serializer):
        serializer.validated_data["used_for"] = DiscountCode.UsedFor.EVENT
        super().perform_create(serializer)


class CodeLookupViewSet(EventScopedMixin, JsonApiViewSet):
    """`GET /v1/events/<event_id>/discount-codes/<code>` and `/access-codes/<code>`: the public lookup a buyer
    makes (case-insensitive; an access code unlocks its hidden tickets with `include=tickets`)."""

    permission_rules = {"retrieve": "public"}
    lookup_url_kwarg = "code"
    extra_query_params = LOOKUP_PARAMS

    def readable(self, queryset):
        return queryset

    def find_object(self, queryset, value):
        return queryset.filter(code__iexact=value).first()


class DiscountCodeLookupViewSet(CodeLookupViewSet):
    serializer_class = DiscountCodeLookupSerializer

    def scoped_queryset(self):
        return self.get_event().discount_codes.alive().filter(used_for=DiscountCode.UsedFor.TICKET)


class AccessCodeLookupViewSet(CodeLookupViewSet):
    serializer_class = AccessCodeLookupSerializer

    def scoped_queryset(self):
        codes = self.get_event().access_codes.alive()
        if rules.has_access(self.request.user, MANAGERS, event=self.get_event()):
            return codes  # the event's managers (and admins) look up their inactive codes too
        return codes.filter(is_active=True)


class AccessCodeViewSet(CodeViewSet):
    """`/v1/events/<event_id>/access-codes`, `POST /v1/access-codes`, `/v1/access-codes/<id>` (+ relationships)."""

    serializer_class = AccessCodeSerializer
    services = ServiceSet(
        create=services.access_code_create, update=services.access_code_update, delete=services.access_code_delete
    )
