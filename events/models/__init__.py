"""Event models, split by concept. Import from `events.models`."""

from events.models.badges import BadgeForm
from events.models.catalogues import CustomPlaceholder, EventLocation, ImageSize
from events.models.content import Microlocation, Session, SessionType, SocialLink, Speaker, Sponsor, Track
from events.models.event import Event, EventSubTopic, EventTopic, EventType, generate_identifier
from events.models.event_parts import EventCopyright, Exhibitor
from events.models.faq import Faq, FaqType
from events.models.feedback import Feedback, UserFavouriteEvent, UserFavouriteSession
from events.models.forms import CustomForm
from events.models.group import Group
from events.models.search import EventSearchEntry, SearchWord
from events.models.speakers_call import SpeakersCall
from events.models.tasks import TransferTask
from events.models.video import TranslationChannel, VideoStream

__all__ = [
    "BadgeForm",
    "CustomForm",
    "CustomPlaceholder",
    "Event",
    "EventCopyright",
    "EventLocation",
    "EventSearchEntry",
    "EventSubTopic",
    "EventTopic",
    "EventType",
    "Exhibitor",
    "Faq",
    "FaqType",
    "Feedback",
    "Group",
    "ImageSize",
    "Microlocation",
    "Session",
    "SessionType",
    "SocialLink",
    "SearchWord",
    "Speaker",
    "SpeakersCall",
    "Sponsor",
    "Track",
    "TranslationChannel",
    "TransferTask",
    "UserFavouriteEvent",
    "UserFavouriteSession",
    "VideoStream",
    "generate_identifier",
]
