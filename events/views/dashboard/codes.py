"""Discount and access codes: lists with the uses left, create, edit, deactivate/reactivate — all through
`tickets.services.codes`. One set of views serves both kinds (`kind` = "discount" | "access")."""

from django.contrib import messages
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect
from django.views import View
from django.views.generic import TemplateView

from events.views.dashboard.base import EventDashboardMixin, code_rules, run_action
from events.views.dashboard.filters import CodeFilterForm
from events.views.dashboard.forms import AccessCodeForm, DiscountCodeForm
from events.views.ticket_rows import add_domain_error
from eventyay.errors import DomainError
from eventyay.lists import ListQuery
from tickets import services
from tickets.models import AccessCode, Attendee, DiscountCode, Ticket

KINDS = {
    "discount": {
        "model": DiscountCode,
        "form": DiscountCodeForm,
        "create": services.discount_code_create,
        "update": services.discount_code_update,
        "label": "Discount code",
    },
    "access": {
        "model": AccessCode,
        "form": AccessCodeForm,
        "create": services.access_code_create,
        "update": services.access_code_update,
        "label": "Access code",
    },
}
SORTS = {
    "code": ("Code", ["code"]),
    "used": ("Used", ["used"]),
    "valid_till": ("Valid till", ["valid_till"]),
    "created": ("Created", ["created_at"]),
}


def _count(queryset):
    return Coalesce(Subquery(queryset.order_by().values("n")[:1], output_field=IntegerField()), Value(0))


def code_queryset(event, kind):
    """The event's codes of `kind` with `used` (seats held with the code) and their alive tickets."""
    alive_tickets = Prefetch(
        "tickets", queryset=Ticket.objects.alive().order_by("position", "id"), to_attr="_live_tickets"
    )
    if kind == "discount":
        used = Attendee.objects.filter(discount_code=OuterRef("pk"), seat__isnull=False)
        used = used.values("discount_code").annotate(n=Count("pk"))
        queryset = event.discount_codes.alive()
    else:
        used = Attendee.objects.filter(
            order__access_code=OuterRef("pk"), ticket__access_codes=OuterRef("pk"), seat__isnull=False
        )
        used = used.values("order__access_code").annotate(n=Count("pk"))
        queryset = event.access_codes.alive()
    return queryset.annotate(used=_count(used)).prefetch_related(alive_tickets)


class CodeMixin(EventDashboardMixin):
    kind = "discount"

    @property
    def page(self):
        return f"{self.kind}-codes"

    @property
    def spec(self):
        return KINDS[self.kind]

    def get_code(self):
        code = code_queryset(self.event, self.kind).filter(pk=self.kwargs["code_id"]).first()
        if code is None:
            raise Http404("No such code.")
        return code

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        create, update = code_rules(self.kind)
        context.update(
            kind=self.kind, label=self.spec["label"], can_create=self.may(create), can_update=self.may(update)
        )
        return context


class CodeListView(CodeMixin, TemplateView):
    template_name = "dashboard/event/codes/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        listing = ListQuery(
            self.request,
            code_queryset(self.event, self.kind),
            sorts=SORTS,
            default_sort="code",
            filter_form=CodeFilterForm,
            form_kwargs={"event": self.event},
        )
        for code in listing.rows:
            code.uses_left = None if code.tickets_number is None else max(code.tickets_number - code.used, 0)
        context["listing"] = listing
        return context


class CodeFormView(CodeMixin, TemplateView):
    """Create (no `code_id`) or edit a code; a bad value is an error next to its field, nothing typed is lost."""

    template_name = "dashboard/event/codes/form.html"

    def dispatch(self, request, *args, **kwargs):
        self.code = None
        return super().dispatch(request, *args, **kwargs)

    def rule(self):
        create, update = code_rules(self.kind)
        return update if "code_id" in self.kwargs else create

    def get_form(self, data=None):
        form_class = self.spec["form"]
        if data is not None:
            return form_class(data, event=self.event)
        if self.code is None:
            return form_class(event=self.event)
        initial = form_class.initial_for(self.code, self.event.timezone or "UTC", self.code.live_tickets)
        return form_class(initial=initial, event=self.event)

    def get(self, request, *args, **kwargs):
        self.require(self.rule())
        if "code_id" in kwargs:
            self.code = self.get_code()
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        self.require(self.rule())
        if "code_id" in kwargs:
            self.code = self.get_code()
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                if self.code is None:
                    self.spec["create"](actor=request.user, event=self.event, data=form.service_data())
                else:
                    self.spec["update"](actor=request.user, instance=self.code, data=form.service_data())
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                messages.success(request, f"{self.spec['label']} {form.cleaned_data['code']} saved.")
                return redirect(self.page_url())
        return self.render_to_response(self.get_context_data(form=form), status=422)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["code"] = self.code
        return context


class CodeActiveView(CodeMixin, View):
    """POST `is_active` = 1|0: deactivate (or reactivate) a code."""

    def post(self, request, *args, **kwargs):
        self.require(code_rules(self.kind)[1])
        code = self.get_code()
        active = request.POST.get("is_active") == "1"
        return run_action(
            request,
            lambda: self.spec["update"](actor=request.user, instance=code, data={"is_active": active}),
            f"{code.code} is {'active again' if active else 'deactivated'}.",
            next_url=self.page_url(),
        )


class DiscountCodeListView(CodeListView):
    kind = "discount"


class DiscountCodeCreateView(CodeFormView):
    kind = "discount"


class DiscountCodeEditView(CodeFormView):
    kind = "discount"


class DiscountCodeActiveView(CodeActiveView):
    kind = "discount"


class AccessCodeListView(CodeListView):
    kind = "access"


class AccessCodeCreateView(CodeFormView):
    kind = "access"


class AccessCodeEditView(CodeFormView):
    kind = "access"


class AccessCodeActiveView(CodeActiveView):
    kind = "access"
