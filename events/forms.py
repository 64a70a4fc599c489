"""Forms of the server-rendered organizer pages: the event wizard's details and tickets steps.

Dates are entered in the event's own timezone (an HTML `datetime-local` input holds no zone) and stored as
aware UTC. The tickets step is a Django formset: every row carries its own prefix (`tickets-3-is_hidden`), so
an unchecked "Hide ticket" box can never shift onto another ticket (the seed's unchecked-checkbox pitfall).
"""

import zoneinfo
from decimal import Decimal

from django import forms
from django.forms import formset_factory

from eventyay import limits
from eventyay.errors import DomainError
from tickets.models import Ticket

DATETIME_INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


def timezone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name or name == "UTC"]


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs={"class": "form-control", **(attrs or {})}, format="%Y-%m-%dT%H:%M")


class LocalDateTimeField(forms.DateTimeField):
    """A wall-clock datetime; the form attaches the event's timezone in `clean()` (see `localize`)."""

    widget = LocalDateTimeInput

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATETIME_INPUT_FORMATS)
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        # Django made it aware in the current (UTC) zone; keep only the wall-clock reading.
        value = value.replace(tzinfo=None) if value is not None else None
        try:
            limits.check_datetime(value, None)  # far from the years where a time zone shift overflows
        except DomainError as exc:
            raise forms.ValidationError(exc.detail, code="out_of_range")
        return value


def localize(value, tz_name):
    """Attach `tz_name` to a naive wall-clock datetime (None stays None)."""
    if value is None:
        return None
    return value.replace(tzinfo=zoneinfo.ZoneInfo(tz_name))


def wall_clock(value, tz_name):
    """An aware datetime as a naive wall-clock reading in `tz_name`, for the form's initial value."""
    if value is None:
        return None
    try:
        return value.astimezone(zoneinfo.ZoneInfo(tz_name)).replace(tzinfo=None)
    except OverflowError:  # a stored date at the very edge of the calendar: show it in UTC rather than fail
        return value.replace(tzinfo=None)


def _control(widget_class=forms.TextInput, **attrs):
    return widget_class(attrs={"class": "form-control", **attrs})


class EventDetailsForm(forms.Form):
    """Step 1: what, when, where."""

    name = forms.CharField(max_length=255, widget=_control(placeholder="My awesome event"))
    starts_at = LocalDateTimeField(label="Starts")
    ends_at = LocalDateTimeField(label="Ends")
    timezone = forms.ChoiceField(
        choices=timezone_choices, initial="UTC", widget=forms.Select(attrs={"class": "form-select"})
    )
    online = forms.BooleanField(
        required=False, label="Online event", widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
    )
    location_name = forms.CharField(
        max_length=500, required=False, label="Location", widget=_control(placeholder="Venue, street, city")
    )
    description = forms.CharField(required=False, widget=_control(forms.Textarea, rows=5))

    @classmethod
    def initial_for(cls, event):
        tz = event.timezone or "UTC"
        return {
            "name": event.name,
            "starts_at": wall_clock(event.starts_at, tz),
            "ends_at": wall_clock(event.ends_at, tz),
            "timezone": tz,
            "online": event.online,
            "location_name": event.location_name,
            "description": event.description,
        }

    def clean(self):
        data = super().clean()
        tz = data.get("timezone")
        if tz:
            data["starts_at"] = localize(data.get("starts_at"), tz)
            data["ends_at"] = localize(data.get("ends_at"), tz)
            if data["starts_at"] and data["ends_at"] and data["ends_at"] < data["starts_at"]:
                self.add_error("ends_at", "The event cannot end before it starts.")
        return data

    def service_data(self):
        return dict(self.cleaned_data)


class TicketForm(forms.Form):
    """One row of the tickets step. `ticket_id` names an existing ticket of this event (empty for a new one)."""

    ticket_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    type = forms.ChoiceField(choices=Ticket.Type.choices, widget=forms.HiddenInput)
    name = forms.CharField(max_length=255, widget=_control(placeholder="Ticket name"))
    price = forms.DecimalField(
        required=False,
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
        widget=_control(forms.NumberInput, step="0.01", min="0"),
    )
    min_price = forms.DecimalField(
        required=False,
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
        label="Minimum donation",
        widget=_control(forms.NumberInput, step="0.01", min="0"),
    )
    max_price = forms.DecimalField(
        required=False,
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
        label="Maximum donation",
        widget=_control(forms.NumberInput, step="0.01", min="0"),
    )
    quantity = forms.IntegerField(min_value=1, initial=100, widget=_control(forms.NumberInput, min="1"))
    description = forms.CharField(required=False, widget=_control(forms.Textarea, rows=2))
    sales_starts_at = LocalDateTimeField(required=False, label="Sales start")
    sales_ends_at = LocalDateTimeField(required=False, label="Sales end")
    min_order = forms.IntegerField(
        min_value=1, initial=1, label="Minimum per order", widget=_control(forms.NumberInput, min="1")
    )
    max_order = forms.IntegerField(
        min_value=1, initial=10, label="Maximum per order", widget=_control(forms.NumberInput, min="1")
    )
    is_hidden = forms.BooleanField(
        required=False, label="Hide ticket", widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
    )

    @staticmethod
    def initial_for(ticket, tz):
        return {
            "ticket_id": ticket.pk,
            "type": ticket.type,
            "name": ticket.name,
            "price": ticket.price,
            "min_price": ticket.min_price,
            "max_price": ticket.max_price,
            "quantity": ticket.quantity,
            "description": ticket.description,
            "sales_starts_at": wall_clock(ticket.sales_starts_at, tz),
            "sales_ends_at": wall_clock(ticket.sales_ends_at, tz),
            "min_order": ticket.min_order,
            "max_order": ticket.max_order,
            "is_hidden": ticket.is_hidden,
        }

    def clean(self):
        data = super().clean()
        kind = data.get("type")
        if kind == Ticket.Type.PAID:
            if data.get("price") in (None, Decimal("0")):
                self.add_error("price", "A paid ticket needs a price above zero.")
        elif kind == Ticket.Type.DONATION:
            low, high = data.get("min_price"), data.get("max_price")
            if low is not None and high is not None and high < low:
                self.add_error("max_price", "The maximum donation is below the minimum.")
        low, high = data.get("min_order"), data.get("max_order")
        if low and high and high < low:
            self.add_error("max_order", "The maximum per order is below the minimum.")
        start, end = data.get("sales_starts_at"), data.get("sales_ends_at")
        if start and end and end < start:
            self.add_error("sales_ends_at", "Sales cannot end before they start.")
        return data

    def service_data(self, tz, position):
        """The ticket fields for `tickets.services` (prices that do not apply to the type are zeroed)."""
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("ticket_id", "DELETE")}
        kind = data["type"]
        data["price"] = data["price"] or Decimal("0") if kind == Ticket.Type.PAID else Decimal("0")
        if kind == Ticket.Type.DONATION:
            data["min_price"] = data["min_price"] or Decimal("0")
        else:
            data["min_price"], data["max_price"] = Decimal("0"), None
        data["sales_starts_at"] = localize(data["sales_starts_at"], tz)
        data["sales_ends_at"] = localize(data["sales_ends_at"], tz)
        data["position"] = position
        return data


class BaseTicketFormSet(forms.BaseFormSet):
    def __init__(self, *args, event=None, **kwargs):
        self.event = event
        super().__init__(*args, **kwargs)

    def clean(self):
        if any(self.errors):
            return
        known = (
            set(self.event.tickets.filter(deleted_at__isnull=True).values_list("pk", flat=True))
            if self.event
            else set()
        )
        names = {}
        for form in self.forms:
            if self._should_delete_form(form) or not form.cleaned_data:
                continue
            ticket_id = form.cleaned_data.get("ticket_id")
            if ticket_id is not None and ticket_id not in known:
                form.add_error(None, "This ticket no longer exists; reload the page.")
            name = (form.cleaned_data.get("name") or "").strip().lower()
            if name in names:
                form.add_error("name", "Two tickets cannot have the same name.")
            names[name] = form


TicketFormSet = formset_factory(TicketForm, formset=BaseTicketFormSet, extra=0, can_delete=True)
TICKETS_PREFIX = "tickets"
