"""Check-in stations, head counts at them (station store paxs) and ticket scans (user check-ins).

A `registration` or `daily` station admits attendees to the event; a `check in` / `check out` station sits in a
room (a microlocation) and admits them to the sessions held there. A scan at a room station needs the session,
which must take place in the station's room. A ticket that `is_checkin_restricted` must have been scanned at a
registration station before its holder enters a session; with `auto_checkin_enabled` the registration scan
checks the holder in at once. Only holders of sold orders are admitted.
"""

from django.db import transaction
from django.db.models import Count, Q

from eventyay.errors import ConflictError, DomainError
from tickets.models import Order, Station, StationStorePax, UserCheckIn
from tickets.services.orders import attendee_check_in

STATION_FIELDS = ("station_name", "station_type", "microlocation")


def _validate_station(station):
    station.station_name = (station.station_name or "").strip()
    if not station.station_name:
        raise DomainError("A station needs a name.", field="station_name")
    if station.station_type not in Station.Type.values:
        raise DomainError(f"station-type must be one of {', '.join(Station.Type.values)}.", field="station_type")
    microlocation = station.microlocation
    if microlocation is not None and microlocation.event_id != station.event_id:
        raise DomainError("The microlocation must belong to the station's event.", field="microlocation")
    if station.station_type in Station.ROOM_TYPES and microlocation is None:
        raise DomainError("A check-in or check-out station needs a microlocation.", field="microlocation")


@transaction.atomic
def station_create(*, actor, event, data):
    station = Station(event=event)
    for field in STATION_FIELDS:
        if field in data:
            setattr(station, field, data[field])
    _validate_station(station)
    station.save()
    return station


@transaction.atomic
def station_update(*, actor, instance, data):
    station = Station.objects.select_for_update().get(pk=instance.pk)
    for field in STATION_FIELDS:
        if field in data:
            setattr(station, field, data[field])
    _validate_station(station)
    station.save()
    return station


@transaction.atomic
def station_delete(*, actor, instance):
    station = Station.objects.select_for_update().get(pk=instance.pk)
    if station.check_ins.exists() or station.store_paxs.exists():
        raise ConflictError(
            "Tickets were scanned or people counted at this station; its records stay.", code="station_in_use"
        )
    station.delete()


def _same_event(station, session, field="session"):
    if session is None:
        raise DomainError("A session is required.", field=field)
    if session.event_id != station.event_id or session.deleted_at is not None:
        raise DomainError("The session must belong to the station's event.", field=field)


@transaction.atomic
def station_store_pax_create(*, actor, data):
    station, session = data.get("station"), data.get("session")
    if station is None:
        raise DomainError("A station is required.", field="station")
    _same_event(station, session)
    pax = data.get("current_pax")
    if pax is None or pax < 0:
        raise DomainError("current-pax must be 0 or more.", field="current_pax")
    return StationStorePax.objects.create(station=station, session=session, current_pax=pax)


@transaction.atomic
def station_store_pax_update(*, actor, instance, data):
    row = StationStorePax.objects.select_for_update().get(pk=instance.pk)
    if "current_pax" in data:
        if data["current_pax"] is None or data["current_pax"] < 0:
            raise DomainError("current-pax must be 0 or more.", field="current_pax")
        row.current_pax = data["current_pax"]
    row.save()
    return row


@transaction.atomic
def station_store_pax_delete(*, actor, instance):
    StationStorePax.objects.filter(pk=instance.pk).delete()


MESSAGES = {
    Station.Type.REGISTRATION: "Ticket register successful.",
    Station.Type.DAILY: "Attendee check in successful.",
    Station.Type.CHECK_IN: "Attendee check in successful.",
    Station.Type.CHECK_OUT: "Attendee check out successful.",
}


@transaction.atomic
def user_check_in_create(*, actor, data):
    station, attendee, session = data.get("station"), data.get("ticket_holder"), data.get("session")
    if station is None:
        raise DomainError("A station is required.", field="station")
    if attendee is None:
        raise DomainError("A ticket holder is required.", field="ticket_holder")
    if attendee.event_id != station.event_id:
        raise DomainError("The ticket holder must be an attendee of the station's event.", field="ticket_holder")
    if attendee.order.status not in Order.SOLD_STATUSES:
        raise DomainError(
            f"This attendee's order is {attendee.order.status}; only sold tickets are admitted.",
            field="ticket_holder",
            code="order_not_sold",
        )
    if session is not None or station.station_type in Station.ROOM_TYPES:
        _same_event(station, session)
    if station.station_type in Station.ROOM_TYPES:
        if session.microlocation_id != station.microlocation_id:
            raise DomainError("The session does not take place in this station's room.", field="session")
        registered = UserCheckIn.objects.filter(
            ticket_holder=attendee, station__station_type=Station.Type.REGISTRATION
        ).exists()
        if attendee.ticket.is_checkin_restricted and not registered:
            raise DomainError(
                "This ticket must be registered at a registration station first.",
                field="ticket_holder",
                code="not_registered",
            )
    check_in = UserCheckIn(station=station, ticket_holder=attendee, session=session, created_by=actor)
    if session is not None:
        check_in.session_name = session.title
        check_in.track_name = session.track.name if session.track_id else ""
        check_in.speaker_name = ", ".join(s.name for s in session.speakers.all())
    check_in.save()
    if station.station_type in (Station.Type.CHECK_IN, Station.Type.DAILY) or (
        station.station_type == Station.Type.REGISTRATION and attendee.ticket.auto_checkin_enabled
    ):
        attendee_check_in(actor=actor, instance=attendee, checked_in=True)
    elif station.station_type == Station.Type.CHECK_OUT:
        attendee_check_in(actor=actor, instance=attendee, checked_in=False)
    check_in.message = MESSAGES[station.station_type]
    return check_in


def registration_stats(event, session_ids=()):
    """Counts for the check-in dashboard, computed in the database (a fixed number of queries)."""
    attendees = event.attendees.filter(order__status__in=Order.SOLD_STATUSES)
    scans = UserCheckIn.objects.filter(station__event=event)
    registered = scans.filter(station__station_type=Station.Type.REGISTRATION)
    totals = attendees.aggregate(
        total=Count("pk"),
        registered=Count("pk", filter=Q(pk__in=registered.values("ticket_holder_id")), distinct=True),
        not_checked_in=Count("pk", filter=Q(is_checked_in=False)),
    )
    room = scans.filter(session__isnull=False)
    moves = {
        "check_in": Count("pk", filter=Q(station__station_type=Station.Type.CHECK_IN)),
        "check_out": Count("pk", filter=Q(station__station_type=Station.Type.CHECK_OUT)),
    }
    sessions = event.sessions.filter(pk__in=[int(s) for s in session_ids], deleted_at__isnull=True)
    per_session = {
        row["session_id"]: row for row in room.filter(session__in=sessions).values("session_id").annotate(**moves)
    }
    session_stats = [
        {
            "session_id": str(session.pk),
            "session_name": session.title,
            "track_name": session.track.name if session.track_id else "",
            "speakers": [speaker.name for speaker in session.speakers.all()],
            "check_in": per_session.get(session.pk, {}).get("check_in", 0),
            "check_out": per_session.get(session.pk, {}).get("check_out", 0),
            "manual_count": {},
        }
        for session in sessions.select_related("track").prefetch_related("speakers")
    ]
    track_stats = [
        {"track_name": row["session__track__name"], "check_in": row["check_in"], "check_out": row["check_out"]}
        for row in room.filter(session__track__isnull=False).values("session__track__name").annotate(**moves)
    ]
    all_room = room.aggregate(**moves)
    in_tracks = room.filter(session__track__isnull=False).aggregate(**moves)
    return {
        "session_stats": session_stats,
        "total_attendee": totals["total"],
        "total_not_checked_in": totals["not_checked_in"],
        "total_registered": totals["registered"],
        "total_session_checked_in": all_room["check_in"],
        "total_session_checked_out": all_room["check_out"],
        "total_track_checked_in": in_tracks["check_in"],
        "total_track_checked_out": in_tracks["check_out"],
        "track_stats": track_stats,
    }
