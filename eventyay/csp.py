"""A Content-Security-Policy on every HTML page this server renders (dashboard, sign-in, wizard, admin): scripts
only from this origin's static files (the pages have no inline scripts or handlers), no plugins, no framing,
forms only back to this origin. Images may also come from the media storage (an absolute MEDIA_URL) and
https: (event images hosted elsewhere); data:/blob: for the Croppie preview. The Swagger UI page of the API
schema runs an inline script and keeps its own rules. Files under MEDIA_URL get a stricter policy
(`eventyay.media`)."""

from urllib.parse import urlsplit

from django.conf import settings

EXEMPT_PREFIXES = ("/v1/schema/docs",)


def dashboard_policy():
    media = urlsplit(settings.MEDIA_URL)
    media_origin = f" {media.scheme}://{media.netloc}" if media.scheme and media.netloc else ""
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            f"img-src 'self' data: blob: https:{media_origin}",
            f"media-src 'self' https:{media_origin}",
            "connect-src 'self'",
            "font-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = dashboard_policy()

    def __call__(self, request):
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if (
            content_type.startswith("text/html")
            and "Content-Security-Policy" not in response
            and not request.path.startswith(EXEMPT_PREFIXES)
        ):
            response["Content-Security-Policy"] = self.policy
        return response
