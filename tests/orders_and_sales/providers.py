"""A payment provider for tests: a real implementation of `tickets.payments.PaymentProvider` that takes no
money. The token says what happens: `tok_declined…` is declined, `tok_unreachable…` cannot reach the provider,
anything else is paid. Every request it got is kept in `FakeProvider.requests`."""

from tickets.payments import ChargeResult, PaymentProvider, PaymentProviderError


class FakeProvider(PaymentProvider):
    name = "fake"
    requests = []

    def charge(self, request):
        type(self).requests.append(request)
        token = request.credentials.get("stripe") or request.credentials.get("paypal_payment_id") or ""
        if token.startswith("tok_unreachable"):
            raise PaymentProviderError("connection refused")
        if token.startswith("tok_declined"):
            return ChargeResult(paid=False, message="Your card was declined.")
        return ChargeResult(
            paid=True,
            message="Charged.",
            transaction_id=f"fake_{request.order_identifier[:8]}_{len(type(self).requests)}",
            brand="visa",
            last4="4242",
            exp_month="12",
            exp_year="2030",
        )
