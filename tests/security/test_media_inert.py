"""No user-supplied file is active content on our origin (issue 10, item 7): whatever lies under /media/ — an
upload, an import, or a file that got there some other way — a browser never renders it as a page: images are
inline, everything else is an attachment; every answer says `nosniff` and carries a script-free sandboxing
Content-Security-Policy. The dashboard's own pages send a CSP too."""

import pytest

from tests.factories import UserFactory
from tests.images import png_bytes
from tests.servers import needs_postgres_and_redis

pytestmark = [pytest.mark.integration, needs_postgres_and_redis]


def assert_inert(answer, *, inline):
    assert answer.status == 200
    assert answer.header("x-content-type-options") == "nosniff"
    policy = answer.header("content-security-policy", "")
    assert "default-src 'none'" in policy and "sandbox" in policy and "script-src" not in policy
    disposition = answer.header("content-disposition", "")
    assert disposition.startswith("attachment") != inline, disposition


@pytest.mark.django_db(transaction=True)
def test_uploaded_text_with_markup_is_a_download_and_an_image_stays_inline(sign_in, http, live_media):
    client = sign_in(UserFactory())
    page = b"<html><body><script>alert(document.cookie)</script></body></html>"
    url = client.multipart("/v1/upload/files", "file", "notes.txt", page, "text/html").json()["url"]
    answer = http.get(url)
    assert_inert(answer, inline=False)
    assert not answer.header("content-type").startswith("text/html")

    url = client.multipart("/v1/upload/files", "file", "photo.png", png_bytes(8, 8), "image/png").json()["url"]
    answer = http.get(url)
    assert_inert(answer, inline=True)
    assert answer.header("content-type") == "image/png"


def test_active_files_already_under_media_are_never_served_as_pages(http, live_media):
    folder = live_media["media"] / "legacy"
    folder.mkdir(exist_ok=True)
    files = {
        "page.html": b"<script>alert(1)</script>",
        "image.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "code.js": b"alert(1)",
        "doc.xml": b"<?xml version='1.0'?><x/>",
        "paper.pdf": b"%PDF-1.4",
    }
    for name, content in files.items():
        (folder / name).write_bytes(content)
    for name in files:
        answer = http.get(f"/media/legacy/{name}")
        assert_inert(answer, inline=False)
        assert answer.header("content-type").split(";")[0] in ("application/octet-stream", "application/pdf"), name


def test_dashboard_pages_send_a_content_security_policy(http):
    answer = http.get("/login", headers={"Accept": "text/html"})
    assert answer.status == 200
    policy = answer.header("content-security-policy", "")
    assert "script-src 'self'" in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-eval'" not in policy and "script-src 'self' 'unsafe-inline'" not in policy
