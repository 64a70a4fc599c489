from rest_framework.parsers import JSONParser


class RawJsonApiParser(JSONParser):
    """The whole JSON:API document, unparsed (relationship endpoints, the create-order body)."""

    media_type = "application/vnd.api+json"


class PlainJsonParser(JSONParser):
    """`application/json`, which the Open Event client sends to create-order and calculate-amount."""
