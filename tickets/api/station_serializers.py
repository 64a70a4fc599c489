"""Serializers of check-in stations, their head counts (station store paxs) and ticket scans (user check-ins)."""

from rest_framework_json_api import serializers

from eventyay.api.relationships import ToOne
from eventyay.api.serializers import ResourceSerializer
from tickets.models import Station, StationStorePax, UserCheckIn
from tickets.services.stations import MESSAGES


class StationSerializer(ResourceSerializer):
    event = ToOne("event")
    microlocation = ToOne("microlocation", writable=True)

    class Meta:
        model = Station
        resource_name = "station"
        fields = ("station_name", "station_type", "created_at", "modified_at", "event", "microlocation")
        read_only_fields = ("created_at", "modified_at")
        extra_kwargs = {"station_name": {"required": True}, "station_type": {"required": True}}


class StationStorePaxSerializer(ResourceSerializer):
    station = ToOne("station", writable=True, required=True)
    session = ToOne("session", writable=True, required=True)
    current_pax = serializers.IntegerField(min_value=0, max_value=1_000_000)

    class Meta:
        model = StationStorePax
        resource_name = "station-store-pax"
        fields = ("current_pax", "created_at", "modified_at", "station", "session")
        read_only_fields = ("created_at", "modified_at")


class UserCheckInSerializer(ResourceSerializer):
    """A scan of a ticket at a station. Its type is `user_check_in`, as the Open Event Server writes it."""

    station = ToOne("station", writable=True, required=True)
    session = ToOne("session", writable=True)
    ticket_holder = ToOne("attendee", writable=True, required=True)
    success = serializers.SerializerMethodField()
    message = serializers.SerializerMethodField()

    class Meta:
        model = UserCheckIn
        resource_name = "user_check_in"
        fields = (
            "success", "message", "track_name", "session_name", "speaker_name", "created_at", "station", "session",
            "ticket_holder",
        )  # fmt: skip
        read_only_fields = ("track_name", "session_name", "speaker_name", "created_at")

    def get_success(self, check_in):
        return True

    def get_message(self, check_in):
        return MESSAGES[check_in.station.station_type]
