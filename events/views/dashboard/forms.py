"""The dashboard's edit forms: discount and access codes, team invites and member roles. Forms parse and check
the shape of the input; the services (`tickets.services.codes`, `roles.invites`) own the rules, and their
DomainErrors land next to the field they name."""

from django import forms

from events.forms import LocalDateTimeField, localize, wall_clock
from events.views.dashboard.index import ROLE_LABELS
from roles.invites import INVITABLE_ROLES
from tickets.models import DiscountCode

CONTROL = {"class": "form-control"}


def role_choices():
    return [(name, ROLE_LABELS.get(name, name)) for name in INVITABLE_ROLES]


class CodeForm(forms.Form):
    """What discount and access codes share. `event` gives the tickets to choose from and the timezone."""

    code = forms.CharField(max_length=100, widget=forms.TextInput(attrs={**CONTROL, "autocomplete": "off"}))
    tickets = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})
    )
    tickets_number = forms.IntegerField(
        min_value=1, required=False, label="Total uses (seats)", widget=forms.NumberInput(attrs={**CONTROL, "min": 1})
    )
    min_quantity = forms.IntegerField(
        min_value=0, initial=1, label="Minimum tickets per order", widget=forms.NumberInput(attrs={**CONTROL, "min": 0})
    )
    max_quantity = forms.IntegerField(
        min_value=1,
        required=False,
        label="Maximum tickets per order",
        widget=forms.NumberInput(attrs={**CONTROL, "min": 1}),
    )
    valid_from = LocalDateTimeField(required=False, label="Valid from")
    valid_till = LocalDateTimeField(required=False, label="Valid till", help_text="Empty: until the event ends.")
    is_active = forms.BooleanField(
        required=False, initial=True, label="Active", widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
    )

    FIELDS = ("code", "tickets_number", "min_quantity", "max_quantity", "valid_from", "valid_till", "is_active")

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.tz = event.timezone or "UTC"
        self.ticket_objects = {t.pk: t for t in event.tickets.alive().order_by("position", "id")}
        self.fields["tickets"].choices = [(pk, ticket.name) for pk, ticket in self.ticket_objects.items()]

    @classmethod
    def initial_for(cls, code, tz, tickets):
        initial = {name: getattr(code, name) for name in cls.FIELDS}
        initial["valid_from"] = wall_clock(code.valid_from, tz)
        initial["valid_till"] = wall_clock(code.valid_till, tz)
        initial["tickets"] = [t.pk for t in tickets]
        return initial

    def clean(self):
        data = super().clean()
        for name in ("valid_from", "valid_till"):
            if name in data:
                data[name] = localize(data[name], self.tz)
        low, high = data.get("min_quantity"), data.get("max_quantity")
        if low is not None and high is not None and high < low:
            self.add_error("max_quantity", "The maximum is below the minimum.")
        if data.get("valid_from") and data.get("valid_till") and data["valid_till"] < data["valid_from"]:
            self.add_error("valid_till", "The code cannot end before it starts.")
        return data

    def service_data(self):
        data = {name: self.cleaned_data.get(name) for name in self.FIELDS}
        data["tickets"] = [self.ticket_objects[pk] for pk in self.cleaned_data.get("tickets", [])]
        return data


class DiscountCodeForm(CodeForm):
    type = forms.ChoiceField(choices=DiscountCode.Type.choices, widget=forms.Select(attrs={"class": "form-select"}))
    value = forms.DecimalField(
        min_value=0, max_digits=12, decimal_places=2, widget=forms.NumberInput(attrs={**CONTROL, "step": "0.01"})
    )

    FIELDS = (*CodeForm.FIELDS, "type", "value")
    field_order = ("code", "type", "value", "tickets")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tickets"].help_text = "A ticket has one discount code: choosing it here moves it to this code."

    def clean(self):
        data = super().clean()
        if data.get("type") == DiscountCode.Type.PERCENT and data.get("value") is not None and data["value"] > 100:
            self.add_error("value", "A percentage must be between 0 and 100.")
        return data


class AccessCodeForm(CodeForm):
    field_order = ("code", "tickets")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tickets"].label = "Unlocks these tickets"


class InviteForm(forms.Form):
    email = forms.EmailField(
        max_length=254, widget=forms.EmailInput(attrs={**CONTROL, "placeholder": "name@example.org"})
    )
    role = forms.ChoiceField(widget=forms.Select(attrs={"class": "form-select"}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_invite_%s")  # the member filter on the same page has a `role` too
        kwargs.setdefault("initial", {"role": "coorganizer"})
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices()

    def service_data(self):
        return {"email": self.cleaned_data["email"], "role_name": self.cleaned_data["role"]}


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(widget=forms.Select(attrs={"class": "form-select form-select-sm"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices()
