"""A small HTTP client for the live server: status, headers and body of every answer, errors included."""

import json
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from http.cookiejar import CookieJar

JSONAPI = "application/vnd.api+json"


@dataclass
class Answer:
    status: int
    headers: dict = field(default_factory=dict)
    content: bytes = b""

    @property
    def json(self):
        try:
            return json.loads(self.content.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return None

    def error_detail(self, limit=200):
        """The first JSON:API error's detail (or title), else the start of the body."""
        body = self.json
        if isinstance(body, dict) and isinstance(body.get("errors"), list) and body["errors"]:
            first = body["errors"][0] if isinstance(body["errors"][0], dict) else {}
            pointer = (first.get("source") or {}).get("pointer") or (first.get("source") or {}).get("parameter")
            text = first.get("detail") or first.get("title") or ""
            return (f"{pointer}: {text}" if pointer else str(text))[:limit]
        return self.content[:limit].decode("utf-8", "replace").strip()


class Http:
    """Requests against one base URL; each instance keeps its own cookies (a browser-like session)."""

    def __init__(self, base, timeout=30):
        self.base = base.rstrip("/")
        self.timeout = timeout
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def send(self, method, path, body=None, headers=None):
        url = path if path.startswith("http") else self.base + (path if path.startswith("/") else "/" + path)
        request = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}))
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                return Answer(response.status, dict(response.headers.items()), response.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, dict(error.headers.items()), error.read())
        except OSError as error:  # the server went away or timed out: a finding, not a crash
            return Answer(599, {}, f"connection failed: {error}".encode())

    def json(self, method, path, document=None, token=None, content_type=JSONAPI, accept=JSONAPI):
        headers = {"Accept": accept}
        if token:
            headers["Authorization"] = f"JWT {token}"
        body = None
        if document is not None:
            body = json.dumps(document).encode()
            headers["Content-Type"] = content_type
        return self.send(method, path, body, headers)


def multipart(fields, files):
    """A multipart/form-data body: fields {name: value}, files {name: (filename, content_type, bytes)}."""
    boundary = "----blueprint" + uuid.uuid4().hex
    lines = []
    for name, value in fields.items():
        lines += [
            f"--{boundary}".encode(),
            f'Content-Disposition: form-data; name="{name}"'.encode(),
            b"",
            str(value).encode(),
        ]
    for name, (filename, content_type, content) in files.items():
        lines += [
            f"--{boundary}".encode(),
            f'Content-Disposition: form-data; name="{name}"; filename="{filename}"'.encode(),
            f"Content-Type: {content_type}".encode(),
            b"",
            content,
        ]
    lines += [f"--{boundary}--".encode(), b""]
    return b"\r\n".join(lines), f"multipart/form-data; boundary={boundary}"
