"""The invite page an invitee lands on: `/role-invites?token=<hash>` (the link in the invite e-mail) or
`/role-invites/<id>` (from the notification centre, for the invitee's own account). Accepting or declining
goes through `roles.invites`, which decides who may (the invitee); the new role opens the event's dashboard."""

import re

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from eventyay.errors import DomainError
from roles import invites
from roles.models import RoleInvite

TOKEN = re.compile(r"[0-9a-f]{1,64}")  # invite hashes are hex (`secrets.token_hex`)


class RoleInvitePageView(LoginRequiredMixin, TemplateView):
    template_name = "roles/invite.html"

    def token(self):
        return self.request.GET.get("token") or self.request.POST.get("token") or ""

    def get_invite(self):
        queryset = RoleInvite.objects.select_related("event", "role").filter(event__deleted_at__isnull=True)
        token = self.token()
        if token:
            invite = queryset.filter(hash=token).first() if TOKEN.fullmatch(token) else None
        elif "pk" in self.kwargs:
            invite = queryset.filter(pk=self.kwargs["pk"], email__iexact=self.request.user.email).first()
        else:
            invite = None
        if invite is None:
            raise Http404("No such invite.")
        return invite

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        invite = self.get_invite()
        context["invite"] = invite
        context["token"] = self.request.GET.get("token", "")
        context["for_someone_else"] = invite.email.lower() != self.request.user.email.lower()
        return context

    def post(self, request, *args, **kwargs):
        invite = self.get_invite()
        try:
            if request.POST.get("decision") == "decline":
                invites.role_invite_update(actor=request.user, instance=invite, data={"status": "declined"})
                messages.info(request, f"You declined to join {invite.event.name}.")
                return redirect("dashboard")
            invites.role_invite_accept(actor=request.user, invite=invite, token=self.token() or None)
        except DomainError as exc:
            messages.error(request, exc.detail)
            return redirect(request.get_full_path())
        messages.success(request, f"You are now {invite.role} of {invite.event.name}.")
        return redirect(reverse("dashboard-overview", args=[invite.event.identifier]))
