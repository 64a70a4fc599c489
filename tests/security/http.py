"""A small HTTP client for the black-box tier (the standard library only): JSON in, status/headers/body out."""

import json
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

JSONAPI = "application/vnd.api+json"


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body)

    def header(self, name, default=None):
        return self.headers.get(name.lower(), default)


class Http:
    """`Http(base).login(email, password)` → a client sending `Authorization: JWT <token>`."""

    def __init__(self, base, token=None):
        self.base = base.rstrip("/")
        self.token = token

    def login(self, email, password):
        answer = self.post("/v1/auth/login", {"email": email, "password": password}, content_type="application/json")
        assert answer.status == 200, answer.body
        return Http(self.base, answer.json()["access_token"])

    def request(self, method, path, body=None, *, content_type=JSONAPI, headers=None, timeout=60):
        data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
        merged = {"Accept": JSONAPI}
        if data is not None:
            merged["Content-Type"] = content_type
        if self.token:
            merged["Authorization"] = f"JWT {self.token}"
        merged.update(headers or {})
        url = path if path.startswith("http") else self.base + path
        request = urllib.request.Request(url, data=data, method=method, headers=merged)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return Answer(response.status, _headers(response), response.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, _headers(error), error.read())

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, body=None, **kwargs):
        return self.request("POST", path, body if body is not None else {}, **kwargs)

    def patch(self, path, body=None, **kwargs):
        return self.request("PATCH", path, body if body is not None else {}, **kwargs)

    def multipart(self, path, field, filename, content, content_type="application/octet-stream"):
        boundary = "----eventyay-security-boundary"
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
                f"Content-Type: {content_type}\r\n\r\n"
            ).encode()
            + content
            + f"\r\n--{boundary}--\r\n".encode()
        )
        return self.request("POST", path, body, content_type=f"multipart/form-data; boundary={boundary}")


def _headers(response):
    return {k.lower(): v for k, v in response.headers.items()}


def raw_request(base, head, body=b"", timeout=30):
    """Send raw request bytes (a declared Content-Length larger than what is sent, say) and read the answer's
    status line and body as far as the server sends them."""
    parts = urlsplit(base)
    with socket.create_connection((parts.hostname, parts.port), timeout=timeout) as sock:
        sock.sendall(head.encode() + body)
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except (TimeoutError, ConnectionResetError):
                break
            if not chunk:
                break
            chunks.append(chunk)
            if b"\r\n\r\n" in b"".join(chunks) and _complete(b"".join(chunks)):
                break
    raw = b"".join(chunks)
    head_part, _, rest = raw.partition(b"\r\n\r\n")
    status = int(head_part.split(b" ", 2)[1]) if head_part else 0
    return status, rest


def _complete(raw):
    head, _, rest = raw.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return len(rest) >= int(line.split(b":", 1)[1])
    return False


class Dashboard:
    """A signed-in browser without a browser: session and CSRF cookies, form posts with the CSRF token."""

    def __init__(self, base):
        import http.cookiejar

        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def _send(self, method, path, fields=None):
        from urllib.parse import urlencode

        data = urlencode(fields, doseq=True).encode() if fields is not None else None
        headers = {"Content-Type": "application/x-www-form-urlencoded"} if data is not None else {}
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with self.opener.open(request, timeout=60) as response:
                return Answer(response.status, _headers(response), response.read())
        except urllib.error.HTTPError as error:
            return Answer(error.code, _headers(error), error.read())

    def csrf(self):
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def get(self, path):
        return self._send("GET", path)

    def post(self, path, fields):
        return self._send("POST", path, {**fields, "csrfmiddlewaretoken": self.csrf()})

    def with_session(self, user):
        """Signed in as `user` (a session made in this process, in the shared database), CSRF cookie fetched."""
        import http.cookiejar

        from django.test import Client

        client = Client()
        client.force_login(user)
        host = urlsplit(self.base).hostname
        value = client.cookies["sessionid"].value
        self.jar.set_cookie(
            http.cookiejar.Cookie(
                0, "sessionid", value, None, False, host, False, False, "/", True, False, None, False, None, None, {}
            )
        )
        self.get("/dashboard")
        return self


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
