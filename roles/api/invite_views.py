"""The invite-link endpoints of the Open Event client (plain JSON, as it posts them):

* `POST /v1/role_invites/user` `{"data": {"token": <hash>}}` → `{"email", "is_registered"}`: whom an invite link
  is for, so the client can offer sign-in or sign-up;
* `POST /v1/role_invites/accept-invite` `{"data": {"token": <hash>}}` → `{"email", "event", "event_identifier",
  "name", "role"}`: the signed-in invitee accepts (idempotent);
* `POST /v1/role-invites/<id>/resend-invite` (no body) → `{"success": true}`: the team page's "Resend invite"
  mails a pending invite again.
"""

from django.http import Http404
from rest_framework import renderers
from rest_framework.exceptions import NotFound, ParseError
from rest_framework.response import Response
from rest_framework.views import APIView

from eventyay.api.parsers import JsonParser, PlainJsonAsJsonApiParser
from eventyay.api.renderers import PlainJsonAsJsonApiRenderer
from eventyay.api.schema import plain_json
from eventyay.errors import DomainError
from roles import invites
from roles import permissions as rules
from roles.api.views import RoleInviteViewSet
from roles.models import RoleInvite, User


class InviteTokenView(APIView):
    parser_classes = (JsonParser, PlainJsonAsJsonApiParser)
    renderer_classes = (renderers.JSONRenderer, PlainJsonAsJsonApiRenderer)

    def invite(self, request):
        body = request.data if isinstance(request.data, dict) else {}
        payload = body.get("data", body)
        token = payload.get("token") if isinstance(payload, dict) else None
        if not token or not isinstance(token, str):
            raise ParseError("A token is required.")
        self.token = token
        invite = RoleInvite.objects.select_related("event", "role").filter(hash=token).first()
        if invite is None or invite.event.deleted_at is not None:
            raise NotFound("No such invite.")
        return invite


class InviteUserView(InviteTokenView):
    permission_rules = {"*": "public"}

    @plain_json("InviteUser", request={"data": dict}, response={"email": str, "is_registered": bool})
    def post(self, request):
        invite = self.invite(request)
        registered = User.objects.filter(email__iexact=invite.email, is_active=True).exists()
        return Response({"email": invite.email, "is_registered": registered})


class AcceptInviteView(InviteTokenView):
    permission_rules = {"*": "authenticated"}

    @plain_json(
        "AcceptInvite",
        request={"data": dict},
        response={"email": str, "event": int, "event_identifier": str, "name": str, "role": str},
    )
    def post(self, request):
        invite = self.invite(request)
        if invite.status == RoleInvite.Status.DECLINED:
            raise DomainError("This invite was declined.", status=409, code="conflict")
        invite = invites.role_invite_accept(actor=request.user, invite=invite, token=self.token)
        return Response(
            {
                "email": invite.email,
                "event": invite.event_id,
                "event_identifier": invite.event.identifier,
                "name": invite.event.name,
                "role": invite.role.name,
            }
        )


class ResendInviteView(APIView):
    """For those who may invite to the invite's event (its organizers, admins); an invite the actor cannot read
    answers 404, as on `/v1/role-invites/<id>`."""

    renderer_classes = (renderers.JSONRenderer, PlainJsonAsJsonApiRenderer)
    permission_rules = {"POST": "authenticated"}

    @plain_json("ResendInvite", response={"success": bool})
    def post(self, request, invite_id):
        readable = RoleInviteViewSet(request=request, kwargs={}, format_kwarg=None).readable(RoleInvite.objects.all())
        invite = readable.select_related("event", "role").filter(pk=invite_id).first()
        if invite is None:
            raise Http404("No such invite.")
        if not rules.can(request.user, "create", "role_invite", invite.event):
            raise DomainError("Only the event's organizers resend invites.", status=403, code="permission_denied")
        invites.role_invite_resend(actor=request.user, invite=invite)
        return Response({"success": True})
