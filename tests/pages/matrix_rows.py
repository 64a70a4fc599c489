"""Permission-matrix rows for /v1/pages (anyone reads, admins write)."""

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
    ]
