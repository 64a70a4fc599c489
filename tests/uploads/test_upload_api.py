"""`POST /v1/upload/image` and `POST /v1/upload/file(s)`: stored, verified, signed-in only."""

import base64
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from roles.auth import tokens_for
from tests.images import bomb_png, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.MEDIA_URL = "/media/"
    return tmp_path


@pytest.fixture
def jwt_client(user):
    return Client(headers={"Authorization": f"JWT {tokens_for(user)['access_token']}"})


def data_url(raw, kind="image/png"):
    return f"data:{kind};base64," + base64.b64encode(raw).decode()


def post_image(client, body, content_type="application/json"):
    return client.post("/v1/upload/image", json.dumps(body), content_type=content_type)


def stored(media_root, url):
    assert url.startswith("http://testserver/media/")  # absolute: clients on other origins use it as it is
    return media_root / url.removeprefix("http://testserver/media/")


def test_image_upload_stores_a_reencoded_image(jwt_client, media_root):
    response = post_image(jwt_client, {"data": data_url(png_bytes(40, 20))})
    assert response.status_code == 200, response.content
    path = stored(media_root, response.json()["url"])
    with Image.open(path) as image:
        assert image.size == (40, 20)
    assert "uploads/images/" in str(path)


def test_image_upload_accepts_the_jsonapi_media_type(jwt_client):
    response = post_image(jwt_client, {"data": data_url(png_bytes())}, content_type="application/vnd.api+json")
    assert response.status_code == 200


def test_uploaded_image_is_served(jwt_client):
    url = post_image(jwt_client, {"data": data_url(png_bytes())}).json()["url"]
    assert Client().get(url).status_code == 200


@pytest.mark.parametrize(
    "body,status,detail",
    [
        ({}, 422, "Send the image as `data`."),
        ({"data": 5}, 422, "Send the image as `data`."),
        ({"data": "not a data url"}, 422, "The upload must be a base64 data URL or a file."),
        ({"data": "data:image/png;base64,@@@"}, 422, "The image data is not valid base64."),
        ({"data": data_url(b"hello, not an image")}, 422, "The file is not a readable image."),
        ({"data": data_url(png_bytes()[:60])}, 422, "The file is not a readable image."),
    ],
)
def test_bad_image_upload_is_a_clear_error(jwt_client, media_root, body, status, detail):
    response = post_image(jwt_client, body)
    assert response.status_code == status
    error = response.json()["errors"][0]
    assert error["detail"] == detail
    assert error["status"] == str(status)
    assert list(media_root.rglob("*.*")) == []


def test_decompression_bomb_is_refused(jwt_client):
    response = post_image(jwt_client, {"data": data_url(bomb_png())})
    assert response.status_code == 422
    assert "too many pixels" in response.json()["errors"][0]["detail"]


def test_oversized_image_is_413(jwt_client, settings):
    settings.MAX_UPLOAD_SIZE = 1024
    response = post_image(jwt_client, {"data": data_url(png_bytes(400, 400, (1, 2, 3)) + b"\0" * 2048)})
    assert response.status_code == 413


def test_anonymous_upload_is_401():
    response = post_image(Client(), {"data": data_url(png_bytes())})
    assert response.status_code == 401
    assert response.json()["errors"][0]["status"] == "401"


def test_session_upload_needs_csrf(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert post_image(client, {"data": data_url(png_bytes())}).status_code == 403
    client.get("/dashboard")
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/v1/upload/image",
        json.dumps({"data": data_url(png_bytes())}),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 200


def test_jwt_upload_needs_no_csrf(user):
    client = Client(enforce_csrf_checks=True, headers={"Authorization": f"JWT {tokens_for(user)['access_token']}"})
    assert post_image(client, {"data": data_url(png_bytes())}).status_code == 200


def upload(name, content, kind="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=kind)


@pytest.mark.parametrize("path", ["/v1/upload/file", "/v1/upload/files"])
def test_file_upload_stores_one_file(jwt_client, media_root, path):
    response = jwt_client.post(path, {"file": upload("Slides Final.pdf", b"%PDF-1.4 slides")})
    assert response.status_code == 200, response.content
    url = response.json()["url"]
    assert url.endswith("/Slides_Final.pdf")
    assert stored(media_root, url).read_bytes() == b"%PDF-1.4 slides"


def test_file_upload_stores_several(jwt_client, media_root):
    files = [upload("a.txt", b"first"), upload("b.csv", b"x,y")]
    response = jwt_client.post("/v1/upload/files", {"files[]": files})
    assert response.status_code == 200
    urls = response.json()["url"]
    assert [stored(media_root, u).read_bytes() for u in urls] == [b"first", b"x,y"]


def test_one_bad_file_stores_none_of_several(jwt_client, media_root):
    files = [upload("a.txt", b"first"), upload("evil.exe", b"MZ")]
    response = jwt_client.post("/v1/upload/files", {"files[]": files})
    assert response.status_code == 422
    assert list(media_root.rglob("*.*")) == []


@pytest.mark.parametrize("name", ["run.exe", "page.html", "logo.svg", "noextension"])
def test_disallowed_file_types_are_refused(jwt_client, media_root, name):
    response = jwt_client.post("/v1/upload/file", {"file": upload(name, b"data")})
    assert response.status_code == 422
    assert "not accepted" in response.json()["errors"][0]["detail"]


def test_image_extension_must_hold_an_image(jwt_client):
    response = jwt_client.post("/v1/upload/file", {"file": upload("photo.png", b"<script>")})
    assert response.status_code == 422


def test_client_file_name_cannot_choose_the_path(jwt_client, media_root):
    response = jwt_client.post("/v1/upload/file", {"file": upload("../../etc/passwd.txt", b"x")})
    assert response.status_code == 200
    path = stored(media_root, response.json()["url"])
    assert path.name == "passwd.txt"
    assert media_root in path.parents


def test_missing_file_is_422(jwt_client):
    response = jwt_client.post("/v1/upload/file", {})
    assert response.status_code == 422
    assert "multipart" in response.json()["errors"][0]["detail"]


def test_oversized_file_is_413(jwt_client, settings):
    settings.MAX_UPLOAD_SIZE = 10
    response = jwt_client.post("/v1/upload/file", {"file": upload("big.txt", b"x" * 100)})
    assert response.status_code == 413


def test_force_local_stores_on_the_local_disk(jwt_client, media_root):
    response = jwt_client.post("/v1/upload/file?force_local=true", {"file": upload("notes.txt", b"local")})
    assert response.status_code == 200
    assert stored(media_root, response.json()["url"]).read_bytes() == b"local"


def test_get_is_405(jwt_client):
    assert jwt_client.get("/v1/upload/file").status_code == 405
