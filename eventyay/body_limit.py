"""ASGI middleware: an HTTP request body larger than `settings.MAX_REQUEST_SIZE` is refused with a 413 JSON:API
error before Django reads it (Django's ASGI handler would otherwise spool any size to disk first).

A `Content-Length` over the limit is refused at once; a body sent without one (chunked) is counted as it
arrives and refused as soon as it passes the limit. Smaller bodies then meet Django's own limits
(`DATA_UPLOAD_MAX_MEMORY_SIZE` → 413 as well, see `eventyay.api.exceptions`) and the upload checks.
"""

import json

from django.conf import settings
from django.template.defaultfilters import filesizeformat


def _too_large_body():
    limit = filesizeformat(settings.MAX_REQUEST_SIZE).replace("\xa0", " ")
    error = {
        "status": "413",
        "title": "Content Too Large",
        "detail": f"The request body is larger than {limit}.",
        "code": "too_large",
    }
    return json.dumps({"errors": [error], "jsonapi": {"version": "1.0"}}).encode()


async def _send_413(send):
    body = _too_large_body()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/vnd.api+json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class RequestSizeLimit:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = settings.MAX_REQUEST_SIZE
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None and declared.strip().isdigit() and int(declared) > limit:
            return await _send_413(send)
        received = 0
        refused = False

        async def counting_receive():
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request" and not refused:
                received += len(message.get("body", b""))
                if received > limit:
                    refused = True
                    await _send_413(send)
                    return {"type": "http.disconnect"}  # Django stops reading and answers nothing more
            return message

        async def guarded_send(message):
            if not refused:
                await send(message)

        return await self.app(scope, counting_receive, guarded_send)
