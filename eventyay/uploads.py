"""Uploads: read, verify and store images and files. Used by the wizard's background image and `/v1/upload/*`.

Every check raises a DomainError (→ a JSON:API error document): payloads over `settings.MAX_UPLOAD_SIZE`
(413), data URLs that are not base64, images Pillow cannot read or that exceed `settings.MAX_IMAGE_PIXELS`
(decompression bombs, checked from the header before any pixel is decoded), files whose extension is not on
the allow-list. Stored names are generated (a random folder and a sanitized base name): a client's file name
never chooses a path.
"""

import base64
import binascii
import io
import posixpath
import uuid
import warnings

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from PIL import Image, UnidentifiedImageError

from eventyay.errors import DomainError

ALLOWED_IMAGE_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}
#: what /v1/upload/file and the event import accept, by extension (never HTML, SVG or scripts)
ALLOWED_FILE_EXTENSIONS = {
    "pdf", "doc", "docx", "odt", "ppt", "pptx", "odp", "xls", "xlsx", "ods", "txt", "csv", "md",
    "png", "jpg", "jpeg", "gif", "webp", "mp3", "ogg", "wav", "mp4", "webm", "zip",
}  # fmt: skip
IMAGE_EXTENSIONS = {"png", "jpg", "jpeg", "gif", "webp"}


def too_large(field=None, noun="upload"):
    limit = filesizeformat(settings.MAX_UPLOAD_SIZE).replace("\xa0", " ")
    return DomainError(f"The {noun} is larger than {limit}.", field=field, status=413, code="too_large")


def read_upload(*, uploaded_file=None, data_url=None, field=None, missing="Choose a file to upload.", noun="upload"):
    """The raw bytes of an uploaded file or a `data:…;base64,` URL, size-checked."""
    limit = settings.MAX_UPLOAD_SIZE
    if uploaded_file is not None:
        if uploaded_file.size > limit:
            raise too_large(field, noun)
        return uploaded_file.read()
    if not data_url or not isinstance(data_url, str):
        raise DomainError(missing, field=field, code="required")
    if len(data_url) > limit * 4 // 3 + 1024:  # base64 grows by a third
        raise too_large(field, noun)
    header, sep, payload = data_url.partition(",")
    if not sep or not header.startswith("data:") or not header.endswith(";base64"):
        raise DomainError("The upload must be a base64 data URL or a file.", field=field)
    try:
        raw = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise DomainError("The image data is not valid base64.", field=field)
    if len(raw) > limit:
        raise too_large(field, noun)
    return raw


def decode_image(raw, *, field=None):
    """A fully loaded, verified Pillow image from `raw`, or a DomainError saying why not."""
    max_pixels = settings.MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(raw))
            if probe.format not in ALLOWED_IMAGE_FORMATS:
                raise DomainError("Upload a PNG, JPEG, GIF or WebP image.", field=field, code="invalid_image")
            width, height = probe.size
            if width * height > max_pixels:
                raise _bomb(field, width, height)
            probe.verify()  # structural check; the object is unusable afterwards
            image = Image.open(io.BytesIO(raw))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _bomb(field)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise DomainError("The file is not a readable image.", field=field, code="invalid_image")
    return image


def _bomb(field, width=None, height=None):
    size = f"{width}×{height} pixels; " if width else ""
    return DomainError(
        f"The image has too many pixels ({size}at most {settings.MAX_IMAGE_PIXELS:,}).",
        field=field,
        code="too_many_pixels",
    )


def encode_image(image, *, longest_side=None, keep_transparency=False):
    """Re-encode (which also drops metadata and anything appended to the file): PNG when transparency is
    kept and present, JPEG otherwise. Returns (bytes, extension)."""
    rendition = image.copy()
    if longest_side and max(rendition.size) > longest_side:
        rendition.thumbnail((longest_side, longest_side), Image.Resampling.LANCZOS)
    has_alpha = rendition.mode in ("RGBA", "LA", "P")
    out = io.BytesIO()
    if keep_transparency and has_alpha:
        rendition.convert("RGBA").save(out, format="PNG", optimize=True)
        return out.getvalue(), "png"
    if rendition.mode not in ("RGB", "L"):
        rendition = rendition.convert("RGBA")
        flat = Image.new("RGB", rendition.size, (255, 255, 255))
        flat.paste(rendition, mask=rendition.getchannel("A"))
        rendition = flat
    rendition.save(out, format="JPEG", quality=88, optimize=True)
    return out.getvalue(), "jpg"


def storage_for(force_local=False):
    return FileSystemStorage() if force_local else default_storage


def store_bytes(content, *, folder, name, force_local=False):
    """Save `content` under `<folder>/<random>/<name>`; returns (storage name, URL)."""
    storage = storage_for(force_local)
    stored = storage.save(posixpath.join(folder, uuid.uuid4().hex, name), ContentFile(content))
    return stored, storage.url(stored)


def safe_name(client_name, default="file"):
    """A harmless base name from what the client called the file (no directories, no odd characters)."""
    base = posixpath.basename(str(client_name or "").replace("\\", "/")).strip()
    try:
        cleaned = get_valid_filename(base)
    except Exception:  # Django raises SuspiciousFileOperation for names like '..'
        cleaned = ""
    cleaned = cleaned.lstrip(".")[:120]
    return cleaned or default


def extension_of(name):
    return name.rsplit(".", 1)[1].lower() if "." in name else ""


def store_image_upload(*, data_url, force_local=False, field=None):
    """A verified, re-encoded image from a data URL; returns its URL."""
    image = decode_image(read_upload(data_url=data_url, field=field, missing="Send the image as `data`."), field=field)
    content, extension = encode_image(image, keep_transparency=True)
    return store_bytes(content, folder="uploads/images", name=f"image.{extension}", force_local=force_local)[1]


#: plain-text types: any bytes are fine (they are served as text or as a download, never as a page)
TEXT_EXTENSIONS = {"txt", "csv", "md"}
#: leading bytes of markup a browser could render as a page (after optional whitespace and a BOM)
MARKUP_STARTS = (b"<!doctype", b"<html", b"<svg", b"<?xml", b"<script", b"<head", b"<body", b"<iframe", b"<")


def check_extension(name, *, field=None):
    extension = extension_of(name)
    if extension not in ALLOWED_FILE_EXTENSIONS:
        allowed = ", ".join(sorted(ALLOWED_FILE_EXTENSIONS))
        raise DomainError(
            f"Files of type .{extension or '?'} are not accepted. Allowed: {allowed}.", field=field, code="file_type"
        )
    return extension


def check_file_bytes(name, raw, *, field=None):
    """`raw` may be stored as the file `name`: an allowed extension, not over the size limit, a real image
    behind an image extension, a PDF behind .pdf, and no markup disguised as a binary type (HTML, SVG or
    script content a browser might sniff). The one allow-list of uploads and imports."""
    extension = check_extension(name, field=field)
    if len(raw) > settings.MAX_UPLOAD_SIZE:
        raise too_large(field)
    if extension in IMAGE_EXTENSIONS:
        decode_image(raw, field=field)  # an image extension must hold a real image
    elif extension not in TEXT_EXTENSIONS:
        head = raw[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if (extension == "pdf" and not head.startswith(b"%pdf-")) or head.startswith(MARKUP_STARTS):
            raise DomainError(
                f"The content of this file is not a .{extension} file.", field=field, code="file_type"
            )
    return raw


def check_file_upload(uploaded_file, *, field=None):
    """The upload's bytes if it may be stored (see `check_file_bytes`)."""
    name = safe_name(uploaded_file.name)
    check_extension(name, field=field)
    raw = read_upload(uploaded_file=uploaded_file, field=field)
    uploaded_file.seek(0)
    return check_file_bytes(name, raw, field=field)


def store_file_upload(uploaded_file, *, force_local=False, field=None):
    """A checked upload stored under a generated path; returns its URL."""
    raw = check_file_upload(uploaded_file, field=field)
    name = safe_name(uploaded_file.name)
    return store_bytes(raw, folder="uploads/files", name=name, force_local=force_local)[1]
