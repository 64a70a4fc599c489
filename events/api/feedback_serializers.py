"""JSON:API serializers of feedback and favourites (feedback.apib, event/favourite_events.apib,
session/favourite_sessions.apib). The user is the author: read-only, set from the actor."""

from events.models import Feedback, UserFavouriteEvent, UserFavouriteSession
from eventyay.api.relationships import ToOne
from eventyay.api.serializers import ResourceSerializer


class FeedbackSerializer(ResourceSerializer):
    event = ToOne("event")
    session = ToOne("session", writable=True)
    user = ToOne("user")

    class Meta:
        model = Feedback
        resource_name = "feedback"
        fields = ("rating", "comment", "deleted_at", "event", "session", "user")
        read_only_fields = ("deleted_at",)
        extra_kwargs = {"rating": {"min_value": 0, "max_value": 5}}


class UserFavouriteSessionSerializer(ResourceSerializer):
    session = ToOne("session", writable=True, required=True, allow_null=False)
    user = ToOne("user")

    class Meta:
        model = UserFavouriteSession
        resource_name = "user-favourite-session"
        fields = ("session", "user")


class UserFavouriteEventSerializer(ResourceSerializer):
    event = ToOne("event", writable=True, required=True, allow_null=False)
    user = ToOne("user")

    class Meta:
        model = UserFavouriteEvent
        resource_name = "user-favourite-event"
        fields = ("deleted_at", "event", "user")
        read_only_fields = ("deleted_at",)
