"""factory_boy factories for every model. Add new ones below, grouped by app."""

from datetime import timedelta

import factory
from django.utils import timezone

from events.models import Event
from pages.models import Page
from roles.models import User

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    is_verified = True  # an established account; tests of unverified ones say is_verified=False
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    name = factory.Sequence(lambda n: f"Page {n}")
    url = factory.Sequence(lambda n: f"/page-{n}")
    description = "<p>About us</p>"
    place = Page.Place.FOOTER


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    name = factory.Sequence(lambda n: f"Event {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(days=1))
    timezone = "UTC"
    state = Event.State.PUBLISHED


# --- notifications -------------------------------------------------------------------------------


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "notifications.Notification"

    user = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Notification {n}")
    message = "<p>Something happened.</p>"
    kind = "message"
    received_at = factory.LazyFunction(timezone.now)


# --- tickets ---------------------------------------------------------------------------------------------


class TicketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "tickets.Ticket"

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Ticket {n}")
    type = "free"
    price = 0
    quantity = 100
    min_order = 1
    max_order = 10


class DiscountCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "tickets.DiscountCode"

    event = factory.SubFactory(EventFactory)
    code = factory.Sequence(lambda n: f"CODE{n}")
    type = "percent"
    value = 10
    used_for = "ticket"


class AccessCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "tickets.AccessCode"

    event = factory.SubFactory(EventFactory)
    code = factory.Sequence(lambda n: f"ACCESS{n}")


# --- event content (issue 5) -------------------------------------------------------------------------------
class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Track"

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Track {n}")
    color = "#112233"


class SessionTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.SessionType"

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Talk type {n}")
    length = "00:30"


class MicrolocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Microlocation"

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Room {n}")


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Speaker"

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Speaker {n}")
    email = factory.Sequence(lambda n: f"speaker{n}@example.org")


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Session"

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    state = "accepted"


class SponsorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Sponsor"

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Sponsor {n}")


class SocialLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.SocialLink"

    event = factory.SubFactory(EventFactory)
    name = "Mastodon"
    link = factory.Sequence(lambda n: f"https://social.example.org/@event{n}")


class CustomFormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.CustomForm"

    event = factory.SubFactory(EventFactory)
    form = "attendee"
    field_identifier = factory.Sequence(lambda n: f"field{n}")
    type = "text"


class FaqTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.FaqType"

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"FAQ type {n}")


class FaqFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Faq"

    event = factory.SubFactory(EventFactory)
    question = factory.Sequence(lambda n: f"Question {n}?")
    answer = "Yes."
