"""Sessions and speakers: the list with states and speakers, a session's page with its speakers, and the
team's decisions (accept, reject, confirm) through `events.content_services.session_decide`."""

from django.db.models import Prefetch
from django.http import Http404
from django.views import View
from django.views.generic import TemplateView

from events.content_services import SESSION_DECISIONS, session_decide
from events.models import Speaker
from events.views.dashboard.base import SESSION_UPDATE, EventDashboardMixin, run_action, safe_next
from events.views.dashboard.filters import SessionFilterForm
from eventyay.lists import ListQuery

SORTS = {
    "title": ("Title", ["title"]),
    "state": ("State", ["state"]),
    "track": ("Track", ["track__name"]),
    "starts": ("Starts", ["starts_at"]),
    "submitted": ("Submitted", ["submitted_at"]),
}
VERBS = {"accepted": "Accept", "rejected": "Reject", "confirmed": "Confirm"}


def session_queryset(event):
    speakers = Prefetch("speakers", queryset=Speaker.objects.alive().order_by("order", "id"))
    return event.sessions.alive().select_related("track", "session_type").prefetch_related(speakers)


def decisions(session):
    """[(state, verb)] of the decisions open to `session`."""
    return [(state, VERBS[state]) for state, sources in SESSION_DECISIONS.items() if session.state in sources]


class SessionListView(EventDashboardMixin, TemplateView):
    template_name = "dashboard/event/sessions/list.html"
    page = "sessions"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        listing = ListQuery(
            self.request,
            session_queryset(self.event),
            sorts=SORTS,
            default_sort="title",
            filter_form=SessionFilterForm,
            form_kwargs={"event": self.event},
        )
        can_update = self.may(SESSION_UPDATE)
        for session in listing.rows:
            session.decisions = decisions(session) if can_update else []
        context.update(listing=listing, can_update=can_update)
        return context


class SessionMixin(EventDashboardMixin):
    page = "sessions"

    def get_session(self):
        session = session_queryset(self.event).filter(pk=self.kwargs["session_id"]).first()
        if session is None:
            raise Http404("No such session.")
        return session


class SessionDetailView(SessionMixin, TemplateView):
    template_name = "dashboard/event/sessions/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = self.get_session()
        can_update = self.may(SESSION_UPDATE)
        session.decisions = decisions(session) if can_update else []
        context.update(session=session, speakers=list(session.speakers.alive()), can_update=can_update)
        return context


class SessionStateView(SessionMixin, View):
    """POST `state` = accepted | rejected | confirmed, `send_email` = 1 to e-mail the speakers too."""

    def post(self, request, *args, **kwargs):
        self.require(SESSION_UPDATE)
        session = self.get_session()
        state = request.POST.get("state", "")
        verb = VERBS.get(state, "")
        return run_action(
            request,
            lambda: session_decide(
                actor=request.user, instance=session, state=state, send_email=request.POST.get("send_email") == "1"
            ),
            f"{session.title!r} is {state}." if verb else "",
            next_url=safe_next(request, self.page_url("dashboard-session", session.pk)),
        )
