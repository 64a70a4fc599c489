"""Stripe authorization: one per event, organizer only, no list; secrets never serialized."""

from django.db.models import Q
from django.http import Http404

from eventyay.api.views import EventScopedMixin, JsonApiViewSet, ServiceSet
from roles.selectors import event_ids_with_role
from tickets import services
from tickets.api.serializers import StripeAuthorizationSerializer

ORGANIZER = "is_organizer"


class StripeAuthorizationViewSet(EventScopedMixin, JsonApiViewSet):
    """`POST /v1/stripe-authorization` (with `relationships.event`), `GET/PATCH/DELETE
    /v1/stripe-authorization/<pk>`: the event's organizer only."""

    serializer_class = StripeAuthorizationSerializer
    collection_actions = {"post": "create"}
    permission_rules = {"*": ORGANIZER}
    services = ServiceSet(
        create=services.stripe_authorization_create,
        update=services.stripe_authorization_update,
        delete=services.stripe_authorization_delete,
    )
    cheap_etag = True

    def readable(self, queryset):
        return self.readable_by_members(queryset, lambda user: Q(event_id__in=event_ids_with_role(user, ORGANIZER)))


class EventStripeAuthorizationViewSet(StripeAuthorizationViewSet):
    """`GET /v1/events/<event_id>/stripe-authorization`: the event's one authorization."""

    def get_object(self):
        auth = self.get_queryset().filter(event=self.get_event()).first()
        if auth is None:
            raise Http404("This event has no Stripe authorization.")
        self.check_object_permissions(self.request, auth)
        return auth
