"""Charging an order through a payment provider (`tickets.payments`): the only way a paid order becomes
completed without the team marking it paid."""

from django.db import transaction
from django.utils import timezone

from eventyay.errors import ConflictError, DomainError
from tickets.models import Order
from tickets.notify import announce_order
from tickets.payments import ChargeRequest, PaymentProviderError, provider_for
from tickets.services.orders import OFFLINE_PAYMENT_MODES

#: credential keys of the charge body, by the provider they name
CREDENTIALS = {"stripe": ("stripe",), "paypal": ("paypal_payer_id", "paypal_payment_id")}


def _provider_name(order, credentials):
    for name, keys in CREDENTIALS.items():
        if any(credentials.get(key) for key in keys):
            return name
    if order.payment_mode and order.payment_mode != "free" and order.payment_mode not in OFFLINE_PAYMENT_MODES:
        return order.payment_mode
    raise DomainError("Say how to pay: a stripe token or a PayPal payer and payment id.", field="stripe")


def order_charge(*, actor, instance, credentials):
    """Take the payment of a pending order. The order row stays locked while the provider is asked, so two
    charges of one order cannot both go through; a decline (402) or any refusal writes nothing."""
    if not isinstance(credentials, dict) or any(
        value is not None and not isinstance(value, str) for value in credentials.values()
    ):
        raise DomainError("The charge attributes must be strings.", field="stripe")
    with transaction.atomic():
        order = Order.objects.select_for_update(of=("self",)).select_related("event").get(pk=instance.pk)
        if order.status != Order.Status.PENDING:
            raise ConflictError(f"This order is {order.status}; only pending orders are charged.", field="status")
        now = timezone.now()
        if order.expires_at is not None and order.expires_at <= now:
            raise ConflictError("This order has expired; its seats were released.", field="status", code="expired")
        if order.amount <= 0:
            raise DomainError("A free order needs no payment.", field="amount", code="nothing_to_charge")
        name = _provider_name(order, credentials)
        provider = provider_for(name, event=order.event)
        request = ChargeRequest(
            order_identifier=order.identifier,
            amount=order.amount,
            currency=order.event.payment_currency or "USD",
            description=f"{order.event.name} — order {order.identifier}",
            credentials={k: v for k, v in credentials.items() if v is not None},
        )
        try:
            result = provider.charge(request)
        except PaymentProviderError as exc:
            raise DomainError(
                f"The payment provider could not take the payment: {exc}", status=502, code="payment_provider_error"
            )
        if not result.paid:
            raise DomainError(
                result.message or "The payment was declined.", status=402, code="payment_declined", field="stripe"
            )
        order.status = Order.Status.COMPLETED
        order.completed_at = now
        order.expires_at = None
        order.paid_via = name
        order.payment_mode = name
        for field in ("transaction_id", "brand", "last4", "exp_month", "exp_year"):
            setattr(order, field, getattr(result, field) or "")
        order.save()
        announce_order(order)
    return order, result
