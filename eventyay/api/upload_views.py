"""`POST /v1/upload/image` and `POST /v1/upload/file(s)`, as the Open Event server answers them.

The answers are plain JSON (`{"url": …}`), as the client expects; errors are JSON:API error documents.
Signed-in users only: JWT, or the dashboard session with its CSRF token.
"""

from rest_framework import parsers, renderers
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.response import Response
from rest_framework.views import APIView

from eventyay import uploads
from eventyay.api.parsers import JsonParser, PlainJsonAsJsonApiParser
from eventyay.api.renderers import PlainJsonAsJsonApiRenderer
from eventyay.api.schema import plain_json
from eventyay.errors import DomainError


class UploadView(APIView):
    renderer_classes = (renderers.JSONRenderer, PlainJsonAsJsonApiRenderer)
    permission_rules = {"*": "authenticated"}

    def initial(self, request, *args, **kwargs):
        # an unsupported method is a 405 for everyone, before authentication answers 401
        if not hasattr(self, request.method.lower()):
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)

    def force_local(self):
        return self.request.query_params.get("force_local") == "true"


class ImageUploadView(UploadView):
    """`{"data": "data:image/png;base64,…"}` → `{"url": …}`: verified with Pillow, re-encoded, stored."""

    parser_classes = (JsonParser, PlainJsonAsJsonApiParser)

    @plain_json("ImageUpload", request={"data": str}, response={"url": str})
    def post(self, request):
        body = request.data if isinstance(request.data, dict) else {}
        url = uploads.store_image_upload(data_url=body.get("data"), force_local=self.force_local())
        return Response({"url": request.build_absolute_uri(url)})


class FileUploadView(UploadView):
    """Multipart `file` → `{"url": …}`, or `files[]` (several) → `{"url": [...]}`."""

    parser_classes = (parsers.MultiPartParser, parsers.FormParser)

    @plain_json("FileUpload", request={"file": dict}, response={"url": dict})
    def post(self, request):
        several = request.FILES.getlist("files[]") or request.FILES.getlist("files")
        one = request.FILES.get("file")
        if not several and one is None:
            raise DomainError("Send the upload as a multipart `file` (or `files[]` for several).", code="required")
        if several:
            for upload in several:  # check every file before storing any
                uploads.check_file_upload(upload)
            urls = [uploads.store_file_upload(upload, force_local=self.force_local()) for upload in several]
            return Response({"url": [request.build_absolute_uri(url) for url in urls]})
        return Response(
            {"url": request.build_absolute_uri(uploads.store_file_upload(one, force_local=self.force_local()))}
        )
