"""`POST|DELETE /events/<id>/files/bgimage`: verified, stored, permission-checked, CSRF-protected."""

import base64
import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from roles.models import Role
from tests.dashboard.conftest import grant, signed_in
from tests.factories import UserFactory
from tests.images import bomb_png, png_bytes

pytestmark = pytest.mark.django_db


def upload_url(event):
    return f"/events/{event.identifier}/files/bgimage"


def png_file(data=None, name="crop.png"):
    return SimpleUploadedFile(name, data if data is not None else png_bytes(), content_type="image/png")


def stored_path(media_root, url):
    return media_root / url.split("/media/", 1)[1]


def test_upload_stores_three_renditions_and_sets_the_event_urls(organizer_client, event, media_root):
    response = organizer_client.post(upload_url(event), {"bgimage": png_file(png_bytes(2000, 1000))})
    assert response.status_code == 201
    body = response.json()
    event.refresh_from_db()
    assert body == {
        "original-image-url": event.original_image_url,
        "large-image-url": event.large_image_url,
        "thumbnail-image-url": event.thumbnail_image_url,
    }
    sizes = {}
    for field in ("original_image_url", "large_image_url", "thumbnail_image_url"):
        url = getattr(event, field)
        assert url.startswith(f"http://testserver/media/events/{event.identifier}/background/")
        with Image.open(stored_path(media_root, url)) as image:
            assert image.format == "JPEG"
            sizes[field] = image.size
    assert sizes == {
        "original_image_url": (2000, 1000),
        "large_image_url": (1280, 640),
        "thumbnail_image_url": (500, 250),
    }
    assert organizer_client.get(event.thumbnail_image_url).status_code == 200


def test_upload_accepts_a_croppie_data_url(organizer_client, event, media_root):
    data_url = "data:image/png;base64," + base64.b64encode(png_bytes()).decode()
    response = organizer_client.post(upload_url(event), {"bgimage": data_url})
    assert response.status_code == 201
    event.refresh_from_db()
    assert stored_path(media_root, event.original_image_url).exists()


def test_a_new_upload_replaces_and_removes_the_old_files(
    organizer_client, event, media_root, django_capture_on_commit_callbacks
):
    organizer_client.post(upload_url(event), {"bgimage": png_file()})
    event.refresh_from_db()
    old = stored_path(media_root, event.original_image_url)
    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(upload_url(event), {"bgimage": png_file(png_bytes(color=(0, 0, 0)))})
    event.refresh_from_db()
    assert not old.exists()
    assert stored_path(media_root, event.original_image_url).exists()


def test_upload_of_a_non_image_is_rejected_with_a_pointer(organizer_client, event, media_root):
    response = organizer_client.post(upload_url(event), {"bgimage": png_file(b"%PDF-1.4 not an image", "x.png")})
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["detail"] == "The file is not a readable image."
    assert error["source"] == {"pointer": "/data/attributes/bgimage"}
    event.refresh_from_db()
    assert event.original_image_url == ""
    assert not any(media_root.rglob("*.jpg"))


def test_upload_of_a_truncated_image_is_rejected(organizer_client, event, media_root):
    response = organizer_client.post(upload_url(event), {"bgimage": png_file(png_bytes()[:120])})
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "invalid_image"


def test_upload_of_a_decompression_bomb_is_rejected_before_decoding(organizer_client, event, media_root):
    response = organizer_client.post(upload_url(event), {"bgimage": png_file(bomb_png())})
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["code"] == "too_many_pixels"
    assert error["detail"] == "The image has too many pixels (at most 40,000,000)."
    response = organizer_client.post(upload_url(event), {"bgimage": png_file(bomb_png(10000, 5000))})
    assert response.status_code == 422
    assert response.json()["errors"][0]["detail"] == (
        "The image has too many pixels (10000×5000 pixels; at most 40,000,000)."
    )


def test_upload_respects_max_image_pixels_setting(organizer_client, event, media_root, settings):
    settings.MAX_IMAGE_PIXELS = 100 * 100
    response = organizer_client.post(upload_url(event), {"bgimage": png_file(png_bytes(200, 100))})
    assert response.status_code == 422
    assert response.json()["errors"][0]["code"] == "too_many_pixels"


def test_upload_over_max_upload_size_is_rejected(organizer_client, event, media_root, settings):
    settings.MAX_UPLOAD_SIZE = 1024
    noisy = io.BytesIO()
    Image.frombytes("RGB", (200, 200), os.urandom(200 * 200 * 3)).save(noisy, format="PNG")
    assert len(noisy.getvalue()) > 1024
    response = organizer_client.post(upload_url(event), {"bgimage": png_file(noisy.getvalue())})
    assert response.status_code == 413
    assert response.json()["errors"][0]["detail"] == "The image is larger than 1.0 KB."
    data_url = "data:image/png;base64," + base64.b64encode(noisy.getvalue()).decode()
    assert organizer_client.post(upload_url(event), {"bgimage": data_url}).status_code == 413


def test_a_data_url_over_the_memory_limit_is_413_not_400(organizer_client, event, media_root, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2048  # Django refuses to read the form: RequestDataTooBig
    data_url = "data:image/png;base64," + base64.b64encode(os.urandom(4096)).decode()
    response = organizer_client.post(
        upload_url(event), {"bgimage": data_url}, headers={"Accept": "application/vnd.api+json"}
    )
    assert response.status_code == 413
    assert response.json()["errors"][0]["code"] == "too_large"


def test_upload_without_an_image_says_so(organizer_client, event, media_root):
    response = organizer_client.post(upload_url(event), {})
    assert response.status_code == 422
    assert response.json()["errors"][0]["detail"] == "Choose an image to upload."
    response = organizer_client.post(upload_url(event), {"bgimage": "data:image/png;base64,@@@"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["detail"] == "The image data is not valid base64."


def test_upload_requires_the_csrf_token(organizer, event, media_root):
    client = signed_in(organizer, enforce_csrf_checks=True)
    refused = client.post(upload_url(event), {"bgimage": png_file()}, headers={"Accept": "application/vnd.api+json"})
    assert refused.status_code == 403
    assert "CSRF verification failed" in refused.json()["errors"][0]["detail"]
    event.refresh_from_db()
    assert not event.original_image_url
    client.get(f"/events/{event.identifier}/edit/image")
    token = client.cookies["csrftoken"].value
    response = client.post(upload_url(event), {"bgimage": png_file()}, headers={"X-CSRFToken": token})
    assert response.status_code == 201


def test_delete_needs_the_csrf_token_too(organizer, event, media_root):
    client = signed_in(organizer, enforce_csrf_checks=True)
    assert client.delete(upload_url(event)).status_code == 403


def test_delete_removes_the_image(organizer_client, event, media_root, django_capture_on_commit_callbacks):
    organizer_client.post(upload_url(event), {"bgimage": png_file()})
    event.refresh_from_db()
    path = stored_path(media_root, event.large_image_url)
    with django_capture_on_commit_callbacks(execute=True):
        response = organizer_client.delete(upload_url(event))
    assert response.status_code == 200
    assert response.json() == {"original-image-url": "", "large-image-url": "", "thumbnail-image-url": ""}
    event.refresh_from_db()
    assert (event.original_image_url, event.large_image_url, event.thumbnail_image_url) == ("", "", "")
    assert not path.exists()


@pytest.mark.parametrize("role", [None, Role.ATTENDEE, Role.MODERATOR, Role.TRACK_ORGANIZER, Role.REGISTRAR])
def test_upload_and_delete_answer_404_without_an_organizing_role(event, media_root, role):
    user = UserFactory()
    if role:
        grant(user, event, role)
    client = signed_in(user)
    assert client.post(upload_url(event), {"bgimage": png_file()}).status_code == 404
    assert client.delete(upload_url(event)).status_code == 404
    event.refresh_from_db()
    assert event.original_image_url == ""


def test_coorganizer_may_upload(event, media_root):
    coorganizer = UserFactory()
    grant(coorganizer, event, Role.COORGANIZER)
    assert signed_in(coorganizer).post(upload_url(event), {"bgimage": png_file()}).status_code == 201


def test_upload_answers_401_when_signed_out(event):
    response = Client().post(upload_url(event), {"bgimage": png_file()})
    assert response.status_code == 401
    assert response.json()["errors"][0]["detail"] == "Sign in to upload images."


def test_upload_of_a_missing_event_answers_404(organizer_client):
    assert organizer_client.post("/events/nope/files/bgimage", {"bgimage": png_file()}).status_code == 404


def test_get_is_not_allowed(organizer_client, event):
    assert organizer_client.get(upload_url(event)).status_code == 405
