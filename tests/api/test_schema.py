"""The OpenAPI schema is generated from the code and validates."""

import pytest
import yaml
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db


def test_schema_generates_and_validates_without_errors(tmp_path, capsys):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--file", str(target))
    output = capsys.readouterr().err
    assert "Error [" not in output, [line for line in output.splitlines() if "Error [" in line]
    schema = yaml.safe_load(target.read_text())
    assert schema["openapi"].startswith("3.")
    assert "/v1/pages" in schema["paths"]
    assert "/v1/pages/{id}" in schema["paths"]
    for plain in ("/v1/auth/login", "/v1/upload/image", "/v1/upload/files", "/v1/role_invites/accept-invite"):
        assert plain in schema["paths"]


def test_schema_endpoint_and_docs_page():
    client = Client()
    schema = client.get("/v1/schema")
    assert schema.status_code == 200
    docs = client.get("/v1/schema/docs")
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()
