"""The notification centre (`/notifications`): all my notifications, unread first, filterable by state and
kind, paginated; mark one or all read (CSRF-protected forms, through `notifications.services`, which also
updates the bell on every open page)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from eventyay.lists import ListQuery
from notifications import services
from notifications.models import Notification

SORTS = {
    "unread": ("Unread first", ["is_read", "-received_at"]),
    "received": ("Received", ["received_at"]),
    "title": ("Title", ["title"]),
}
SELECT = {"class": "form-select form-select-sm"}
KIND_LABELS = {**dict(Notification.Kind.choices), "session_state": "Session"}


class NotificationFilterForm(forms.Form):
    state = forms.ChoiceField(
        required=False,
        choices=[("", "All"), ("unread", "Unread"), ("read", "Read")],
        widget=forms.Select(attrs=SELECT),
    )
    kind = forms.ChoiceField(required=False, widget=forms.Select(attrs=SELECT))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Any kind"), *KIND_LABELS.items()]

    def apply(self, queryset, data):
        if data.get("state"):
            queryset = queryset.filter(is_read=data["state"] == "read")
        if data.get("kind"):
            queryset = queryset.filter(kind=data["kind"])
        return queryset


class NotificationCentreView(LoginRequiredMixin, TemplateView):
    template_name = "notifications/centre.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        listing = ListQuery(
            self.request,
            self.request.user.notifications.all(),
            sorts=SORTS,
            default_sort="unread",
            filter_form=NotificationFilterForm,
        )
        for notification in listing.rows:
            notification.kind_label = KIND_LABELS.get(notification.kind, notification.kind)
            notification.link = link_for(notification)
        context["listing"] = listing
        context["unread"] = self.request.user.notifications.unread().count()
        return context


def link_for(notification):
    """Where a notification leads, for the kinds that lead somewhere (no query: the target's id is enough)."""
    if notification.kind == Notification.Kind.ROLE_INVITE and notification.target_object_id:
        return reverse("role-invite-page", args=[notification.target_object_id])
    return None


def _back(request):
    value = request.POST.get("next") or ""
    return value if value.startswith("/notifications") else "/notifications"


class MarkReadView(LoginRequiredMixin, View):
    def post(self, request, pk):
        notification = request.user.notifications.filter(pk=pk).first()
        if notification is None:
            raise Http404("No such notification.")  # another user's: out of scope
        services.notification_mark_read(actor=request.user, instance=notification)
        return redirect(_back(request))


class MarkAllReadView(LoginRequiredMixin, View):
    def post(self, request):
        changed = services.notifications_mark_all_read(actor=request.user, user=request.user)
        messages.success(request, f"{changed} notification{'s' if changed != 1 else ''} marked read.")
        return redirect(_back(request))
