"""Event background image: decode an upload, verify it with Pillow, store three sizes, point the event at them.

Accepted input: an uploaded file (multipart) or a `data:image/...;base64,` URL (what Croppie returns).
Rejected with a DomainError (→ a JSON error the wizard shows): payloads over `settings.MAX_UPLOAD_SIZE`,
anything Pillow cannot read as PNG/JPEG/GIF/WebP, and images over `settings.MAX_IMAGE_PIXELS` pixels
(decompression bombs), checked from the header before any pixel is decoded.
"""

import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from events.services import event_update
from eventyay import uploads

FIELD = "bgimage"
#: stored renditions: event field → longest side in pixels (None keeps the original size)
RENDITIONS = {"original_image_url": None, "large_image_url": 1280, "thumbnail_image_url": 500}
IMAGE_FIELDS = tuple(RENDITIONS)


def read_upload(*, uploaded_file=None, data_url=None):
    return uploads.read_upload(
        uploaded_file=uploaded_file, data_url=data_url, field=FIELD, missing="Choose an image to upload.", noun="image"
    )


def decode_image(raw):
    return uploads.decode_image(raw, field=FIELD)


def _stored_name(url):
    """The storage name behind one of our own URLs (None for URLs we did not store)."""
    media = settings.MEDIA_URL
    path = url.split("?", 1)[0]
    marker = path.find(media)
    if marker == -1:
        return None
    name = path[marker + len(media) :]
    return name if name.startswith("events/") else None


def _remove_files(urls):
    for url in urls:
        name = _stored_name(url) if url else None
        if name:
            try:
                default_storage.delete(name)
            except OSError:
                pass


def event_background_set(*, actor, event, uploaded_file=None, data_url=None, absolute_url=None):
    """Verify and store the background image of `event`; returns the updated event. `absolute_url` (the
    request's `build_absolute_uri`) turns the storage's URLs absolute, as API clients on other origins and
    the URL fields' validation need."""
    image = decode_image(read_upload(uploaded_file=uploaded_file, data_url=data_url))
    folder = f"events/{event.identifier}/background/{uuid.uuid4().hex}"
    stored, urls = [], {}
    try:
        for field, longest_side in RENDITIONS.items():
            content, extension = uploads.encode_image(image, longest_side=longest_side)
            name = default_storage.save(
                f"{folder}/{field.removesuffix('_image_url')}.{extension}", ContentFile(content)
            )
            stored.append(name)
            url = default_storage.url(name)
            urls[field] = absolute_url(url) if absolute_url else url
        old = [getattr(event, field) for field in IMAGE_FIELDS]
        with transaction.atomic():
            event = event_update(actor=actor, instance=event, data=urls)
            transaction.on_commit(lambda: _remove_files(old))
    except Exception:
        for name in stored:
            default_storage.delete(name)
        raise
    return event


def event_background_remove(*, actor, event):
    """Forget the background image of `event` and delete its stored files."""
    old = [getattr(event, field) for field in IMAGE_FIELDS]
    with transaction.atomic():
        event = event_update(actor=actor, instance=event, data=dict.fromkeys(IMAGE_FIELDS, ""))
        transaction.on_commit(lambda: _remove_files(old))
    return event
