from rest_framework import parsers
from rest_framework_json_api.parsers import JSONParser


class JsonApiParser(JSONParser):
    """JSON:API request bodies (`application/vnd.api+json`); any other media type is a 415."""


class PlainJsonAsJsonApiParser(parsers.JSONParser):
    """Plain JSON bodies (login, uploads) sent with the JSON:API media type, the Open Event client's default."""

    media_type = "application/vnd.api+json"


class RelationshipParser(parsers.JSONParser):
    """A relationship route's body: the whole document (`{"data": [resource identifiers]}`), unparsed."""

    media_type = "application/vnd.api+json"
