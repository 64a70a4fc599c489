"""Permission-matrix rows for /v1/pages (anyone reads, admins write) and /v1/settings (anyone reads the public
part, super admins write)."""

from tests.conftest import resource
from tests.factories import PageFactory
from tests.matrix import Row, expect


def rows(world):
    page = PageFactory()
    body = {"name": "Matrix page", "url": "/matrix", "description": "<p>x</p>", "place": "footer"}
    return [
        Row("GET", "/v1/pages", expect(200)),
        Row("POST", "/v1/pages", expect(403, anonymous=401, admin=201, super_admin=201), body=resource("page", body)),
        Row("GET", f"/v1/pages/{page.pk}", expect(200)),
        Row(
            "PATCH",
            f"/v1/pages/{page.pk}",
            expect(403, anonymous=401, admin=200, super_admin=200),
            body=resource("page", {"title": "New"}, id=page.pk),
        ),
        Row("DELETE", f"/v1/pages/{page.pk}", expect(403, anonymous=401, admin=200, super_admin=200)),
        # a page has no relationships: both generic routes answer 404 for any name
        Row("GET", f"/v1/pages/{page.pk}/event", expect(404), name="no such relationship"),
        Row("GET", f"/v1/pages/{page.pk}/relationships/event", expect(404), name="no such relationship"),
        # settings
        Row("GET", "/v1/settings?cache=true&public=true", expect(200)),
        Row("GET", "/v1/settings/1", expect(200)),
        Row(
            "PATCH",
            "/v1/settings/1",
            expect(403, anonymous=401, super_admin=200),
            body=resource("setting", {"app-name": "Matrix"}, id=1),
        ),
        Row(
            "PATCH",
            "/v1/settings",
            expect(403, anonymous=401, super_admin=200),
            body=resource("setting", {"tagline": None}, id=1),
        ),
        Row("GET", "/v1/settings/1/anything", expect(404), name="no such relationship"),
        Row("GET", "/v1/settings/1/relationships/anything", expect(404), name="no such relationship"),
    ]
