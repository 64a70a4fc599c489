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
