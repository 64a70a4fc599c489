"""Django admin for the platform-level and billing types: ticket fees, event taxes, event invoices, ticket tags
and check-in stations. Forms run the services' validation, so the admin cannot store what the API refuses."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from eventyay.errors import DomainError
from tickets.models import EventInvoice, Station, Tax, TicketFee, TicketTag
from tickets.services import invoices, stations, taxes, ticket_fees


def _domain_check(form, validate):
    try:
        validate(form.instance)
    except DomainError as exc:
        raise ValidationError({exc.field: exc.detail} if exc.field in form.fields else exc.detail)


class TicketFeeForm(forms.ModelForm):
    class Meta:
        model = TicketFee
        fields = ticket_fees.FEE_FIELDS

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            for field in ticket_fees.FEE_FIELDS:
                setattr(self.instance, field, cleaned.get(field))
            _domain_check(self, ticket_fees._validate)
            clash = TicketFee.objects.alive().filter(currency=self.instance.currency, country=self.instance.country)
            if clash.exclude(pk=self.instance.pk).exists():
                raise ValidationError("A fee for this currency and country exists already.")
        return cleaned


@admin.register(TicketFee)
class TicketFeeAdmin(admin.ModelAdmin):
    form = TicketFeeForm
    list_display = ("currency", "country", "service_fee", "maximum_fee", "deleted_at")
    list_filter = ("currency", "deleted_at")
    search_fields = ("currency", "country")


class TaxForm(forms.ModelForm):
    class Meta:
        model = Tax
        fields = ("event", *taxes.TAX_FIELDS)

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            for field, value in cleaned.items():
                setattr(self.instance, field, value)
            _domain_check(self, taxes._validate)
            clash = Tax.objects.alive().filter(event=cleaned.get("event")).exclude(pk=self.instance.pk)
            if clash.exists():
                raise ValidationError({"event": "This event already has a tax."})
        return cleaned


@admin.register(Tax)
class TaxAdmin(admin.ModelAdmin):
    form = TaxForm
    list_display = ("name", "event", "rate", "is_tax_included_in_price", "country", "deleted_at")
    list_filter = ("is_tax_included_in_price", "deleted_at")
    search_fields = ("name", "tax_id", "event__name", "event__identifier")
    list_select_related = ("event",)
    raw_id_fields = ("event",)


class EventInvoiceForm(forms.ModelForm):
    class Meta:
        model = EventInvoice
        fields = ("event", *invoices.INVOICE_FIELDS)

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            for field, value in cleaned.items():
                setattr(self.instance, field, value)
            _domain_check(self, invoices._validate)
        return cleaned


@admin.register(EventInvoice)
class EventInvoiceAdmin(admin.ModelAdmin):
    form = EventInvoiceForm
    list_display = ("identifier", "event", "user", "amount", "status", "issued_at", "completed_at")
    list_filter = ("status", "paid_via")
    search_fields = ("identifier", "event__name", "event__identifier", "user__email")
    list_select_related = ("event", "user")
    raw_id_fields = ("event", "user")
    readonly_fields = ("identifier", "completed_at")


@admin.register(TicketTag)
class TicketTagAdmin(admin.ModelAdmin):
    list_display = ("name", "event", "deleted_at")
    search_fields = ("name", "event__name", "event__identifier")
    list_select_related = ("event",)
    raw_id_fields = ("event",)
    filter_horizontal = ("tickets",)


class StationForm(forms.ModelForm):
    class Meta:
        model = Station
        fields = ("event", "station_name", "station_type", "microlocation")

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            for field, value in cleaned.items():
                setattr(self.instance, field, value)
            _domain_check(self, stations._validate_station)
        return cleaned


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    form = StationForm
    list_display = ("station_name", "station_type", "event", "microlocation")
    list_filter = ("station_type",)
    search_fields = ("station_name", "event__name", "event__identifier")
    list_select_related = ("event", "microlocation")
    raw_id_fields = ("event", "microlocation")
