"""Event export: `event.json` (the event and everything an organizer builds: tickets, tracks, session types,
microlocations, speakers, sessions with their speakers, sponsors, social links, custom forms, FAQ types, FAQs;
never orders, attendees, codes or invites) and, on request, the stored media files those rows point at
(`image`: event, speaker and sponsor images; `audio`/`video`: session recordings; `document`: session slides)
under `media/`. The zip goes to private storage (`eventyay.private_storage`), never under MEDIA_URL: it is
downloaded through `events.transfer.downloads` by who may export the event.
"""

import io
import json
import zipfile

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder

from events.copy import RESET_FIELDS, media_name
from events.models import (
    CustomForm,
    Event,
    Faq,
    FaqType,
    Microlocation,
    Session,
    SessionType,
    SocialLink,
    Speaker,
    Sponsor,
    Track,
)
from eventyay.private_storage import private_storage

FORMAT = "eventyay-event"
VERSION = 1

#: which URL fields each export option carries along as files
MEDIA_OPTIONS = {
    "image": {
        Event: ("logo_url", "original_image_url", "thumbnail_image_url", "large_image_url", "icon_image_url"),
        Speaker: ("photo_url", "thumbnail_image_url", "small_image_url", "icon_image_url"),
        Sponsor: ("logo_url",),
    },
    "audio": {Session: ("audio_url",)},
    "video": {Session: ("video_url",)},
    "document": {Session: ("slides_url",)},
}
#: the export's sections, in import order: (key, model, foreign keys re-pointed on import {column: section})
SECTIONS = (
    ("tickets", "tickets.Ticket", {}),
    ("tracks", Track, {}),
    ("session_types", SessionType, {}),
    ("microlocations", Microlocation, {}),
    ("speakers", Speaker, {}),
    (
        "sessions",
        Session,
        {"track_id": "tracks", "session_type_id": "session_types", "microlocation_id": "microlocations"},
    ),
    ("sponsors", Sponsor, {}),
    ("social_links", SocialLink, {}),
    ("custom_forms", CustomForm, {}),
    ("faq_types", FaqType, {}),
    ("faqs", Faq, {"faq_type_id": "faq_types"}),
)
#: never exported: bookkeeping, the event link itself, and links to this server's users and codes
NOT_EXPORTED = set(RESET_FIELDS) | {
    "event",
    "owner",
    "user",
    "creator",
    "discount_code",
    "average_rating",
    "favourite_count",
}


def model_of(model):
    if isinstance(model, str):
        from django.apps import apps

        return apps.get_model(model)
    return model


def columns(model):
    return [f for f in model._meta.concrete_fields if f.name not in NOT_EXPORTED and not f.primary_key]


def _row(obj):
    return {f.attname: getattr(obj, f.attname) for f in columns(type(obj))}


def _alive(queryset):
    model = queryset.model
    if any(f.name == "deleted_at" for f in model._meta.concrete_fields):
        queryset = queryset.filter(deleted_at__isnull=True)
    return queryset.order_by("pk")


def report(progress, percent, step):
    """Tell `progress` (a `notifications.progress.TaskProgress` or any callable) how far we are."""
    if progress is not None:
        progress(percent, step)


def event_export(*, event, options=None, progress=None):
    """The export zip's bytes for `event`. `options`: {"image": bool, "audio": bool, "video": bool,
    "document": bool} — which stored files to include. `progress(percent, step)` hears how far it is."""
    options = options or {}
    report(progress, 5, "Reading the event")
    wanted = {}
    for option, by_model in MEDIA_OPTIONS.items():
        if options.get(option):
            for model, fields in by_model.items():
                wanted.setdefault(model, set()).update(fields)
    files = {}

    def media(model, row):
        for field in wanted.get(model, ()):
            name = media_name(row.get(field))
            if name and name not in files and default_storage.exists(name):
                with default_storage.open(name, "rb") as handle:
                    files[name] = handle.read()
        return row

    document = {"format": FORMAT, "version": VERSION, "event": media(Event, _row(event))}
    for index, (key, model, _) in enumerate(SECTIONS):
        report(progress, 10 + 75 * index // len(SECTIONS), f"Exporting {key.replace('_', ' ')}")
        model = model_of(model)
        rows = []
        queryset = _alive(model.objects.filter(event=event))
        if model is Session:
            queryset = queryset.prefetch_related("speakers")
        for obj in queryset:
            row = media(model, {"id": obj.pk, **_row(obj)})
            if model is Session:
                row["speaker_ids"] = sorted(s.pk for s in obj.speakers.all() if s.deleted_at is None)
            rows.append(row)
        document[key] = rows
    report(progress, 85, "Writing the zip archive")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("event.json", json.dumps(document, cls=DjangoJSONEncoder, indent=1))
        for name, content in files.items():
            archive.writestr(f"media/{name}", content)
    return out.getvalue()


def store_export(*, event, options=None, task_id, progress=None):
    """Write the export to private storage; returns its storage name."""
    content = event_export(event=event, options=options, progress=progress)
    report(progress, 95, "Storing the export")
    return private_storage().save(f"exports/{task_id}/{event.identifier}.zip", ContentFile(content))
