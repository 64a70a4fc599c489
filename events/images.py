"""Event background image: decode an upload, verify it with Pillow, store three sizes, point the event at them.

Accepted input: an uploaded file (multipart) or a `data:image/...;base64,` URL (what Croppie returns).
Rejected with a DomainError (→ a JSON error the wizard shows): payloads over `settings.MAX_UPLOAD_SIZE`,
anything Pillow cannot read as PNG/JPEG/GIF/WebP, and images over `settings.MAX_IMAGE_PIXELS` pixels
(decompression bombs), checked from the header before any pixel is decoded.
"""

import base64
import binascii
import io
import uuid
import warnings

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

from events.services import event_update
from eventyay.errors import DomainError

FIELD = "bgimage"
ALLOWED_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}
#: stored renditions: event field → longest side in pixels (None keeps the original size)
RENDITIONS = {"original_image_url": None, "large_image_url": 1280, "thumbnail_image_url": 500}
IMAGE_FIELDS = tuple(RENDITIONS)


def _too_large():
    limit = filesizeformat(settings.MAX_UPLOAD_SIZE).replace("\xa0", " ")
    return DomainError(f"The image is larger than {limit}.", field=FIELD, status=413, code="too_large")


def read_upload(*, uploaded_file=None, data_url=None):
    """The raw bytes of the upload, size-checked. Exactly one of the two arguments is expected."""
    limit = settings.MAX_UPLOAD_SIZE
    if uploaded_file is not None:
        if uploaded_file.size > limit:
            raise _too_large()
        return uploaded_file.read()
    if not data_url:
        raise DomainError("Choose an image to upload.", field=FIELD, code="required")
    if len(data_url) > limit * 4 // 3 + 1024:  # base64 grows by a third
        raise _too_large()
    header, sep, payload = data_url.partition(",")
    if not sep or not header.startswith("data:") or not header.endswith(";base64"):
        raise DomainError("The image must be a base64 data URL or a file.", field=FIELD)
    try:
        raw = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise DomainError("The image data is not valid base64.", field=FIELD)
    if len(raw) > limit:
        raise _too_large()
    return raw


def decode_image(raw):
    """A fully loaded, verified Pillow image from `raw`, or a DomainError saying why not."""
    max_pixels = settings.MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(raw))
            if probe.format not in ALLOWED_FORMATS:
                raise DomainError("Upload a PNG, JPEG, GIF or WebP image.", field=FIELD, code="invalid_image")
            width, height = probe.size
            if width * height > max_pixels:
                raise _bomb(width, height)
            probe.verify()  # structural check; the object is unusable afterwards
            image = Image.open(io.BytesIO(raw))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _bomb()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise DomainError("The file is not a readable image.", field=FIELD, code="invalid_image")
    return image


def _bomb(width=None, height=None):
    size = f"{width}×{height} pixels; " if width else ""
    return DomainError(
        f"The image has too many pixels ({size}at most {settings.MAX_IMAGE_PIXELS:,}).",
        field=FIELD,
        code="too_many_pixels",
    )


def _encode(image, longest_side):
    rendition = image.copy()
    if longest_side and max(rendition.size) > longest_side:
        rendition.thumbnail((longest_side, longest_side), Image.Resampling.LANCZOS)
    if rendition.mode not in ("RGB", "L"):
        rendition = rendition.convert("RGBA")
        flat = Image.new("RGB", rendition.size, (255, 255, 255))
        flat.paste(rendition, mask=rendition.getchannel("A"))
        rendition = flat
    out = io.BytesIO()
    rendition.save(out, format="JPEG", quality=88, optimize=True)
    return out.getvalue()


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


def event_background_set(*, actor, event, uploaded_file=None, data_url=None):
    """Verify and store the background image of `event`; returns the updated event."""
    image = decode_image(read_upload(uploaded_file=uploaded_file, data_url=data_url))
    folder = f"events/{event.identifier}/background/{uuid.uuid4().hex}"
    stored, urls = [], {}
    try:
        for field, longest_side in RENDITIONS.items():
            name = default_storage.save(
                f"{folder}/{field.removesuffix('_image_url')}.jpg", ContentFile(_encode(image, longest_side))
            )
            stored.append(name)
            urls[field] = default_storage.url(name)
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
