"""Event import: a new draft event from an export, in one transaction (all or nothing), every row exactly as
strict as the API is with the same data:

* each row's attributes go through the resource's API serializer (JSON types, lengths, choices, formats, the
  serializer's own rules) and then through its service (`events.services.event_create`,
  `tickets.services.ticket_create`, `events.content_services.content_create`): HTML is sanitized, dates and
  coordinates are range-checked, a session that ends before it starts is refused, and so on;
* admin-only flags (`is_featured`, `is_promoted`, `is_demoted`) are dropped unless the importer is an admin;
  the Stripe link (it belongs to the exporting server) is never imported; the event starts as a draft owned
  and organized by the importer;
* links between rows (a session's track, session type, microlocation and speakers; a FAQ's type) must point
  inside the export and are re-pointed to the new rows; platform categories are kept when this server has them;
* files: only those the rows point at, each through the upload allow-list (`eventyay.uploads.check_file_bytes`:
  images that decode, audio, video, PDF, documents — never HTML, SVG or scripts), image fields only images;
  stored under `imports/<folder>/` and deleted again if the import fails.
"""

import posixpath
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from rest_framework.relations import ManyRelatedField, RelatedField

from events.copy import media_name
from events.models import Event, EventSubTopic, EventTopic, EventType, Session
from events.transfer.archive import read_archive
from events.transfer.export import MEDIA_OPTIONS, SECTIONS, model_of, report
from eventyay import uploads
from eventyay.errors import DomainError
from roles import permissions as rules

MAX_IMPORT_ROWS = 20_000
#: platform categories: kept when this server has the same id, dropped otherwise
CATEGORY_COLUMNS = {"event_topic_id": EventTopic, "event_sub_topic_id": EventSubTopic, "event_type_id": EventType}
#: never taken from an export: the draft state, soft deletion, and the exporting server's Stripe link
EVENT_DROPPED = ("state", "deleted_at", "is_stripe_linked")


def _serializer_classes():
    from events.api import content_serializers as content
    from events.api.serializers import EventSerializer
    from tickets.api.serializers import TicketSerializer

    classes = {Event: EventSerializer, model_of("tickets.Ticket"): TicketSerializer}
    for name in (
        "Track", "SessionType", "Microlocation", "Speaker", "Session", "Sponsor", "SocialLink", "CustomForm",
        "FaqType", "Faq",
    ):  # fmt: skip
        classes[model_of(f"events.{name}")] = getattr(content, f"{name}Serializer")
    return classes


def _image_fields(model):
    return set(MEDIA_OPTIONS["image"].get(model, ()))


class ImportedMedia:
    """Checks and stores the archive's files that rows point at; rewrites those URLs to the stored copies.
    Relative URLs are made absolute against `base_url` (this server), as URL fields require."""

    def __init__(self, files, folder, base_url=None):
        self.files, self.folder, self.urls, self.saved = files, f"imports/{folder}", {}, []
        self.base_url = (base_url or "").rstrip("/")

    def url_for(self, value, where, *, image=False):
        name = media_name(value) if isinstance(value, str) else None
        if name and name in self.files:
            if name not in self.urls:
                self.urls[name] = self._store(name, where, image)
            value = self.urls[name]
        if isinstance(value, str) and value.startswith("/") and self.base_url:
            value = self.base_url + value
        return value

    def _store(self, name, where, image):
        base = uploads.safe_name(posixpath.basename(name))
        try:
            uploads.check_file_bytes(base, self.files[name])
        except DomainError as exc:
            raise DomainError(f"{where}: {name}: {exc.detail}")
        if image and uploads.extension_of(base) not in uploads.IMAGE_EXTENSIONS:
            raise DomainError(f"{where}: {name}: an image field must point at an image.")
        stored = default_storage.save(
            posixpath.join(self.folder, uuid.uuid4().hex[:8], base), ContentFile(self.files[name])
        )
        self.saved.append(stored)
        return default_storage.url(stored)

    def discard(self):
        for name in self.saved:
            default_storage.delete(name)


def _problem(where, exc):
    field = f"{exc.field}: " if exc.field else ""
    return DomainError(f"{where}: {field}{exc.detail}")


def _messages(errors):
    if isinstance(errors, dict):
        for key, value in errors.items():
            for message in _messages(value):
                yield f"{key}: {message}" if key not in ("non_field_errors",) else message
    elif isinstance(errors, (list, tuple)):
        for value in errors:
            yield from _messages(value)
    else:
        yield str(errors)


class _Rows:
    """Validates exported rows with the API's serializers and writes them through the services."""

    def __init__(self, actor, media):
        self.actor, self.media, self.classes = actor, media, _serializer_classes()
        self.attributes = {}

    def _writable(self, model):
        if model not in self.attributes:
            fields = self.classes[model]().fields
            self.attributes[model] = {
                name
                for name, field in fields.items()
                if not field.read_only and not isinstance(field, (RelatedField, ManyRelatedField))
            }
        return self.attributes[model]

    def validated(self, model, data, where, drop=()):
        """(attributes the serializer accepted, media URL fields the API does not let clients write)."""
        if not isinstance(data, dict):
            raise DomainError(f"{where}: expected an object.")
        writable = self._writable(model)
        data = self._media(model, data, where)
        payload = {k: v for k, v in data.items() if k in writable and k not in drop}
        serializer = self.classes[model](data=payload, context={"request": None, "view": None})
        if not serializer.is_valid():
            raise DomainError(f"{where}: " + "; ".join(_messages(serializer.errors)))
        attrs = dict(serializer.validated_data)
        attrs.update(self._read_only_media(model, data, writable, where))
        return attrs

    def _media(self, model, data, where):
        data = dict(data)
        images = _image_fields(model)
        for field in model._meta.concrete_fields:
            if isinstance(field, models.URLField) and data.get(field.attname):
                data[field.attname] = self.media.url_for(
                    data[field.attname], f"{where}: {field.attname}", image=field.attname in images
                )
        return data

    def _read_only_media(self, model, data, writable, where):
        """Image renditions (thumbnails, icons) the API derives itself: taken from the export when they are
        valid URLs (stored copies of checked files, or links elsewhere)."""
        values = {}
        for name in _image_fields(model) - writable:
            value = data.get(name)
            if not value:
                continue
            field = model._meta.get_field(name)
            try:
                field.clean(value, None)
            except ValidationError as exc:
                raise DomainError(f"{where}: {name}: {' '.join(exc.messages)}")
            values[name] = value
        return values


def event_import(*, actor, content, base_url=None, folder=None, before_commit=None, progress=None):
    """A new event (draft, owned and organized by `actor`) from an export's bytes. All or nothing.
    `base_url` (this server, e.g. "https://example.org") makes relative media URLs absolute; files go under
    `imports/<folder>/`; `before_commit()` runs inside the transaction, last (it may still refuse).
    `progress(percent, step)` hears how far it is."""
    report(progress, 5, "Reading the archive")
    document, files = read_archive(content)
    for key, _, _ in SECTIONS:
        if not isinstance(document.get(key) or [], list):
            raise DomainError(f"{key}: expected a list.")
    rows = sum(len(document.get(key) or []) for key, _, _ in SECTIONS)
    if rows > MAX_IMPORT_ROWS:
        raise DomainError(f"The export holds {rows} rows; at most {MAX_IMPORT_ROWS} can be imported.")
    media = ImportedMedia(files, folder or uuid.uuid4().hex, base_url)
    try:
        with transaction.atomic():
            event = _import(_Rows(actor, media), document, progress)
            if before_commit is not None:
                before_commit(event)
            return event
    except BaseException:
        media.discard()
        raise


def _import(rows, document, progress=None):
    from events.services import ADMIN_ONLY_FIELDS, event_create

    actor = rows.actor
    data = document.get("event")
    drop = EVENT_DROPPED if rules.is_admin(actor) else (*EVENT_DROPPED, *ADMIN_ONLY_FIELDS)
    attrs = rows.validated(Event, data, "event", drop=drop)
    attrs.update(_categories(data))
    try:
        event = event_create(actor=actor, data=attrs)
    except DomainError as exc:
        raise _problem("event", exc)
    new = {}
    for section, (key, model, links) in enumerate(SECTIONS):
        report(progress, 10 + 85 * section // len(SECTIONS), f"Importing {key.replace('_', ' ')}")
        model = model_of(model)
        new[key] = {}
        for index, data in enumerate(document.get(key) or []):
            where = f"{key}[{index}]"
            attrs = rows.validated(model, data, where)
            for column, target in links.items():
                old = data.get(column)
                if old is not None and (not _is_id(old) or old not in new[target]):
                    raise DomainError(f"{where}: {column} {old} is not in {target}.")
                attrs[column.removesuffix("_id")] = new[target].get(old)
            if model is Session:
                speakers = data.get("speaker_ids") or []
                if not isinstance(speakers, list):
                    raise DomainError(f"{where}: speaker_ids: expected a list.")
                unknown = [s for s in speakers if not _is_id(s) or s not in new["speakers"]]
                if unknown:
                    raise DomainError(f"{where}: speakers {unknown} are not in speakers.")
                attrs["speakers"] = [new["speakers"][s] for s in speakers]
            if not _is_id(data.get("id")):
                raise DomainError(f"{where}: id: expected a number.")
            try:
                obj = _create(model, actor, event, attrs)
            except DomainError as exc:
                raise _problem(where, exc)
            new[key][data.get("id")] = obj
    return event


def _is_id(value):
    return isinstance(value, (int, str)) and not isinstance(value, bool)


def _create(model, actor, event, data):
    from events.content_services import content_create
    from tickets.services import ticket_create

    if model is model_of("tickets.Ticket"):
        return ticket_create(actor=actor, event=event, data=data)
    return content_create(model, actor=actor, event=event, data=data)


def _categories(data):
    """The event's topic, sub-topic and type, when this server has them (a sub-topic only under its topic)."""
    found = {}
    for column, model in CATEGORY_COLUMNS.items():
        value = data.get(column)
        if isinstance(value, int) and not isinstance(value, bool):
            found[column.removesuffix("_id")] = model.objects.filter(pk=value).first()
    sub, topic = found.get("event_sub_topic"), found.get("event_topic")
    if sub is not None and (topic is None or sub.event_topic_id != topic.pk):
        found["event_sub_topic"] = None
    return {k: v for k, v in found.items() if v is not None}
