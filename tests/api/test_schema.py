"""The OpenAPI schema is generated from the code and validates."""

import pytest
import yaml
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db


def test_schema_generates_and_validates(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--file", str(target))
    schema = yaml.safe_load(target.read_text())
    assert schema["openapi"].startswith("3.")
    assert "/v1/pages" in schema["paths"]
    assert "/v1/pages/{id}" in schema["paths"]


def test_schema_endpoint_and_docs_page():
    client = Client()
    schema = client.get("/v1/schema")
    assert schema.status_code == 200
    docs = client.get("/v1/schema/docs")
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()
