"""What every page of an event's dashboard shares: the navigation, who may open each page, and the rules of
the actions on them — all asked of `roles.permissions` (the module the API asks), through `roles.mixins`.

A page the user's roles do not allow answers 404 (the event's existence is not revealed) and its link is not
in the navigation; an action the roles do not allow answers 404 too.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from eventyay.errors import DomainError
from roles import permissions as rules
from roles.mixins import EventPermissionRequiredMixin


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    url_name: str
    rule: object


PAGES = (
    Page("overview", "Overview", "dashboard-overview", "is_event_team"),
    Page("orders", "Orders", "dashboard-orders", ("read", "order")),
    Page("attendees", "Attendees", "dashboard-attendees", ("read", "attendee")),
    Page("tickets", "Tickets", "dashboard-tickets", ("read", "ticket")),
    Page("discount-codes", "Discount codes", "dashboard-discount-codes", ("read", "discount_code")),
    Page("access-codes", "Access codes", "dashboard-access-codes", ("read", "access_code")),
    Page("team", "Team", "dashboard-team", "is_coorganizer"),
    Page("sessions", "Sessions", "dashboard-sessions", ("read", "session")),
    Page("transfer", "Export / import", "dashboard-transfer", "is_coorganizer"),
)
PAGE_RULES = {page.key: page.rule for page in PAGES}

#: the rules of the actions on the pages (the same pairs the API views declare)
ORDER_UPDATE = ("update", "order")
CHECK_IN = rules.AnyOf((("update", "attendee"), "is_registrar"))
TICKET_CREATE, TICKET_UPDATE, TICKET_DELETE = ("create", "ticket"), ("update", "ticket"), ("delete", "ticket")
INVITE_CREATE, INVITE_DELETE = ("create", "role_invite"), ("delete", "role_invite")
MEMBER_CHANGE = "is_organizer"
SESSION_UPDATE = ("update", "session")
EXPORT = "is_coorganizer"
WIZARD = "is_coorganizer"


def code_rules(kind):
    """(create, update) rules of discount or access codes."""
    service = f"{kind}_code"
    return ("create", service), ("update", service)


class EventDashboardMixin(EventPermissionRequiredMixin):
    """`self.event` from the URL, the page's rule checked (404 otherwise), and the navigation in the context."""

    page = "overview"

    @property
    def required_check(self):
        return PAGE_RULES[self.page]

    def may(self, rule):
        return rules.check(self.request.user, rule, event=self.event)

    def require(self, rule):
        if not self.may(rule):
            raise Http404("No such page.")

    def page_url(self, url_name=None, *args):
        return reverse(url_name or f"dashboard-{self.page}", args=[self.event.identifier, *args])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["nav"] = [
            {"key": page.key, "label": page.label, "url": reverse(page.url_name, args=[self.event.identifier])}
            for page in PAGES
            if self.may(page.rule)
        ]
        context["page"] = self.page
        context["can_edit_event"] = self.may(WIZARD)
        return context


def run_action(request, action, success, *, next_url):
    """Call a service; its DomainError becomes an error message. Redirects to `next_url` either way."""
    try:
        action()
    except DomainError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, success)
    return redirect(next_url)


def safe_next(request, fallback):
    """A same-site path from the form's `next` (never another host)."""
    value = request.POST.get("next") or ""
    if value.startswith("/") and url_has_allowed_host_and_scheme(value, allowed_hosts=None):
        return value
    return fallback
