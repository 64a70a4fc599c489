"""The filter forms of the dashboard's lists (GET forms: the URL holds the view, see `eventyay.lists`).

Each form's `apply(queryset, data)` narrows a queryset that already starts from the event, with the fields
that validated (`data` is `cleaned_data`); a bad value is an error next to its field, never a 500.
"""

import zoneinfo
from datetime import datetime, time, timedelta

from django import forms
from django.db.models import Exists, OuterRef, Q

from events.models import Session
from roles.invites import INVITABLE_ROLES
from tickets.models import Attendee, Order

SMALL = "form-control form-control-sm"
SELECT = "form-select form-select-sm"
YES_NO = [("", "Any"), ("yes", "Yes"), ("no", "No")]


def search_input(placeholder):
    return forms.TextInput(attrs={"class": SMALL, "placeholder": placeholder, "type": "search"})


def select():
    return forms.Select(attrs={"class": SELECT})


def words(text):
    return [word for word in (text or "").split() if word][:5]


class EventFilterForm(forms.Form):
    """Knows the event: its tickets (for the ticket filter) and its timezone (for date filters)."""

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.tz = zoneinfo.ZoneInfo(event.timezone or "UTC")
        if "ticket" in self.fields:
            tickets = event.tickets.alive().order_by("position", "id").values_list("pk", "name")
            self.fields["ticket"].choices = [("", "Any ticket"), *tickets]

    def day_start(self, day):
        return datetime.combine(day, time.min, tzinfo=self.tz)


def ticket_field():
    return forms.TypedChoiceField(required=False, coerce=int, empty_value=None, widget=select())


class OrderFilterForm(EventFilterForm):
    q = forms.CharField(required=False, max_length=200, label="Search", widget=search_input("Order, buyer or attendee"))
    status = forms.ChoiceField(
        required=False, label="State", choices=[("", "Any state"), *Order.Status.choices], widget=select()
    )
    ticket = ticket_field()
    created_from = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"class": SMALL, "type": "date"})
    )
    created_to = forms.DateField(
        required=False, label="To", widget=forms.DateInput(attrs={"class": SMALL, "type": "date"})
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("created_from"), data.get("created_to")
        if start and end and end < start:
            self.add_error("created_to", "The end date is before the start date.")
            data.pop("created_to", None)
        return data

    def apply(self, queryset, data):
        for word in words(data.get("q")):
            attendees = Attendee.objects.filter(order=OuterRef("pk")).filter(
                Q(firstname__icontains=word) | Q(lastname__icontains=word) | Q(email__icontains=word)
            )
            queryset = queryset.filter(
                Q(identifier__icontains=word) | Q(user__email__icontains=word) | Q(Exists(attendees))
            )
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("ticket"):
            queryset = queryset.filter(Exists(Attendee.objects.filter(order=OuterRef("pk"), ticket_id=data["ticket"])))
        if data.get("created_from"):
            queryset = queryset.filter(created_at__gte=self.day_start(data["created_from"]))
        if data.get("created_to"):
            queryset = queryset.filter(created_at__lt=self.day_start(data["created_to"] + timedelta(days=1)))
        return queryset


class AttendeeFilterForm(EventFilterForm):
    q = forms.CharField(required=False, max_length=200, label="Search", widget=search_input("Name, e-mail or order"))
    ticket = ticket_field()
    checked_in = forms.ChoiceField(required=False, label="Checked in", choices=YES_NO, widget=select())
    order_status = forms.ChoiceField(
        required=False, label="Order", choices=[("", "Any order"), *Order.Status.choices], widget=select()
    )

    def apply(self, queryset, data):
        for word in words(data.get("q")):
            queryset = queryset.filter(
                Q(firstname__icontains=word)
                | Q(lastname__icontains=word)
                | Q(email__icontains=word)
                | Q(order__identifier__icontains=word)
            )
        if data.get("ticket"):
            queryset = queryset.filter(ticket_id=data["ticket"])
        if data.get("checked_in"):
            queryset = queryset.filter(is_checked_in=data["checked_in"] == "yes")
        if data.get("order_status"):
            queryset = queryset.filter(order__status=data["order_status"])
        return queryset


class CodeFilterForm(EventFilterForm):
    q = forms.CharField(required=False, max_length=100, label="Search", widget=search_input("Code"))
    active = forms.ChoiceField(required=False, label="Active", choices=YES_NO, widget=select())

    def apply(self, queryset, data):
        if data.get("q"):
            queryset = queryset.filter(code__icontains=data["q"].strip())
        if data.get("active"):
            queryset = queryset.filter(is_active=data["active"] == "yes")
        return queryset


class SessionFilterForm(EventFilterForm):
    q = forms.CharField(required=False, max_length=200, label="Search", widget=search_input("Title or speaker"))
    state = forms.ChoiceField(
        required=False, label="State", choices=[("", "Any state"), *Session.State.choices], widget=select()
    )
    track = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, widget=select())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["track"].choices = [("", "Any track"), *self.event.tracks.alive().values_list("pk", "name")]

    def apply(self, queryset, data):
        for word in words(data.get("q")):
            speakers = Session.speakers.through.objects.filter(
                session=OuterRef("pk"), speaker__name__icontains=word, speaker__deleted_at__isnull=True
            )
            queryset = queryset.filter(Q(title__icontains=word) | Q(Exists(speakers)))
        if data.get("state"):
            queryset = queryset.filter(state=data["state"])
        if data.get("track"):
            queryset = queryset.filter(track_id=data["track"])
        return queryset


class MemberFilterForm(EventFilterForm):
    q = forms.CharField(required=False, max_length=200, label="Search", widget=search_input("Name or e-mail"))
    role = forms.ChoiceField(
        required=False,
        label="Role",
        choices=[("", "Any role"), *[(r, r.replace("_", " ").capitalize()) for r in INVITABLE_ROLES]],
        widget=select(),
    )

    def apply(self, queryset, data):
        for word in words(data.get("q")):
            queryset = queryset.filter(
                Q(user__email__icontains=word)
                | Q(user__first_name__icontains=word)
                | Q(user__last_name__icontains=word)
            )
        if data.get("role"):
            queryset = queryset.filter(role__name=data["role"])
        return queryset
