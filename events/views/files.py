"""`POST|DELETE /events/<event_id>/files/bgimage`: the wizard's immediate (AJAX) background image upload.

Session-authenticated and CSRF-protected like every form of the site (the script sends `X-CSRFToken`).
Accepts a multipart file or a `data:` URL in the `bgimage` field. Answers JSON: the image URLs, or a
JSON:API error document (401 signed out, 404 not organizer/co-organizer of the event, 413 too large,
422 not an image).
"""

from django.http import Http404, JsonResponse
from django.views import View

from events.images import FIELD, IMAGE_FIELDS, event_background_remove, event_background_set
from eventyay.api.exceptions import error_object
from eventyay.errors import DomainError
from roles.mixins import event_for_dashboard


def error_response(status, detail, *, code=None, field=None):
    pointer = f"/data/attributes/{field}" if field else None
    body = {"errors": [error_object(status, detail, pointer=pointer, code=code)], "jsonapi": {"version": "1.0"}}
    return JsonResponse(body, status=status)


def image_payload(event):
    return {field.replace("_", "-"): getattr(event, field) for field in IMAGE_FIELDS}


class BackgroundImageView(View):
    http_method_names = ["post", "delete"]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return error_response(401, "Sign in to upload images.", code="not_authenticated")
        try:
            self.event = event_for_dashboard(request.user, kwargs["event_id"], "is_coorganizer")
        except Http404:
            return error_response(404, "No such event.", code="not_found")
        try:
            return super().dispatch(request, *args, **kwargs)
        except DomainError as exc:
            return error_response(exc.status, exc.detail, code=exc.code, field=exc.field)

    def post(self, request, *args, **kwargs):
        uploaded = request.FILES.get(FIELD)
        data_url = None if uploaded is not None else request.POST.get(FIELD, "")
        event = event_background_set(
            actor=request.user,
            event=self.event,
            uploaded_file=uploaded,
            data_url=data_url,
            absolute_url=request.build_absolute_uri,
        )
        return JsonResponse(image_payload(event), status=201)

    def delete(self, request, *args, **kwargs):
        event = event_background_remove(actor=request.user, event=self.event)
        return JsonResponse(image_payload(event))
