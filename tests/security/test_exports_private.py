"""Exports are private (issue 10, item 13): the zip of an event is downloadable only through a signed link that
expires and that works only while its user may export the event — never a public /media/ URL that lives
forever — and a failed task never shows a server path."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing

from roles.models import Role, UsersEventsRoles
from tests.factories import EventFactory, UserFactory
from tests.servers import needs_postgres_and_redis

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True), needs_postgres_and_redis]


class LongAgoSigner(signing.TimestampSigner):
    """Signs as if two days ago: an expired link."""

    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 2 * 24 * 3600)


def finished(client, task_url):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        state = client.get(task_url).json()
        if state["state"] in ("SUCCESS", "FAILURE"):
            return state
        time.sleep(0.3)
    raise AssertionError(f"{task_url} did not finish")


def export(client, event, **options):
    answer = client.post(f"/v1/events/{event.pk}/export/json", options, content_type="application/json")
    assert answer.status == 200, answer.body
    return answer.json()["task_url"], finished(client, answer.json()["task_url"])


def test_an_export_is_downloaded_only_through_a_valid_signed_link(sign_in, http, live_media):
    organizer = UserFactory()
    event = EventFactory(name="Private Summit")
    role = UsersEventsRoles.objects.create(user=organizer, event=event, role=Role.objects.get(name="organizer"))
    client = sign_in(organizer)
    task_url, state = export(client, event)
    assert state["state"] == "SUCCESS", state
    link = state["result"]["download_url"]
    assert "/media/" not in link
    assert [p for p in live_media["media"].rglob("*.zip")] == []  # nothing public on disk either

    answer = http.get(link)  # the link is the credential (a browser opens it without a token header)
    assert answer.status == 200
    assert answer.header("content-disposition").startswith("attachment")
    assert answer.body[:2] == b"PK"

    from events.transfer.downloads import SALT

    path = urlsplit(link).path
    token = parse_qs(urlsplit(link).query)["token"][0]
    claims = signing.TimestampSigner(salt=SALT).unsign_object(token)
    forged = signing.TimestampSigner(salt="something else").sign_object(claims)
    expired = LongAgoSigner(salt=SALT).sign_object(claims)
    for probe in (path, f"{path}?token={token[:-2]}xx", f"{path}?token={forged}", f"{path}?token={expired}"):
        assert http.get(probe).status == 404, probe
    other_task = path.replace(claims["t"], "0" * len(claims["t"]))
    assert http.get(f"{other_task}?token={token}").status == 404

    assert sign_in(UserFactory()).get(task_url).status == 404  # nobody else even sees the task
    role.delete()  # the organizer leaves the team: the link dies with the right to export
    assert http.get(link).status == 404


def test_a_failed_export_shows_no_server_path(sign_in, live_media):
    organizer = UserFactory()
    # a stored image URL that climbs out of the media directory: the export trips over it
    event = EventFactory(logo_url="http://127.0.0.1/media/../../../../etc/hostname")
    UsersEventsRoles.objects.create(user=organizer, event=event, role=Role.objects.get(name="organizer"))
    _, state = export(sign_in(organizer), event, image=True)
    assert state["state"] == "FAILURE"
    assert str(live_media["media"]) not in state["result"] and "/" not in state["result"], state["result"]
