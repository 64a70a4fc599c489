from eventyay.api.parsers import JsonParser


class RawJsonApiParser(JsonParser):
    """The whole JSON:API document, unparsed (relationship endpoints, the create-order body)."""

    media_type = "application/vnd.api+json"


class PlainJsonParser(JsonParser):
    """`application/json`, which the Open Event client sends to create-order and calculate-amount."""
