"""Errors Django raises itself (bad host, unhandled exceptions) are JSON:API documents under /v1/ too."""

import json

import pytest
from django.test import Client, RequestFactory
from rest_framework.views import APIView

from eventyay import handlers
from eventyay.api.exceptions import exception_handler

pytestmark = pytest.mark.django_db


def test_disallowed_host_is_a_400_document():
    response = Client(HTTP_HOST="attacker.example").get("/v1/pages")
    assert response.status_code == 400
    body = response.json()
    assert body["errors"][0]["status"] == "400"
    assert body["jsonapi"] == {"version": "1.0"}


def test_django_500_under_the_api_is_a_document_without_traceback():
    response = handlers.server_error(RequestFactory().get("/v1/events"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/vnd.api+json"
    error = json.loads(response.content)["errors"][0]
    assert error["status"] == "500"
    assert "Traceback" not in response.content.decode()


def test_django_500_outside_the_api_is_a_page():
    response = handlers.server_error(RequestFactory().get("/dashboard"))
    assert response.status_code == 500
    assert b"<" in response.content


def test_unexpected_exception_in_an_api_view_is_a_logged_500_document(caplog):
    request = RequestFactory().get("/v1/pages")
    response = exception_handler(RuntimeError("secret internals"), {"view": APIView(), "request": request})
    assert response.status_code == 500
    assert response.data[0]["status"] == "500"  # rendered by the JSON:API renderer as {"errors": [...]}
    assert "secret internals" not in str(response.data)
    assert "secret internals" in caplog.text


def test_unknown_dashboard_page_is_html_404():
    response = Client().get("/no/such/page")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
