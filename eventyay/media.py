"""Serving user-supplied files under MEDIA_URL (embedded mode; S3-compatible storage serves its own URLs) so a
browser never treats one as active content on this origin:

* raster images (PNG, JPEG, GIF, WebP), audio and video are sent inline with their type;
* anything else — PDFs, documents, text, and HTML, SVG or scripts should such a file ever get there — is an
  attachment (a download, never a page), and types a browser could run are sent as `application/octet-stream`;
* every answer carries `X-Content-Type-Options: nosniff` (the declared type is final) and a
  Content-Security-Policy that forbids scripts, plugins and framing and sandboxes the document.

A proxy serving MEDIA_ROOT itself (nginx) should send the same headers; see the README.
"""

import mimetypes
import posixpath

from django.conf import settings
from django.views.static import serve

INLINE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}
INLINE_PREFIXES = ("audio/", "video/")
#: types a browser may execute or render as a document: never sent as themselves
ACTIVE_TYPES = {
    "text/html",
    "application/xhtml+xml",
    "image/svg+xml",
    "text/xml",
    "application/xml",
    "text/javascript",
    "application/javascript",
    "application/x-javascript",
    "text/xsl",
    "application/x-shockwave-flash",
}
MEDIA_CSP = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; sandbox"


def media_headers(response, path):
    """Set the headers above on a response that serves the stored file `path`."""
    content_type = (response.get("Content-Type") or "").split(";")[0].strip().lower()
    if not content_type:
        content_type = (mimetypes.guess_type(path)[0] or "application/octet-stream").lower()
    inline = content_type in INLINE_TYPES or content_type.startswith(INLINE_PREFIXES)
    if content_type in ACTIVE_TYPES or content_type.startswith("text/html"):
        response["Content-Type"] = "application/octet-stream"
    if not inline:
        name = posixpath.basename(path).replace('"', "").replace("\\", "") or "download"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_CSP
    return response


def serve_media(request, path):
    """`MEDIA_URL<path>` from MEDIA_ROOT (read per request: tests override it), with the headers above."""
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    return media_headers(response, path)
