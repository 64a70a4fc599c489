"""Request body parsers. Every JSON body the API reads goes through `BoundedJsonMixin`: a document nested
deeper than `settings.MAX_JSON_DEPTH`, one so deep the decoder gives up, or one holding NUL characters is a
400 JSON:API error before any view sees it (never a 500 from the decoder or the database)."""

from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework_json_api.parsers import JSONParser as DjaJSONParser

from eventyay import limits


class BoundedJsonMixin:
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            document = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - the document is nested too deeply.")
        try:
            limits.check_json(document)
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}")
        return document


class JsonApiParser(BoundedJsonMixin, DjaJSONParser):
    """JSON:API request bodies (`application/vnd.api+json`); any other media type is a 415. A document whose
    members have the wrong JSON type (attributes that are not an object, a relationship without `data`, a
    linkage that is not `{type, id}`) is a 400 before djangorestframework-jsonapi reads it."""

    def parse_data(self, result, parser_context):
        if isinstance(result, dict):
            data = result.get("data")
            if isinstance(data, list):
                for item in data:
                    _check_linkage(item, "data")
            elif isinstance(data, dict):
                _check_resource(data)
        return super().parse_data(result, parser_context)


def _check_identifier(value, where):
    if not isinstance(value, dict):
        raise ParseError(f"{where} must be a resource identifier object {{type, id}}.")
    if not isinstance(value.get("type"), str):
        raise ParseError(f"{where}: `type` must be a string.")
    if "id" in value and (isinstance(value["id"], bool) or not isinstance(value["id"], (str, int))):
        raise ParseError(f"{where}: `id` must be a string.")


def _check_linkage(value, where):
    _check_identifier(value, where)
    if "id" not in value:
        raise ParseError(f"{where}: `id` is required.")


def _check_resource(data):
    if "type" in data and not isinstance(data["type"], str):
        raise ParseError("data.type must be a string.")
    if (
        "id" in data
        and data["id"] is not None
        and (isinstance(data["id"], bool) or not isinstance(data["id"], (str, int)))
    ):
        raise ParseError("data.id must be a string.")
    for member in ("attributes", "relationships", "meta"):
        if member in data and data[member] is not None and not isinstance(data[member], dict):
            raise ParseError(f"data.{member} must be an object.")
    for name, relationship in (data.get("relationships") or {}).items():
        where = f"data.relationships.{name}"
        if not isinstance(relationship, dict) or "data" not in relationship:
            raise ParseError(f"{where} must be an object with `data`.")
        linkage = relationship["data"]
        if isinstance(linkage, list):
            for index, item in enumerate(linkage):
                _check_linkage(item, f"{where}.data[{index}]")
        elif linkage is not None:
            _check_linkage(linkage, f"{where}.data")


class JsonParser(BoundedJsonMixin, parsers.JSONParser):
    """Plain `application/json` bodies (login, uploads, export options, create-order)."""


class PlainJsonAsJsonApiParser(JsonParser):
    """Plain JSON bodies (login, uploads) sent with the JSON:API media type, the Open Event client's default."""

    media_type = "application/vnd.api+json"


class RelationshipParser(parsers.JSONParser):
    """A relationship route's body: the whole document (`{"data": [resource identifiers]}`), unparsed."""

    media_type = "application/vnd.api+json"
