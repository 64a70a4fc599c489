"""Demo-like data for the compat journeys: `manage.py load_demo` (an admin, a published event with free, paid
and donation tickets) plus a programme (track, featured speaker, accepted session), a sponsor, an organizer
with an event of their own and a visitor account."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from events.management.commands.load_demo import ADMIN_EMAIL
from events.models import CustomForm, Event
from roles.models import Role, User, UsersEventsRoles
from tests.factories import (
    PASSWORD,
    EventFactory,
    SessionFactory,
    SpeakerFactory,
    SponsorFactory,
    TicketFactory,
    TrackFactory,
    UserFactory,
)
from tickets.checkout import order_create

#: the demo event's attendee form (field identifier, name, fixed): the client's fixed holder fields and two
#: required questions of the organizer's own, all included and required
ATTENDEE_FORM = (
    ("firstname", "First Name", True),
    ("lastname", "Last Name", True),
    ("email", "Email", True),
    ("jobTitle", "Job Title", False),
    ("city", "City", False),
)


def seed_attendee_form(event):
    for position, (identifier, name, fixed) in enumerate(ATTENDEE_FORM):
        CustomForm.objects.create(
            event=event,
            form=CustomForm.Form.ATTENDEE,
            field_identifier=identifier,
            name=name,
            type=CustomForm.Type.EMAIL if identifier == "email" else CustomForm.Type.TEXT,
            is_included=True,
            is_required=True,
            is_fixed=fixed,
            position=position,
        )


class World:
    """What the journeys use: `event` (identifier demo2026), `admin`, `organizer`, `visitor`, `attendee` (who
    has a completed free order on the event) and their one `password`."""

    password = PASSWORD


def seed():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    world = World()
    event = Event.objects.get(identifier="demo2026")
    event.is_featured = True
    event.is_sessions_speakers_enabled = True
    event.is_sponsors_enabled = True
    event.can_pay_by_bank = True  # a payment method that needs no outside provider
    event.bank_details = "IBAN DE00 1234 5678 9012 3456 78"
    event.schedule_published_on = timezone.now()  # speakers and sessions are public once the schedule is
    event.save()
    track = TrackFactory(event=event, name="Open Hardware")
    speaker = SpeakerFactory(event=event, name="Ada Lovelace", is_featured=True, short_biography="Engine hacker.")
    session = SessionFactory(
        event=event,
        track=track,
        title="Analytical Engines Today",
        state="accepted",
        starts_at=event.starts_at + timedelta(hours=1),
        ends_at=event.starts_at + timedelta(hours=2),
    )
    session.speakers.add(speaker)
    SponsorFactory(event=event, name="Open Tech Foundation", level=1, type="Gold")
    seed_attendee_form(event)
    organizer = UserFactory(email="organizer@example.org", first_name="Olga")
    own = EventFactory(
        name="Organizer Meetup",
        identifier="orgmeet1",
        owner=organizer,
        starts_at=timezone.now() + timedelta(days=20),
        location_name="Berlin",
    )
    UsersEventsRoles.objects.create(user=organizer, event=own, role=Role.objects.get(name=Role.ORGANIZER))
    TicketFactory(
        event=own, name="Meetup pass", sales_starts_at=timezone.now() - timedelta(days=1), sales_ends_at=own.starts_at
    )
    UsersEventsRoles.objects.create(user=organizer, event=event, role=Role.objects.get(name=Role.ORGANIZER))
    world.admin = User.objects.get(email=ADMIN_EMAIL)
    world.admin.set_password(PASSWORD)
    world.admin.save()
    world.event = event
    world.organizer = organizer
    world.visitor = UserFactory(email="visitor@example.org", first_name="Vera")
    world.attendee = UserFactory(email="attendee@example.org", first_name="Ari")
    free = event.tickets.get(name="Community (free)")
    order_create(actor=world.attendee, event=event, items=[{"ticket": free.pk, "quantity": 1}])
    return world
