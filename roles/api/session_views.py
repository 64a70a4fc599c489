"""Session endpoints of the Open Event API (plain JSON, as its client posts them):

* `POST /v1/auth/fresh-login` (signed in) `{email, password}` → `{access_token}`: a fresh access token in the
  same session, when the credentials are the signed-in user's (401 otherwise; throttled like the login);
* `POST /v1/auth/verify-password` (signed in) `{password}` → `{"result": true|false}` (wrong guesses count as
  failed sign-ins);
* `POST /v1/auth/logout` → `{"success": true}`: ends the session of the access token in `Authorization` and of
  the refresh token in the body (`refresh_token`) or in the remember-me cookie, and clears those cookies;
* `POST /v1/auth/blacklist` (signed in) → `{"success": true}`: every token issued to the user before stops
  working.
"""

from rest_framework.response import Response
from rest_framework.views import APIView

from eventyay.api.schema import plain_json
from roles import auth, sessions
from roles.api.auth_views import PlainJsonView, bearer, clear_refresh_cookies


class SignedInView(PlainJsonView):
    authentication_classes = APIView.authentication_classes  # the API's defaults (JWT; session with CSRF)
    permission_rules = {"*": "authenticated"}


class FreshLoginView(SignedInView):
    @plain_json("FreshLogin", request={"email": str, "password": str}, response={"access_token": str})
    def post(self, request):
        body = self.body(request)
        email = self.field(body, "email")
        password = self.field(body, "password")
        access = sessions.fresh_login(request=request, user=request.user, email=email, password=password)
        return Response({"access_token": str(access)})


class VerifyPasswordView(SignedInView):
    @plain_json("VerifyPassword", request={"password": str}, response={"result": bool})
    def post(self, request):
        password = self.field(self.body(request), "password")
        return Response({"result": sessions.verify_password(request=request, user=request.user, password=password)})


class LogoutView(PlainJsonView):
    @plain_json("Logout", request={"refresh_token": str}, response={"success": bool})
    def post(self, request):
        body = self.body(request, nested=False)
        sessions.sign_out(
            raw_tokens=[bearer(request), body.get("refresh_token"), request.COOKIES.get(auth.REFRESH_COOKIE)]
        )
        response = Response({"success": True})
        clear_refresh_cookies(response)
        return response


class BlacklistView(SignedInView):
    @plain_json("BlacklistTokens", response={"success": bool})
    def post(self, request):
        sessions.revoke_all_tokens(user=request.user)
        response = Response({"success": True})
        clear_refresh_cookies(response)
        return response
