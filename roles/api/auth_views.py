"""Account endpoints of the Open Event API (plain JSON, as its client posts them; see `roles.accounts`):

* `POST /v1/auth/login` (and `/auth/session`) `{email|username, password}` → `{access_token, refresh_token}`;
  throttled per account and per client address (429 with Retry-After, whatever the password);
  with `"remember-me": true` the refresh token also goes into an HttpOnly cookie (with its CSRF cookie), for web
  clients, unless `"include-in-response": true`;
* `POST /v1/auth/token/refresh` `{refresh_token}`, `Authorization: JWT <refresh token>` (mobile) or the refresh
  cookie with `X-CSRF-Token` (web) → `{access_token}` (not fresh; refused once the credentials changed or the
  session was logged out);
* fresh login, verify password, logout and blacklist: `roles.api.session_views`;
* `POST /v1/auth/verify-email` `{"data": {"token"}}` → `{"message": "Email Verified"}`;
* `POST /v1/auth/resend-verification-email` `{"data": {"email"}}` → `{"message": "Verification email resent"}`;
* `POST /v1/auth/change-password` `{"data": {"old-password", "new-password"}}` (signed in) →
  `{"email", "id", "name", "password-changed": true}`;
* `POST /v1/auth/reset-password` `{"data": {"email"}}` → `{"message": "Email Sent"}`;
  `PATCH /v1/auth/reset-password` `{"data": {"token", "password"}}` → `{"id", "email", "name"}`.

Answers about an address are the same whether or not an account has it. Errors are JSON:API error documents
pointing into the request body (`/data/new-password`).
"""

from django.conf import settings
from django.db import transaction
from django.utils.crypto import constant_time_compare
from rest_framework import parsers, renderers, status
from rest_framework.exceptions import AuthenticationFailed, ParseError
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import RefreshToken

from eventyay.api.parsers import JsonParser, PlainJsonAsJsonApiParser
from eventyay.api.renderers import PlainJsonAsJsonApiRenderer
from eventyay.api.schema import plain_json
from eventyay.errors import DomainError
from roles import accounts, auth
from roles.authentication import check_token_user, load_token_user
from roles.models import User


class PlainJsonView(APIView):
    """Auth endpoints speak plain JSON, as the Open Event client sends them."""

    parser_classes = (JsonParser, PlainJsonAsJsonApiParser, parsers.FormParser)
    renderer_classes = (renderers.JSONRenderer, PlainJsonAsJsonApiRenderer)
    authentication_classes = ()
    permission_rules = {"*": "public"}

    def get_authenticate_header(self, request):
        return 'JWT realm="api"'  # bad credentials are a 401, not DRF's fallback 403

    def body(self, request, *, nested=True):
        """The request's fields: `{"data": {...}}` (the blueprint's shape) or a flat object."""
        data = request.data if isinstance(request.data, dict) else {}
        if nested and isinstance(data.get("data"), dict):
            return data["data"]
        return data

    def field(self, body, name, *aliases):
        for key in (name, *aliases):
            value = body.get(key)
            if isinstance(value, str) and value:
                return value
        raise self.error(f"{name} is required.", name, status=400)

    @staticmethod
    def error(detail, name, status=422, code="invalid"):
        exc = DomainError(detail, field=name.replace("-", "_"), status=status, code=code)
        exc.pointer = f"/data/{name}"
        return exc

    def call(self, service, names, **kwargs):
        """Run a service; its field errors point into this body (`new_password` → `/data/new-password`)."""
        try:
            return service(**kwargs)
        except DomainError as exc:
            if exc.field and not getattr(exc, "pointer", None):
                exc.pointer = f"/data/{names.get(exc.field, exc.field.replace('_', '-'))}"
            raise


def _user_summary(user):
    return {"id": str(user.pk), "email": user.email, "name": f"{user.first_name} {user.last_name}".strip()}


class LoginView(PlainJsonView):
    """POST {email|username, password} → {access_token, refresh_token}."""

    @plain_json(
        "Login",
        request={"email": str, "username": str, "password": str},
        response={"access_token": str, "refresh_token": str},
    )
    def post(self, request):
        data = self.body(request, nested=False)
        email = data.get("email") or data.get("username")
        password = data.get("password")
        if not email or not password or not isinstance(email, str) or not isinstance(password, str):
            raise ParseError("Both email (or username) and password are required.")
        user = accounts.sign_in(request, email, password)
        if user is None:
            raise AuthenticationFailed("Invalid email or password.")
        refresh = auth.refresh_token_for(user)
        tokens = {"access_token": str(auth.access_token_from(refresh, fresh=False)), "refresh_token": str(refresh)}
        response = Response(tokens)
        if data.get("remember-me") is True and data.get("include-in-response") is not True:
            set_refresh_cookies(response, refresh)
        return response


def set_refresh_cookies(response, refresh):
    lifetime = int(refresh.lifetime.total_seconds())
    common = {"max_age": lifetime, "secure": settings.SESSION_COOKIE_SECURE, "samesite": "Lax"}
    response.set_cookie(auth.REFRESH_COOKIE, str(refresh), path=auth.REFRESH_COOKIE_PATH, httponly=True, **common)
    response.set_cookie(auth.CSRF_REFRESH_COOKIE, refresh["csrf"], path="/", httponly=False, **common)


def clear_refresh_cookies(response):
    response.delete_cookie(auth.REFRESH_COOKIE, path=auth.REFRESH_COOKIE_PATH, samesite="Lax")
    response.delete_cookie(auth.CSRF_REFRESH_COOKIE, path="/", samesite="Lax")


def bearer(request):
    """The raw token of an `Authorization: JWT <token>` (or Bearer) header, or None."""
    parts = request.headers.get("Authorization", "").split()
    if len(parts) == 2 and parts[0] in settings.SIMPLE_JWT["AUTH_HEADER_TYPES"]:
        return parts[1]
    return None


class RefreshView(PlainJsonView):
    """POST {refresh_token} (or {refresh}) → {access_token}."""

    @plain_json("TokenRefresh", request={"refresh_token": str}, response={"access_token": str})
    def post(self, request):
        data = self.body(request, nested=False)
        raw = data.get("refresh_token") or data.get("refresh") or bearer(request)
        from_cookie = not raw and request.COOKIES.get(auth.REFRESH_COOKIE)
        if from_cookie:
            raw = from_cookie
        if not raw or not isinstance(raw, str):
            raise ParseError("refresh_token is required.")
        try:
            refresh = RefreshToken(raw)
        except TokenError as exc:
            raise AuthenticationFailed(str(exc))
        if from_cookie and not constant_time_compare(request.headers.get("X-CSRF-Token", ""), refresh.get("csrf", "")):
            raise AuthenticationFailed("The X-CSRF-Token header does not match the refresh cookie.")
        user = load_token_user(refresh)
        check_token_user(refresh, user)  # revoked, logged out, blocked, deactivated, deleted: 401
        access = auth.access_token_from(refresh, fresh=False)
        return Response({"access_token": str(access)}, status=status.HTTP_200_OK)


class VerifyEmailView(PlainJsonView):
    @plain_json("VerifyEmail", request={"data": dict}, response={"message": str})
    def post(self, request):
        token = self.field(self.body(request), "token")
        self.call(accounts.email_verify, {}, token=token)
        return Response({"message": "Email Verified"})


class ResendVerificationView(PlainJsonView):
    @plain_json("ResendVerificationEmail", request={"data": dict}, response={"message": str})
    def post(self, request):
        email = self.field(self.body(request), "email")
        accounts.verification_resend(email=email)
        return Response({"message": "Verification email resent"})


class ChangePasswordView(PlainJsonView):
    """The signed-in user changes their password (the current one is required). Every token issued before,
    this request's included, stops working: sign in again with the new password."""

    authentication_classes = APIView.authentication_classes  # the API's defaults (JWT; session with CSRF)
    permission_rules = {"*": "authenticated"}

    @plain_json(
        "ChangePassword",
        request={"data": dict},
        response={"email": str, "id": str, "name": str, "password-changed": bool},
    )
    def post(self, request):
        body = self.body(request)
        old = self.field(body, "old-password", "old_password")
        new = self.field(body, "new-password", "new_password")
        user = User.objects.get(pk=request.user.pk)
        with transaction.atomic():
            self.call(
                accounts.password_change,
                {"old_password": "old-password", "new_password": "new-password"},
                user=user,
                current_password=old,
                new_password=new,
                request=request,
            )
        return Response({**_user_summary(user), "password-changed": True})


class ResetPasswordView(PlainJsonView):
    @plain_json("RequestPasswordReset", request={"data": dict}, response={"message": str})
    def post(self, request):
        email = self.field(self.body(request), "email")
        accounts.password_reset_request(email=email)
        return Response({"message": "Email Sent"})

    @plain_json("ResetPassword", request={"data": dict}, response={"id": str, "email": str, "name": str})
    def patch(self, request):
        body = self.body(request)
        token = self.field(body, "token")
        password = self.field(body, "password")
        user = self.call(accounts.password_reset_confirm, {}, token=token, password=password)
        return Response(_user_summary(user))
