"""Every error the API answers is a JSON:API error document: status, title, detail, source.

Serializer validation errors answer 422 with `source.pointer` (`/data/attributes/<field>`), bad query
parameters 400 with `source.parameter`, domain rules whatever status the service chose. Exceptions nobody
expected are logged and answered as a 500 document, never a traceback.
"""

import logging
import re

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework_json_api.utils import format_field_name

from eventyay.errors import DomainError
from eventyay.overload import DETAIL as OVERLOAD_DETAIL
from eventyay.overload import RETRY_AFTER_SECONDS, is_overload

logger = logging.getLogger("eventyay.api")

JSONAPI_MEDIA_TYPE = "application/vnd.api+json"
_PARAM_RE = re.compile(r"(filter\[[^\]]*\]|fields\[[^\]]*\]|page\[[^\]]*\]|\bsort\b|\binclude\b|\bfilter\b)")


class BadQueryParameter(exceptions.ParseError):
    """A query parameter the API cannot honour (bad filter, sort, page): 400 with `source.parameter`."""

    def __init__(self, detail, parameter):
        super().__init__(detail)
        self.parameter = parameter


class Unprocessable(exceptions.APIException):
    status_code = 422
    default_detail = "The request could not be processed."
    default_code = "unprocessable"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The resource changed: the If-Match header does not match its current ETag."
    default_code = "precondition_failed"


def error_object(status_code, detail, *, pointer=None, parameter=None, code=None, title=None):
    error = {"status": str(status_code), "title": title or _title(status_code), "detail": str(detail)}
    if code:
        error["code"] = str(code)
    if pointer is not None:
        error["source"] = {"pointer": pointer}
    elif parameter is not None:
        error["source"] = {"parameter": parameter}
    return error


def _title(status_code):
    from http import HTTPStatus

    if status_code == 422:
        return "Unprocessable Entity"
    try:
        return HTTPStatus(status_code).phrase
    except ValueError:
        return "Error"


def _relationship_fields(view):
    from rest_framework_json_api.utils import get_serializer_fields, is_relationship_field

    try:
        serializer = view.get_serializer()
        fields = get_serializer_fields(serializer) or {}
        return {name for name, field in fields.items() if is_relationship_field(field)}
    except Exception:  # the view may not be able to build a serializer here; pointers then say attributes
        return set()


def _flatten(detail):
    """Yield (message, code) pairs from a DRF detail (string, list, or nested)."""
    if isinstance(detail, dict):
        for value in detail.values():
            yield from _flatten(value)
    elif isinstance(detail, (list, tuple)):
        for value in detail:
            yield from _flatten(value)
    else:
        yield str(detail), getattr(detail, "code", None)


def _validation_errors(exc, view):
    detail = exc.detail
    if not isinstance(detail, dict):
        errors = []
        for message, code in _flatten(detail):
            match = _PARAM_RE.search(message)
            errors.append(error_object(400, message, parameter=match.group(1) if match else None, code=code))
        return 400, errors
    relationships = _relationship_fields(view) if view is not None else set()
    errors = []
    for field, value in detail.items():
        if field in (api_settings.NON_FIELD_ERRORS_KEY, "detail"):
            pointer = "/data"
        else:
            section = "relationships" if field in relationships else "attributes"
            pointer = f"/data/{section}/{format_field_name(field)}"
        for message, code in _flatten(value):
            errors.append(error_object(422, message, pointer=pointer, code=code))
    return 422, errors


def _domain_errors(exc, view=None):
    pointer = getattr(exc, "pointer", None)  # plain-JSON endpoints point into their own body (`/data/token`)
    if exc.field and not pointer:
        relationships = _relationship_fields(view) if view is not None else set()
        section = "relationships" if exc.field in relationships else "attributes"
        pointer = f"/data/{section}/{format_field_name(exc.field)}"
    if pointer is None and exc.field is None and exc.status == 422:
        pointer = "/data"
    return exc.status, [
        error_object(exc.status, exc.detail, pointer=pointer, parameter=exc.parameter, code=exc.code, title=exc.title)
    ]


def too_large_detail():
    from django.conf import settings
    from django.template.defaultfilters import filesizeformat

    limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE).replace("\xa0", " ")
    return f"The request body is larger than {limit} (files excepted)."


def errors_for(exc, view=None):
    """(status, [error objects]) for any exception; None when it is not ours to answer."""
    if isinstance(exc, DomainError):
        return _domain_errors(exc, view)
    if isinstance(exc, RequestDataTooBig):
        return 413, [error_object(413, too_large_detail(), code="too_large")]
    if isinstance(exc, SuspiciousOperation):
        return 400, [error_object(400, "Bad request.", code="bad_request")]
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    if is_overload(exc):
        return 503, [error_object(503, OVERLOAD_DETAIL, code="overloaded")]
    if isinstance(exc, IntegrityError):
        return 409, [error_object(409, "The request conflicts with the current state of the resource.")]
    if isinstance(exc, BadQueryParameter):
        return 400, [error_object(400, exc.detail, parameter=exc.parameter, code=exc.detail.code)]
    if isinstance(exc, exceptions.ValidationError):
        return _validation_errors(exc, view)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, exceptions.APIException):
        code = exc.status_code
        errors = [error_object(code, message, code=c) for message, c in _flatten(exc.detail)]
        return code, errors
    return None


def exception_handler(exc, context):
    view = context.get("view")
    result = errors_for(exc, view)
    if result is None:
        logger.exception("Unhandled error in %s", view.__class__.__name__ if view else "API", exc_info=exc)
        result = 500, [error_object(500, "An unexpected error occurred. It has been logged.")]
    status_code, errors = result
    headers = {}
    base = drf_exception_handler(exc, context) if isinstance(exc, exceptions.APIException) else None
    if base is not None:
        for header in ("WWW-Authenticate", "Retry-After", "Allow"):
            if header in base:
                headers[header] = base[header]
    if getattr(exc, "retry_after", None):  # a domain rule that says when to come back (login throttling)
        headers["Retry-After"] = str(int(exc.retry_after))
    if status_code == 503:
        headers.setdefault("Retry-After", str(RETRY_AFTER_SECONDS))
    from rest_framework_json_api.exceptions import rendered_with_json_api

    if view is not None and rendered_with_json_api(view):
        view.resource_name = "errors"
        return Response(errors, status=status_code, headers=headers)
    return Response({"errors": errors, "jsonapi": {"version": "1.0"}}, status=status_code, headers=headers)


def json_error_response(status_code, detail, code=None):
    body = {"errors": [error_object(status_code, detail, code=code)], "jsonapi": {"version": "1.0"}}
    return JsonResponse(body, status=status_code, content_type=JSONAPI_MEDIA_TYPE)


def wants_json(request):
    return request.path.startswith(("/v1/", "/auth/", "/health-check")) or JSONAPI_MEDIA_TYPE in request.headers.get(
        "Accept", ""
    )
