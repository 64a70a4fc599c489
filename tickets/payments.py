"""The payment-provider interface: what charging an order asks of Stripe, PayPal or any other provider.

A provider is a class named in `settings.PAYMENT_PROVIDERS` (`{"stripe": "dotted.path.StripeProvider"}`) that
subclasses `PaymentProvider` and implements `charge()`. The service `tickets.services.payments.order_charge`
picks the provider, calls it once, and records the outcome; a provider never touches the database.

This build ships no provider that calls an outside service (issue 14: "the interface and a fake provider
only"); the tests use `tests.orders_and_sales.providers.FakeProvider`, a real implementation of this interface."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.module_loading import import_string

from eventyay.errors import DomainError


@dataclass(frozen=True)
class ChargeRequest:
    """What the provider is asked to take: `amount` in `currency` for `order_identifier`, paid with the
    client's `credentials` (e.g. {"stripe": "tok_…"} or {"paypal_payer_id": …, "paypal_payment_id": …})."""

    order_identifier: str
    amount: Decimal
    currency: str
    description: str
    credentials: dict


@dataclass(frozen=True)
class ChargeResult:
    """The provider's answer. `paid` is False when the provider declined (`message` says why); the card
    details are the ones the provider reports back (never the card number)."""

    paid: bool
    message: str = ""
    transaction_id: str = ""
    brand: str = ""
    last4: str = ""
    exp_month: str = ""
    exp_year: str = ""


class PaymentProviderError(Exception):
    """The provider could not be reached or answered nonsense (not a decline): nothing was charged."""


class PaymentProvider:
    """Subclasses set `name` and implement `charge`."""

    name = ""

    def __init__(self, *, event=None):
        self.event = event

    def charge(self, request: ChargeRequest) -> ChargeResult:
        raise NotImplementedError


def provider_for(name, *, event=None):
    """An instance of the provider configured under `name`, or a 422 naming the ones that are."""
    configured = getattr(settings, "PAYMENT_PROVIDERS", {}) or {}
    path = configured.get(name)
    if path is None:
        known = ", ".join(sorted(configured)) or "none"
        raise DomainError(
            f"No payment provider {name!r} is configured (configured: {known}).",
            field="payment_mode",
            code="no_payment_provider",
        )
    provider_class = import_string(path)
    if not (isinstance(provider_class, type) and issubclass(provider_class, PaymentProvider)):
        raise TypeError(f"{path} is not a PaymentProvider")
    return provider_class(event=event)
