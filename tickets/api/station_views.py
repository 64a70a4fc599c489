"""Check-in stations and what is recorded at them.

* `/v1/stations`, `POST /v1/station` (as the Open Event Server spells it), `/v1/events/<event_id>/stations`,
  `/v1/stations/<id>`: an event's registrars (and organizer, co-organizers) read its stations; the organizer and
  co-organizers write them.
* `POST /v1/station-store-paxs`, `/v1/station-store-paxs/<id>` and
  `/v1/stations/<id>/sessions/<session_id>/station-store-paxs`: head counts at a station for a session.
* `POST /v1/user-check-in`, `/v1/user-check-in/<id>`: a ticket scanned at a station;
  `/v1/user-check-in/stats/event/<event_id>?session_ids=1,2`: the counts of the check-in dashboard.

Head counts and scans are made by the event's registrars, organizer and co-organizers; nobody else sees them."""

from django.http import Http404
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from eventyay.api.views import EventScopedMixin, JsonApiViewSet, ServiceSet
from roles import permissions as rules
from roles.selectors import event_ids_with_role
from tickets.api.station_serializers import StationSerializer, StationStorePaxSerializer, UserCheckInSerializer
from tickets.models import Station
from tickets.services import stations

SCANNERS = "is_registrar"
MANAGERS = "is_coorganizer"


def _events_of(user, check):
    return event_ids_with_role(user, check)


class StationViewSet(EventScopedMixin, JsonApiViewSet):
    serializer_class = StationSerializer
    permission_rules = {"list": SCANNERS, "retrieve": SCANNERS, "*": MANAGERS}
    services = ServiceSet(
        create=stations.station_create, update=stations.station_update, delete=stations.station_delete
    )

    def readable(self, queryset):
        user = self.request.user
        if rules.is_admin(user):
            return queryset
        return queryset.filter(event_id__in=_events_of(user, SCANNERS))

    def annotate(self, queryset):
        return queryset.select_related("event")


class StationChildMixin:
    """Rows that belong to a station: the event is the station's (from the row, or from the body on create)."""

    def readable(self, queryset):
        user = self.request.user
        if rules.is_admin(user):
            return queryset
        return queryset.filter(station__event_id__in=_events_of(user, SCANNERS))

    def get_permission_event(self, obj=None):
        if obj is not None:
            return obj.station.event
        if getattr(self, "action", None) == "create":
            return self.station_from_body().event
        return None

    def station_from_body(self):
        if not hasattr(self, "_body_station"):
            ref = self.request.data.get("station") if isinstance(self.request.data, dict) else None
            pk = str(ref.get("id", "")) if isinstance(ref, dict) else ""
            station = Station.objects.select_related("event").filter(pk=int(pk)).first() if pk.isdigit() else None
            if station is None:
                raise ValidationError({"station": ["This relationship is required: an existing station."]})
            self._body_station = station
        return self._body_station


class StationStorePaxViewSet(StationChildMixin, JsonApiViewSet):
    serializer_class = StationStorePaxSerializer
    permission_rules = {"list": "authenticated", "*": SCANNERS}
    services = ServiceSet(
        create=stations.station_store_pax_create,
        update=stations.station_store_pax_update,
        delete=stations.station_store_pax_delete,
    )

    def annotate(self, queryset):
        return queryset.select_related("station__event")


class StationSessionPaxViewSet(StationStorePaxViewSet):
    """`/v1/stations/<station_id>/sessions/<session_id>/station-store-paxs`: the station must be readable."""

    permission_rules = {"list": SCANNERS}

    def get_station(self):
        if not hasattr(self, "_station"):
            value = str(self.kwargs["station_id"])
            station = Station.objects.select_related("event").filter(pk=int(value)).first() if value.isdigit() else None
            user = self.request.user
            if station is None or not rules.has_access(user, SCANNERS, event=station.event):
                raise Http404("No such station.")
            self._station = station
        return self._station

    def get_permission_event(self, obj=None):
        return self.get_station().event

    def scoped_queryset(self):
        session = str(self.kwargs["session_id"])
        if not session.isdigit():
            raise Http404("No such session.")
        return self.get_station().store_paxs.filter(session_id=int(session))


class UserCheckInViewSet(StationChildMixin, JsonApiViewSet):
    serializer_class = UserCheckInSerializer
    collection_actions = {"post": "create"}
    detail_actions = {"get": "retrieve"}
    permission_rules = {"*": SCANNERS}
    services = ServiceSet(create=stations.user_check_in_create)

    def annotate(self, queryset):
        return queryset.select_related("station__event")


class CheckInStatsViewSet(EventScopedMixin, JsonApiViewSet):
    """`GET /v1/user-check-in/stats/event/<event_id>?session_ids=1,2`: plain JSON counts (as documented)."""

    serializer_class = UserCheckInSerializer
    permission_rules = {"stats": SCANNERS}
    extra_query_params = ("session_ids",)

    def readable(self, queryset):
        return queryset

    def stats(self, request, *args, **kwargs):
        raw = request.query_params.get("session_ids", "")
        ids = [part.strip() for part in raw.split(",") if part.strip()]
        if any(not part.isdigit() or len(part) > 18 for part in ids):
            raise ValidationError({"session_ids": ["A comma-separated list of session ids."]})
        self.resource_name = False
        return Response(stations.registration_stats(self.get_event(), ids))
