"""JSON:API serializers of video streams (video_stream.apib) and translation channels
(translation_channel.apib, whose type is spelt `translation_channel`)."""

from events.api.content_serializers import ContentSerializer
from events.models import TranslationChannel, VideoStream
from eventyay.api.relationships import NotServed, ToMany, ToOne

#: the stream's credentials: its event's organizers and co-organizers
TEAM = "is_coorganizer"


class VideoStreamSerializer(ContentSerializer):
    rooms = ToMany("microlocation", data=True)
    translation_channels = ToMany("translation_channel")
    channel = NotServed("video-channel")
    moderators = NotServed("video-stream-moderator", many=True)
    recordings = NotServed("video-recording", many=True)

    private_fields = {"password": TEAM, "extra": TEAM}

    class Meta:
        model = VideoStream
        resource_name = "video-stream"
        fields = (
            "name",
            "url",
            "password",
            "additional_information",
            "bg_img_url",
            "extra",
            "event",
            "rooms",
            "translation_channels",
            "channel",
            "moderators",
            "recordings",
        )


class TranslationChannelSerializer(ContentSerializer):
    video_stream = ToOne("video-stream", writable=True, required=True, allow_null=False)
    channel = NotServed("video-channel")

    class Meta:
        model = TranslationChannel
        resource_name = "translation_channel"
        fields = ("name", "url", "event", "video_stream", "channel")
