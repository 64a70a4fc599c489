"""Event export and import (JSON in a zip), run by Celery tasks.

Export writes `event.json` (the event and everything an organizer builds: tickets, tracks, session types,
microlocations, speakers, sessions with their speakers, sponsors, social links, custom forms, FAQ types, FAQs;
never orders, attendees, codes or invites) and, on request, the stored media files those rows point at
(`image`: event, speaker and sponsor images; `audio`/`video`: session recordings; `document`: session slides)
under `media/`. Import reads such a zip (or a bare `event.json`) and creates a new event from it in one
transaction: all or nothing. Rows are linked by the ids they had in the export, re-pointed to the new rows.
"""

import io
import json
import posixpath
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

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
    generate_identifier,
)
from eventyay import uploads
from eventyay.errors import DomainError
from roles.models import Role, UsersEventsRoles

FORMAT = "eventyay-event"
VERSION = 1
MAX_IMPORT_ROWS = 20_000

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
#: platform categories: kept when this server has the same id, dropped otherwise
CATEGORY_COLUMNS = {
    "event_topic_id": "events.EventTopic",
    "event_sub_topic_id": "events.EventSubTopic",
    "event_type_id": "events.EventType",
}


def _model(model):
    if isinstance(model, str):
        from django.apps import apps

        return apps.get_model(model)
    return model


def _columns(model):
    return [f for f in model._meta.concrete_fields if f.name not in NOT_EXPORTED and not f.primary_key]


def _row(obj):
    return {f.attname: getattr(obj, f.attname) for f in _columns(type(obj))}


def _alive(queryset):
    model = queryset.model
    if any(f.name == "deleted_at" for f in model._meta.concrete_fields):
        queryset = queryset.filter(deleted_at__isnull=True)
    return queryset.order_by("pk")


# --- export ---------------------------------------------------------------------------------------


def _report(progress, percent, step):
    """Tell `progress` (a `notifications.progress.TaskProgress` or any callable) how far we are."""
    if progress is not None:
        progress(percent, step)


def event_export(*, event, options=None, progress=None):
    """The export zip's bytes for `event`. `options`: {"image": bool, "audio": bool, "video": bool,
    "document": bool} — which stored files to include. `progress(percent, step)` hears how far it is."""
    options = options or {}
    _report(progress, 5, "Reading the event")
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
        _report(progress, 10 + 75 * index // len(SECTIONS), f"Exporting {key.replace('_', ' ')}")
        model = _model(model)
        rows = []
        queryset = _alive(model.objects.filter(event=event))
        if model is Session:
            queryset = queryset.prefetch_related("speakers")
        for obj in queryset:
            row = media(model, {"id": obj.pk, **_row(obj)})
            if model is Session:
                row["speaker_ids"] = sorted(s.pk for s in obj.speakers.all())
            rows.append(row)
        document[key] = rows
    _report(progress, 85, "Writing the zip archive")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("event.json", json.dumps(document, cls=DjangoJSONEncoder, indent=1))
        for name, content in files.items():
            archive.writestr(f"media/{name}", content)
    return out.getvalue()


def store_export(*, event, options=None, progress=None):
    content = event_export(event=event, options=options, progress=progress)
    _report(progress, 95, "Storing the export")
    return uploads.store_bytes(content, folder=f"exports/{event.identifier}", name=f"{event.identifier}.zip")[1]


# --- import ---------------------------------------------------------------------------------------


def read_archive(content):
    """(document, {storage name: bytes}) from a zip export or a bare event.json."""
    if content[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = set(archive.namelist())
                if "event.json" not in names:
                    raise DomainError("The zip holds no event.json.")
                total = sum(info.file_size for info in archive.infolist())
                if total > 20 * len(content) + 50_000_000:  # a zip bomb
                    raise DomainError("The archive expands to more than it could plausibly hold.")
                raw = archive.read("event.json")
                files = {
                    n.removeprefix("media/"): archive.read(n)
                    for n in names
                    if n.startswith("media/") and not n.endswith("/") and ".." not in n.split("/")
                }
        except zipfile.BadZipFile:
            raise DomainError("The file is not a valid zip archive.")
    else:
        raw, files = content, {}
    try:
        document = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as exc:
        raise DomainError(f"event.json is not valid JSON: {exc}.")
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise DomainError(f"This is not an eventyay event export (expected format {FORMAT!r}).")
    if document.get("version") != VERSION:
        raise DomainError(f"Unsupported export version {document.get('version')!r} (this server reads {VERSION}).")
    return document, files


def _build(model, data, where, media, **overrides):
    """An unsaved `model` from exported `data` (media URLs rewritten), each value checked by its model field."""
    if not isinstance(data, dict):
        raise DomainError(f"{where}: expected an object.")
    columns = {f.attname: f for f in _columns(model)}
    values = {}
    for key, value in data.items():
        field = columns.get(key)
        if field is None:
            continue  # ids and links are handled by the caller; unknown keys are ignored
        try:
            values[key] = field.to_python(value)
        except ValidationError as exc:
            raise DomainError(f"{where}: {key}: {' '.join(exc.messages)}")
    values.update(overrides)
    obj = media.rewrite(model(**values))
    try:
        obj.full_clean(exclude=["event", "identifier", *overrides])
    except ValidationError as exc:
        detail = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
        raise DomainError(f"{where}: {detail}")
    return obj


class _Media:
    """Stores the archive's files anew and rewrites the URLs that pointed at them; relative URLs are made
    absolute against `base_url` (this server), as URL fields require."""

    def __init__(self, files, identifier, base_url=None):
        self.files, self.folder, self.urls, self.saved = files, f"imports/{identifier}", {}, []
        self.base_url = (base_url or "").rstrip("/")

    def rewrite(self, obj):
        for field in obj._meta.concrete_fields:
            if not isinstance(field, models.URLField):
                continue
            value = getattr(obj, field.attname, None)
            name = media_name(value)
            if name and name in self.files:
                if name not in self.urls:
                    stored = default_storage.save(
                        posixpath.join(self.folder, posixpath.basename(name)), ContentFile(self.files[name])
                    )
                    self.saved.append(stored)
                    self.urls[name] = default_storage.url(stored)
                value = self.urls[name]
            if value and value.startswith("/") and self.base_url:
                value = self.base_url + value
            setattr(obj, field.attname, value)
        return obj

    def discard(self):
        for name in self.saved:
            default_storage.delete(name)


def event_import(*, actor, content, base_url=None, progress=None):
    """A new event (draft, owned and organized by `actor`) from an export's bytes. All or nothing.
    `base_url` (this server, e.g. "https://example.org") makes relative media URLs absolute.
    `progress(percent, step)` hears how far it is."""
    _report(progress, 5, "Reading the archive")
    document, files = read_archive(content)
    rows = sum(len(document.get(key) or []) for key, _, _ in SECTIONS)
    if rows > MAX_IMPORT_ROWS:
        raise DomainError(f"The export holds {rows} rows; at most {MAX_IMPORT_ROWS} can be imported.")
    identifier = generate_identifier()
    media = _Media(files, identifier, base_url)
    try:
        with transaction.atomic():
            return _import(actor, document, media, identifier, progress)
    except BaseException:
        media.discard()
        raise


def _import(actor, document, media, identifier, progress=None):
    data = document.get("event")
    if not isinstance(data, dict):
        raise DomainError("event: expected an object.")
    data = dict(data)
    for column, label in CATEGORY_COLUMNS.items():
        value = data.get(column)
        if value is not None and not (str(value).isdigit() and _model(label).objects.filter(pk=value).exists()):
            data[column] = None
    event = _build(Event, data, "event", media, identifier=identifier, owner_id=actor.pk, state=Event.State.DRAFT)
    if event.ends_at and event.starts_at and event.ends_at < event.starts_at:
        raise DomainError("event: ends_at is before starts_at.")
    event.save()
    new_ids = {}
    for index, (key, model, links) in enumerate(SECTIONS):
        _report(progress, 10 + 85 * index // len(SECTIONS), f"Importing {key.replace('_', ' ')}")
        model = _model(model)
        section = document.get(key) or []
        if not isinstance(section, list):
            raise DomainError(f"{key}: expected a list.")
        new_ids[key] = {}
        for index, data in enumerate(section):
            where = f"{key}[{index}]"
            overrides = {"event_id": event.pk}
            for column, target in links.items():
                old = data.get(column) if isinstance(data, dict) else None
                if old is not None and old not in new_ids[target]:
                    raise DomainError(f"{where}: {column} {old} is not in {target}.")
                overrides[column] = new_ids[target].get(old)
            obj = _build(model, data, where, media, **overrides)
            obj.save()
            new_ids[key][data.get("id")] = obj.pk
            if model is Session:
                speakers = data.get("speaker_ids") or []
                unknown = [s for s in speakers if s not in new_ids["speakers"]]
                if unknown:
                    raise DomainError(f"{where}: speakers {unknown} are not in speakers.")
                obj.speakers.set([new_ids["speakers"][s] for s in speakers])
    UsersEventsRoles.objects.get_or_create(user=actor, event=event, role=Role.objects.get(name=Role.ORGANIZER))
    return event
