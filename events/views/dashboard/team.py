"""Team: members and pending invites with their roles; invite by e-mail with a role, revoke an invite, change a
member's role or remove them (never the last organizer) — through `roles.invites`."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.views import View
from django.views.generic import TemplateView

from events.views.dashboard.base import INVITE_CREATE, INVITE_DELETE, MEMBER_CHANGE, EventDashboardMixin, run_action
from events.views.dashboard.filters import MemberFilterForm
from events.views.dashboard.forms import InviteForm, MemberRoleForm
from events.views.dashboard.index import ROLE_LABELS
from events.views.ticket_rows import add_domain_error
from eventyay.errors import DomainError
from eventyay.lists import ListQuery
from roles import invites
from roles.models import Role, RoleInvite

MEMBER_SORTS = {
    "email": ("E-mail", ["user__email"]),
    "name": ("Name", ["user__last_name", "user__first_name"]),
    "role": ("Role", ["role__id"]),
    "since": ("Since", ["created_at"]),
}
INVITE_SORTS = {
    "email": ("E-mail", ["email"]),
    "role": ("Role", ["role__id"]),
    "sent": ("Sent", ["created_at"]),
}


class TeamView(EventDashboardMixin, TemplateView):
    template_name = "dashboard/event/team.html"
    page = "team"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        members = ListQuery(
            self.request,
            self.event.user_roles.exclude(role__name=Role.ATTENDEE).select_related("user", "role"),
            sorts=MEMBER_SORTS,
            default_sort="role",
            filter_form=MemberFilterForm,
            form_kwargs={"event": self.event},
        )
        pending = ListQuery(
            self.request,
            self.event.role_invites.filter(status=RoleInvite.Status.PENDING).select_related("role"),
            sorts=INVITE_SORTS,
            default_sort="-sent",
            prefix="i-",
        )
        may_change = self.may(MEMBER_CHANGE)
        for member in members.rows:
            member.label = ROLE_LABELS.get(member.role.name, member.role.name)
            member.form = (
                MemberRoleForm(initial={"role": member.role.name}, prefix=f"m{member.pk}") if may_change else None
            )
        for invite in pending.rows:
            invite.label = ROLE_LABELS.get(invite.role.name, invite.role.name)
        context.update(
            members=members,
            invites=pending,
            can_invite=self.may(INVITE_CREATE),
            can_revoke=self.may(INVITE_DELETE),
            can_change=may_change,
        )
        if context["can_invite"]:
            context.setdefault("invite_form", InviteForm())
        return context


class InviteView(TeamView):
    """POST an invite; a bad e-mail or role is shown next to its field on the team page (status 422)."""

    def get(self, request, *args, **kwargs):
        return redirect(self.page_url())

    def post(self, request, *args, **kwargs):
        self.require(INVITE_CREATE)
        form = InviteForm(request.POST)
        if form.is_valid():
            try:
                invite = invites.role_invite_create(actor=request.user, data=form.service_data(), event=self.event)
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                messages.success(request, f"{invite.email} is invited as {ROLE_LABELS.get(invite.role.name)}.")
                return redirect(self.page_url())
        return self.render_to_response(self.get_context_data(invite_form=form), status=422)


class InviteRevokeView(EventDashboardMixin, View):
    page = "team"

    def post(self, request, *args, **kwargs):
        self.require(INVITE_DELETE)
        invite = self.event.role_invites.filter(pk=kwargs["invite_id"], status=RoleInvite.Status.PENDING).first()
        if invite is None:
            raise Http404("No such invite.")
        return run_action(
            request,
            lambda: invites.role_invite_delete(actor=request.user, instance=invite),
            f"The invite of {invite.email} is revoked.",
            next_url=self.page_url(),
        )


class MemberView(EventDashboardMixin, View):
    """POST `action` = change (with `m<id>-role`) | remove."""

    page = "team"

    def post(self, request, *args, **kwargs):
        self.require(MEMBER_CHANGE)
        member = self.event.user_roles.select_related("user", "role").filter(pk=kwargs["member_id"]).first()
        if member is None or member.role.name == Role.ATTENDEE:
            raise Http404("No such member.")
        action, back = request.POST.get("action"), self.page_url()
        if action == "remove":
            return run_action(
                request,
                lambda: invites.users_events_role_delete(actor=request.user, instance=member),
                f"{member.user.email} is no longer {ROLE_LABELS.get(member.role.name)}.",
                next_url=back,
            )
        if action == "change":
            form = MemberRoleForm(request.POST, prefix=f"m{member.pk}")
            if not form.is_valid():
                messages.error(request, "Choose one of the roles offered.")
                return redirect(back)
            role = form.cleaned_data["role"]
            return run_action(
                request,
                lambda: invites.users_events_role_change(actor=request.user, instance=member, role_name=role),
                f"{member.user.email} is now {ROLE_LABELS.get(role)}.",
                next_url=back,
            )
        raise Http404("No such action.")
