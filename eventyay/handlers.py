"""Django's own 400/403/404/500 answers: JSON:API error documents under /v1/, HTML pages elsewhere."""

import sys

from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse
from django.views import defaults

from eventyay.api.exceptions import json_error_response, too_large_detail, wants_json
from eventyay.overload import DETAIL, RETRY_AFTER_SECONDS, is_overload


def overloaded(request):
    """503 with Retry-After: a pool had no connection for this request in time."""
    if wants_json(request):
        response = json_error_response(503, DETAIL, code="overloaded")
    else:
        response = HttpResponse(DETAIL, status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def bad_request(request, exception=None):
    if isinstance(exception, RequestDataTooBig):  # a body over DATA_UPLOAD_MAX_MEMORY_SIZE: 413, not 400
        if wants_json(request) or request.headers.get("X-Requested-With") == "XMLHttpRequest":
            return json_error_response(413, too_large_detail(), code="too_large")
        return HttpResponse(too_large_detail(), status=413, content_type="text/plain; charset=utf-8")
    if wants_json(request):
        return json_error_response(400, "Bad request.")
    return defaults.bad_request(request, exception)


def permission_denied(request, exception=None):
    if wants_json(request):
        return json_error_response(403, "You do not have permission to perform this action.")
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception=None):
    if wants_json(request):
        return json_error_response(404, "Not found.")
    return defaults.page_not_found(request, exception)


def server_error(request):
    exc = sys.exc_info()[1]  # Django calls this handler while it handles the exception
    if exc is not None and is_overload(exc):
        return overloaded(request)
    if wants_json(request):
        return json_error_response(500, "An unexpected error occurred. It has been logged.")
    return defaults.server_error(request)


def csrf_failure(request, reason=""):
    """A failed CSRF check: a JSON:API error for API and AJAX callers, Django's page for forms."""
    if wants_json(request) or request.headers.get("X-Requested-With") == "XMLHttpRequest":
        return json_error_response(403, f"CSRF verification failed: {reason} Reload the page and try again.")
    from django.views.csrf import csrf_failure as default_csrf_failure

    return default_csrf_failure(request, reason)
