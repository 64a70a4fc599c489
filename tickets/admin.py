"""Django admin for tickets, codes, Stripe authorizations, orders and attendees. Writes go through the
services' rules: ticket forms run the ticket validation; order status changes go through `order_update`."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction

from events.admin import EventAdmin
from eventyay.errors import DomainError
from tickets import services
from tickets.models import AccessCode, Attendee, DiscountCode, Order, StripeAuthorization, Ticket
from tickets.services.codes import DISCOUNT_FIELDS
from tickets.services.codes import _validate_common as validate_code
from tickets.services.codes import _validate_value as validate_value
from tickets.services.orders import BILLING_FIELDS
from tickets.services.tickets import TICKET_FIELDS
from tickets.services.tickets import _validate as validate_ticket


class TicketAdminForm(forms.ModelForm):
    class Meta:
        model = Ticket
        fields = ("event", *TICKET_FIELDS, "discount_code")

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        ticket = self.instance
        for field, value in cleaned.items():
            if hasattr(ticket, field) and field not in ("event", "id", "DELETE"):
                setattr(ticket, field, value)
        event = cleaned.get("event") or getattr(ticket, "event", None)
        if event is not None:
            try:
                validate_ticket(ticket, event)
            except DomainError as exc:
                raise ValidationError({exc.field: exc.detail} if exc.field in self.fields else exc.detail)
        return cleaned


class TicketInline(admin.TabularInline):
    model = Ticket
    form = TicketAdminForm
    extra = 0
    fields = ("name", "type", "price", "min_price", "max_price", "quantity", "min_order", "max_order", "is_hidden")
    show_change_link = True


EventAdmin.inlines = [*EventAdmin.inlines, TicketInline]


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    form = TicketAdminForm
    list_display = ("name", "event", "type", "price", "quantity", "is_hidden", "sales_ends_at", "deleted_at")
    list_filter = ("type", "is_hidden", "deleted_at")
    search_fields = ("name", "event__name", "event__identifier")
    list_select_related = ("event",)
    raw_id_fields = ("event", "discount_code")


class DiscountCodeAdminForm(forms.ModelForm):
    class Meta:
        model = DiscountCode
        fields = ("event", *DISCOUNT_FIELDS, "created_by")

    def clean(self):
        cleaned = super().clean()
        if self.errors or cleaned.get("event") is None:
            return cleaned
        code = self.instance
        if code.pk and cleaned.get("used_for") != DiscountCode.objects.get(pk=code.pk).used_for:
            raise ValidationError({"used_for": "used-for cannot change."})
        for field, value in cleaned.items():
            setattr(code, field, value)
        try:
            validate_code(code, code.event, "discount")
            validate_value(code, list(code.tickets.alive()) if code.pk else [])
        except DomainError as exc:
            raise ValidationError({exc.field: exc.detail} if exc.field in self.fields else exc.detail)
        return cleaned


@admin.register(DiscountCode)
class DiscountCodeAdmin(admin.ModelAdmin):
    list_display = ("code", "event", "used_for", "type", "value", "tickets_number", "is_active", "valid_till")
    list_filter = ("used_for", "type", "is_active")
    search_fields = ("code", "event__name", "event__identifier")
    list_select_related = ("event",)
    raw_id_fields = ("event", "marketer", "created_by")

    form = DiscountCodeAdminForm


@admin.register(AccessCode)
class AccessCodeAdmin(admin.ModelAdmin):
    list_display = ("code", "event", "tickets_number", "is_active", "valid_till")
    list_filter = ("is_active",)
    search_fields = ("code", "event__name", "event__identifier")
    list_select_related = ("event",)
    raw_id_fields = ("event", "marketer")
    filter_horizontal = ("tickets",)


@admin.register(StripeAuthorization)
class StripeAuthorizationAdmin(admin.ModelAdmin):
    list_display = ("event", "stripe_user_id", "stripe_publishable_key", "created_at")
    search_fields = ("event__name", "event__identifier", "stripe_user_id")
    raw_id_fields = ("event",)


class AttendeeInline(admin.TabularInline):
    model = Attendee
    extra = 0
    fields = ("ticket", "seat", "firstname", "lastname", "email", "price", "discount_code", "is_checked_in")
    readonly_fields = ("ticket", "seat", "price", "discount_code")
    can_delete = False
    show_change_link = True


class OrderAdminForm(forms.ModelForm):
    class Meta:
        model = Order
        fields = ("event", "user", "status", *BILLING_FIELDS, "transaction_id", "expires_at")

    def clean(self):
        cleaned = super().clean()
        if self.errors or not self.instance.pk or "status" not in self.changed_data:
            return cleaned
        try:  # dry-run the transition rules; the real write happens in save_model
            with transaction.atomic():
                services.order_update(actor=self.actor, instance=self.instance, data={"status": cleaned["status"]})
                transaction.set_rollback(True)
        except DomainError as exc:
            raise ValidationError({"status": exc.detail})
        return cleaned


@admin.register(Order)
class OrderAdmin(admin.ModelAdmin):
    form = OrderAdminForm

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.actor = request.user
        return form

    list_display = ("identifier", "event", "user", "status", "amount", "created_at", "expires_at")
    list_filter = ("status", "paid_via", "payment_mode")
    search_fields = ("identifier", "user__email", "event__name", "event__identifier", "attendees__email")
    list_select_related = ("event", "user")
    date_hierarchy = "created_at"
    readonly_fields = ("identifier", "amount", "discount_code", "access_code", "created_at", "completed_at")
    raw_id_fields = ("event", "user")
    inlines = [AttendeeInline]

    def save_model(self, request, obj, form, change):
        data = {f: form.cleaned_data[f] for f in services.orders.BILLING_FIELDS if f in form.cleaned_data}
        if "status" in form.changed_data:
            data["status"] = form.cleaned_data["status"]
        original = Order.objects.get(pk=obj.pk)
        services.order_update(actor=request.user, instance=original, data=data)

    def has_add_permission(self, request):
        return False


@admin.register(Attendee)
class AttendeeAdmin(admin.ModelAdmin):
    list_display = ("__str__", "email", "ticket", "event", "order", "seat", "is_checked_in")
    list_filter = ("is_checked_in",)
    search_fields = ("firstname", "lastname", "email", "order__identifier", "event__identifier")
    list_select_related = ("ticket", "event", "order")
    raw_id_fields = ("order", "ticket", "event", "user", "discount_code")
    readonly_fields = ("seat", "price")
