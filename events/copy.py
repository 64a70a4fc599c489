"""Event copy (seed 000, "Copying Event in Open Event API Server").

`event_copy(actor=, event=)` makes a new event with a new identifier and copies, inside one transaction, every
related object an organizer builds: tickets, tracks, session types, microlocations, speakers, sessions (with
their speakers), sponsors, social links, custom forms, FAQ types and FAQs. References are re-pointed to the
copies (a copied session points at the copied track, microlocation, session type and speakers; a copied FAQ
at the copied FAQ type). Uploaded media referenced by URL fields under MEDIA_URL are copied to new storage
paths, so deleting one event's files never touches the other's. Never copied: orders, attendees, access
codes, discount codes, role invites, the Stripe authorization, soft-deleted rows. The copier becomes the
copy's organizer and owner; the copy starts as a draft (with its schedule unpublished) so it can be
reviewed before it goes live, without the admins' promotion flags or a Stripe link.
"""

import posixpath
import uuid
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction

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
from eventyay.errors import DomainError
from roles.models import Role, UsersEventsRoles

EVENT_MEDIA_FIELDS = ("logo_url", "original_image_url", "thumbnail_image_url", "large_image_url", "icon_image_url")
MEDIA_FIELDS = {
    Event: EVENT_MEDIA_FIELDS,
    Speaker: ("photo_url", "thumbnail_image_url", "small_image_url", "icon_image_url"),
    Sponsor: ("logo_url",),
}
#: never carried over from the original row
RESET_FIELDS = ("id", "created_at", "modified_at", "deleted_at", "last_modified_at")


def media_name(url):
    """The storage name of a URL under MEDIA_URL (absolute or relative), else None."""
    if not url:
        return None
    path = urlsplit(url).path
    prefix = urlsplit(settings.MEDIA_URL).path
    if not path.startswith(prefix):
        return None
    name = path[len(prefix) :]
    return name or None


class MediaCopier:
    """Copies each stored file once per event copy (several renditions may share a file)."""

    def __init__(self, new_identifier):
        self.folder = f"copies/{new_identifier}"
        self.copied = {}
        self.saved = []

    def copy_url(self, url):
        name = media_name(url)
        if name is None or not default_storage.exists(name):
            return url  # external URL, or nothing stored behind it: nothing to duplicate
        if name not in self.copied:
            target = posixpath.join(self.folder, uuid.uuid4().hex[:8], posixpath.basename(name))
            try:
                with default_storage.open(name, "rb") as source:
                    new_name = default_storage.save(target, source)
            except OSError as exc:
                raise DomainError(
                    f"The stored file {name} could not be copied ({exc.__class__.__name__}); nothing was copied.",
                    status=503,
                    code="storage_unavailable",
                )
            self.saved.append(new_name)
            self.copied[name] = new_name
        new_url = default_storage.url(self.copied[name])
        parts = urlsplit(url)
        if parts.scheme and parts.netloc and not urlsplit(new_url).netloc:
            new_url = urlunsplit((parts.scheme, parts.netloc, urlsplit(new_url).path, "", ""))
        return new_url

    def discard(self):
        for name in self.saved:
            default_storage.delete(name)


def _clone(instance, media, **overrides):
    """An unsaved copy of `instance` with its own media and `overrides` (by column name: `track_id`)."""
    model = type(instance)
    values = {}
    for field in model._meta.concrete_fields:
        if field.name in RESET_FIELDS or field.primary_key:
            continue
        values[field.attname] = getattr(instance, field.attname)
    for field in MEDIA_FIELDS.get(model, ()):
        values[field] = media.copy_url(values[field])
    values.update(overrides)
    return model(**values)


def _copy_rows(queryset, new_event, media, **overrides):
    """Copies every row; returns {old id: new object}."""
    mapping = {}
    for row in queryset:
        copy = _clone(row, media, event_id=new_event.pk, **overrides)
        copy.save()
        mapping[row.pk] = copy
    return mapping


def _new_id(mapping, old_id):
    copy = mapping.get(old_id)
    return copy.pk if copy is not None else None


def event_copy(*, actor, event):
    media = MediaCopier(generate_identifier())
    try:
        with transaction.atomic():
            return _event_copy(actor, event, media)
    except BaseException:
        media.discard()  # the rows are rolled back; do not leave their files behind
        raise


def _event_copy(actor, event, media):
    from tickets.models import Ticket

    event = Event.objects.select_for_update().get(pk=event.pk)
    new_event = _clone(
        event,
        media,
        identifier=generate_identifier(),
        owner_id=actor.pk,
        state=Event.State.DRAFT,
        schedule_published_on=None,
        # platform promotion is the admins' decision per event; the Stripe link is not copied
        is_featured=False,
        is_promoted=False,
        is_demoted=False,
        is_stripe_linked=False,
    )
    new_event.save()

    _copy_rows(Ticket.objects.filter(event=event, deleted_at__isnull=True), new_event, media, discount_code_id=None)
    tracks = _copy_rows(Track.objects.filter(event=event, deleted_at__isnull=True), new_event, media)
    session_types = _copy_rows(SessionType.objects.filter(event=event, deleted_at__isnull=True), new_event, media)
    microlocations = _copy_rows(Microlocation.objects.filter(event=event, deleted_at__isnull=True), new_event, media)
    speakers = _copy_rows(Speaker.objects.filter(event=event, deleted_at__isnull=True), new_event, media)
    for session in Session.objects.filter(event=event, deleted_at__isnull=True).prefetch_related("speakers"):
        copy = _clone(
            session,
            media,
            event_id=new_event.pk,
            track_id=_new_id(tracks, session.track_id),
            session_type_id=_new_id(session_types, session.session_type_id),
            microlocation_id=_new_id(microlocations, session.microlocation_id),
            average_rating=0,  # feedback and favourites stay with the original
            favourite_count=0,
        )
        copy.save()
        copy.speakers.set([speakers[s.pk] for s in session.speakers.all() if s.pk in speakers])
    _copy_rows(Sponsor.objects.filter(event=event, deleted_at__isnull=True), new_event, media)
    _copy_rows(SocialLink.objects.filter(event=event, deleted_at__isnull=True), new_event, media)
    _copy_rows(CustomForm.objects.filter(event=event), new_event, media)
    faq_types = _copy_rows(FaqType.objects.filter(event=event), new_event, media)
    for faq in Faq.objects.filter(event=event, deleted_at__isnull=True):
        _clone(faq, media, event_id=new_event.pk, faq_type_id=_new_id(faq_types, faq.faq_type_id)).save()

    UsersEventsRoles.objects.get_or_create(user=actor, event=new_event, role=Role.objects.get(name=Role.ORGANIZER))
    return new_event
