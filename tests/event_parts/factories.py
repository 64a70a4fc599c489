"""Factories of the event parts this package tests."""

from datetime import timedelta

import factory
from django.utils import timezone

from events.models import (
    BadgeForm,
    CustomPlaceholder,
    EventCopyright,
    EventLocation,
    Exhibitor,
    Feedback,
    SpeakersCall,
    TranslationChannel,
    UserFavouriteEvent,
    UserFavouriteSession,
    VideoStream,
)
from tests.factories import EventFactory, SessionFactory, UserFactory


class SpeakersCallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpeakersCall

    event = factory.SubFactory(EventFactory)
    announcement = "<p>Send us your talks</p>"
    starts_at = factory.LazyFunction(timezone.now)
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))


class EventCopyrightFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventCopyright

    event = factory.SubFactory(EventFactory)
    holder = "The organizers"
    licence = "CC BY 4.0"
    year = 2026


class ExhibitorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exhibitor

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Exhibitor {n}")


class EventLocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventLocation

    name = factory.Sequence(lambda n: f"City {n}")
    slug = factory.Sequence(lambda n: f"city-{n}")


class CustomPlaceholderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CustomPlaceholder

    name = factory.Sequence(lambda n: f"Placeholder {n}")
    original_image_url = "https://images.example/original.jpg"


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    rating = 4
    comment = "Good"


class UserFavouriteSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UserFavouriteSession

    session = factory.SubFactory(SessionFactory)
    user = factory.SubFactory(UserFactory)


class UserFavouriteEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UserFavouriteEvent

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)


class VideoStreamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VideoStream

    event = factory.SubFactory(EventFactory)
    name = factory.Sequence(lambda n: f"Stream {n}")
    url = "https://stream.example/live"
    password = "secret"


class TranslationChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TranslationChannel

    video_stream = factory.SubFactory(VideoStreamFactory)
    event = factory.LazyAttribute(lambda channel: channel.video_stream.event)
    name = "Deutsch"
    url = "https://stream.example/de"


class BadgeFormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BadgeForm

    event = factory.SubFactory(EventFactory)
    badge_id = factory.Sequence(lambda n: f"badge-{n}")
