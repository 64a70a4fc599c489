from rest_framework_json_api.parsers import JSONParser


class JsonApiParser(JSONParser):
    """JSON:API request bodies (`application/vnd.api+json`); any other media type is a 415."""
