from django.contrib.auth import authenticate
from rest_framework import parsers, renderers, status
from rest_framework.exceptions import AuthenticationFailed, ParseError
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import RefreshToken

from eventyay.api.permissions import any_of
from eventyay.api.views import JsonApiViewSet, ServiceSet
from roles import auth, services
from roles.api.serializers import UserSerializer
from roles.models import User
from roles.permissions import is_admin


class PlainJsonView(APIView):
    """Auth endpoints speak plain JSON, as the Open Event client sends them."""

    parser_classes = (parsers.JSONParser, parsers.FormParser)
    renderer_classes = (renderers.JSONRenderer,)
    authentication_classes = ()
    permission_rules = {"*": "public"}

    def get_authenticate_header(self, request):
        return 'JWT realm="api"'  # bad credentials are a 401, not DRF's fallback 403


class LoginView(PlainJsonView):
    """POST {email|username, password} → {access_token, refresh_token}."""

    def post(self, request):
        data = request.data if isinstance(request.data, dict) else {}
        email = data.get("email") or data.get("username")
        password = data.get("password")
        if not email or not password:
            raise ParseError("Both email (or username) and password are required.")
        user = authenticate(request, username=str(email).strip(), password=str(password))
        if user is None or user.is_blocked or user.deleted_at is not None:
            raise AuthenticationFailed("Invalid email or password.")
        return Response(auth.tokens_for(user))


class RefreshView(PlainJsonView):
    """POST {refresh_token} (or {refresh}) → {access_token}."""

    def post(self, request):
        data = request.data if isinstance(request.data, dict) else {}
        raw = data.get("refresh_token") or data.get("refresh")
        if not raw:
            raise ParseError("refresh_token is required.")
        try:
            refresh = RefreshToken(raw)
        except TokenError as exc:
            raise AuthenticationFailed(str(exc))
        user = User.objects.filter(pk=refresh.get("identity"), is_active=True).first()
        if user is None or user.is_blocked:
            raise AuthenticationFailed("The account no longer exists.")
        return Response({"access_token": str(refresh.access_token)}, status=status.HTTP_200_OK)


class UserViewSet(JsonApiViewSet):
    serializer_class = UserSerializer
    cheap_etag = True
    permission_rules = {
        "create": "public",
        "list": "authenticated",
        "*": any_of("is_user_itself", "is_admin"),
    }
    filterset_fields = {
        "email": ["exact", "icontains"],
        "first_name": ["exact", "icontains"],
        "last_name": ["exact", "icontains"],
        "is_admin": ["exact"],
        "is_verified": ["exact"],
        "created_at": ["gte", "lte"],
    }
    services = ServiceSet(create=services.user_create, update=services.user_update, delete=services.user_delete)

    def get_queryset(self):
        qs = User.objects.all()
        user = self.request.user
        if not is_admin(user):
            qs = qs.filter(pk=user.pk) if user.is_authenticated else qs.none()
        return self.exclude_trashed(qs)
