"""Stripe authorization: one per event, organizer only, no list; secrets never serialized."""

from django.http import Http404
from rest_framework.exceptions import PermissionDenied

from eventyay.api.views import EventScopedMixin, JsonApiViewSet, ServiceSet, resolve_event
from roles import permissions as rules
from tickets import services
from tickets.api.base import ObjectEventMixin, PreloadMixin
from tickets.api.serializers import StripeAuthorizationSerializer
from tickets.models import StripeAuthorization

ORGANIZER = "is_organizer"


class StripeAuthorizationViewSet(PreloadMixin, ObjectEventMixin, JsonApiViewSet):
    """`POST /v1/stripe-authorization`, `GET/PATCH/DELETE /v1/stripe-authorization/<pk>`."""

    serializer_class = StripeAuthorizationSerializer
    permission_rules = {"create": "authenticated", "*": ORGANIZER}
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    services = ServiceSet(update=services.stripe_authorization_update, delete=services.stripe_authorization_delete)
    detail_url_name = "stripe-authorization-detail"
    cheap_etag = True

    def get_queryset(self):
        user = self.request.user
        queryset = StripeAuthorization.objects.select_related("event")
        if rules.is_admin(user):
            return queryset
        if not rules.is_authenticated(user):
            return queryset.none()
        from roles.models import UsersEventsRoles

        organized = UsersEventsRoles.objects.filter(user=user, role__name="organizer").values("event_id")
        return queryset.filter(event_id__in=organized)

    def perform_create(self, serializer):
        event = resolve_event(self.request, serializer.validated_data["event"].pk)
        if not rules.has_access(self.request.user, ORGANIZER, event=event):
            raise PermissionDenied("Only the event's organizer connects Stripe.")
        data = dict(serializer.validated_data)
        data.pop("event")
        serializer.instance = services.stripe_authorization_create(actor=self.request.user, event=event, data=data)


class EventStripeAuthorizationViewSet(PreloadMixin, EventScopedMixin, JsonApiViewSet):
    """`GET /v1/events/<event_id>/stripe-authorization`."""

    serializer_class = StripeAuthorizationSerializer
    permission_rules = {"retrieve": ORGANIZER}

    def get_object(self):
        auth = StripeAuthorization.objects.select_related("event").filter(event=self.get_event()).first()
        if auth is None:
            raise Http404("This event has no Stripe authorization.")
        self.check_object_permissions(self.request, auth)
        return auth
