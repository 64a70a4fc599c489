"""The checkout: quote an order (validation + amount) and place it under row locks.

Invariants (ARCHITECTURE.md): sold + reserved ≤ quantity for every ticket, and code redemptions ≤ their
`tickets_number`, under any concurrency. `order_create` locks the ticket rows and then the code rows, each
set ordered by id, inside one atomic block, re-validates against the locked rows, counts the seats taken
(releasing seats of overdue initializing and pending orders when they would not do otherwise), and only then
seats the attendees. Each attendee takes a seat number
that is unique per ticket in the database, so even a bug here could not seat two buyers on one seat.

Bounded work: an order holds at most `settings.MAX_SEATS_PER_ORDER` seats. Money: each seat's discount is
capped at its price (a total is never negative), and a fixed discount that the ticket rules would refuse
(`tickets.services.tickets.fixed_discount_problem`: legacy rows) is refused here too rather than making an
order free by accident.
"""

from dataclasses import dataclass, field
from datetime import UTC, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from eventyay import limits
from eventyay.errors import ConflictError, DomainError
from eventyay.prepared import Prepared
from tickets.models import AccessCode, Attendee, DiscountCode, Order, Ticket
from tickets.notify import announce_order
from tickets.services.tickets import fixed_discount_problem

CENT = Decimal("0.01")


@dataclass
class Line:
    ticket: Ticket
    quantity: int
    unit_price: Decimal
    discount_per_seat: Decimal = Decimal(0)
    attendees: list = field(default_factory=list)

    _code_applies: bool = False

    @property
    def sub_total(self):
        return (self.unit_price * self.quantity).quantize(CENT)

    @property
    def discount(self):
        return (self.discount_per_seat * self.quantity).quantize(CENT)


@dataclass
class Quote:
    event: object
    lines: list
    discount_code: DiscountCode | None
    access_code: AccessCode | None

    @property
    def sub_total(self):
        return sum((line.sub_total for line in self.lines), Decimal(0))

    @property
    def discount(self):
        return sum((line.discount for line in self.lines), Decimal(0))

    @property
    def total(self):
        return max(self.sub_total - self.discount, Decimal(0)).quantize(CENT)

    @property
    def discounted_seats(self):
        return sum(line.quantity for line in self.lines if line._code_applies)

    def as_dict(self):
        return {
            "sub_total": str(self.sub_total.quantize(CENT)),
            "discount": str(self.discount.quantize(CENT)),
            "tax": "0.00",
            "total": str(self.total),
            "amount": str(self.total),
            "discount_code": self.discount_code.pk if self.discount_code else None,
            "access_code": self.access_code.pk if self.access_code else None,
            "tickets": [
                {
                    "id": line.ticket.pk,
                    "name": line.ticket.name,
                    "quantity": line.quantity,
                    "price": str(line.unit_price.quantize(CENT)),
                    "sub_total": str(line.sub_total),
                    "discount": str(line.discount),
                    "total": str((line.sub_total - line.discount).quantize(CENT)),
                }
                for line in self.lines
            ],
        }


# --- input normalisation -------------------------------------------------------------------------------


def _int(value, field_name):
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise DomainError(f"{field_name} must be a whole number.", field=field_name)
    if str(number) != str(value).strip() and not isinstance(value, int):
        raise DomainError(f"{field_name} must be a whole number.", field=field_name)
    return number


def _decimal(value, field_name):
    try:
        return Decimal(str(value)).quantize(CENT)
    except (InvalidOperation, ValueError):
        raise DomainError(f"{field_name} must be a number.", field=field_name)


def _normalize_items(items):
    if not isinstance(items, (list, tuple)) or not items:
        raise DomainError("An order needs at least one ticket.", field="tickets")
    cap = settings.MAX_SEATS_PER_ORDER
    if len(items) > cap:
        raise DomainError(f"An order holds at most {cap} tickets.", field="tickets")
    merged = {}
    for item in items:
        if not isinstance(item, dict):
            raise DomainError("Each ticket entry must be an object with id and quantity.", field="tickets")
        raw = item.get("ticket", item.get("id"))
        ticket_id = raw.pk if isinstance(raw, Ticket) else _int(raw, "tickets")
        quantity = _int(item.get("quantity", 1), "quantity")
        if quantity < 0:
            raise DomainError("A quantity cannot be negative.", field="quantity")
        if quantity == 0:
            continue
        if quantity > cap:
            raise DomainError(f"An order holds at most {cap} tickets.", field="quantity")
        entry = merged.setdefault(ticket_id, {"quantity": 0, "price": None, "attendees": []})
        entry["quantity"] += quantity
        if item.get("price") is not None:
            entry["price"] = _decimal(item["price"], "price")
        attendees = item.get("attendees") or []
        if not isinstance(attendees, list):
            raise DomainError("attendees must be a list.", field="attendees")
        entry["attendees"].extend(attendees)
    if not merged:
        raise DomainError("An order needs at least one ticket.", field="tickets")
    if sum(entry["quantity"] for entry in merged.values()) > cap:
        raise DomainError(f"An order holds at most {cap} tickets.", field="quantity")
    return merged


def _typed(model, name, value, pointer):
    """`value` (from a JSON body) checked against the column `name` of `model`: its JSON type, length, format
    and range. The create-order body has no serializer; this is its shape check."""
    field = model._meta.get_field(name)
    if isinstance(field, models.JSONField):
        return value
    if value is None:
        if field.null:
            return None
        if isinstance(field, models.BooleanField):
            return False
        return ""
    if isinstance(field, models.BooleanField):
        if not isinstance(value, bool):
            raise DomainError(f"{name.replace('_', '-')} must be true or false.", field=pointer)
        return value
    if isinstance(field, models.DateTimeField):
        try:
            parsed = parse_datetime(value) if isinstance(value, str) else None
        except ValueError:  # well formed, but no such date
            parsed = None
        if parsed is None:
            raise DomainError(f"{name.replace('_', '-')} must be a date and time.", field=pointer)
        if timezone.is_naive(parsed):
            parsed = parsed.replace(tzinfo=UTC)
        return limits.check_datetime(parsed, pointer)
    if not isinstance(value, str):
        raise DomainError(f"{name.replace('_', '-')} must be a string.", field=pointer)
    try:
        field.run_validators(value)  # max length, e-mail format, no NUL characters
    except ValidationError as exc:
        raise DomainError(f"{name.replace('_', '-')}: {' '.join(exc.messages)}", field=pointer)
    if "\x00" in value:
        raise DomainError(f"{name.replace('_', '-')} must not contain NUL characters.", field=pointer)
    return value


def _attendee_data(raw):
    if not isinstance(raw, dict):
        raise DomainError("Each attendee must be an object.", field="attendees")
    data = {}
    for key, value in raw.items():
        name = str(key).replace("-", "_")
        if name not in Attendee.PROFILE_FIELDS:
            raise DomainError(f"Unknown attendee field {key!r}.", field="attendees")
        data[name] = _typed(Attendee, name, value, "attendees")
    return data


def _resolve_code(model, event, value, field_name):
    if value in (None, ""):
        return None
    if isinstance(value, model):
        code = value if value.event_id == event.pk and value.deleted_at is None else None
    else:
        qs = model.objects.alive().filter(event=event)
        text = str(value).strip()
        code = qs.filter(code__iexact=text).first()
        if code is None and text.isdigit():
            code = qs.filter(pk=int(text)).first()
    if code is None:
        raise DomainError("No such code for this event.", field=field_name, code="invalid_code")
    return code


# --- validation ----------------------------------------------------------------------------------------


def _check_code_window(code, now, field_name):
    if not code.is_active:
        raise DomainError("This code is not active.", field=field_name, code="inactive_code")
    if code.valid_from and now < code.valid_from:
        raise DomainError("This code is not valid yet.", field=field_name, code="code_not_started")
    if code.valid_till and now > code.valid_till:
        raise DomainError("This code has expired.", field=field_name, code="code_expired")


def _check_quantity(code, seats, field_name):
    if seats < code.min_quantity:
        raise DomainError(f"This code needs at least {code.min_quantity} tickets.", field=field_name)
    if code.max_quantity is not None and seats > code.max_quantity:
        raise DomainError(f"This code applies to at most {code.max_quantity} tickets.", field=field_name)


def build_quote(*, event, items, tickets_by_id, discount_code=None, access_code=None, now=None):
    """Validate an order against the given (possibly locked) rows and compute its amount."""
    now = now or timezone.now()
    merged = _normalize_items(items)
    unlocked = set(access_code.tickets.values_list("pk", flat=True)) if access_code else set()
    if access_code is not None:
        _check_code_window(access_code, now, "access_code")
    if discount_code is not None:
        _check_code_window(discount_code, now, "discount_code")
        if discount_code.used_for != DiscountCode.UsedFor.TICKET:
            raise DomainError("This discount code is not valid for tickets.", field="discount_code")
    lines = []
    for ticket_id, entry in merged.items():
        ticket = tickets_by_id.get(ticket_id)
        if ticket is None or ticket.event_id != event.pk or ticket.deleted_at is not None:
            raise DomainError(f"Ticket {ticket_id} does not belong to this event.", field="tickets")
        if ticket.is_hidden and ticket.pk not in unlocked:
            raise DomainError(f"Ticket {ticket_id} does not belong to this event.", field="tickets")
        if ticket.sales_starts_at and now < ticket.sales_starts_at:
            raise DomainError(f"Sales of {ticket.name!r} have not started.", field="tickets", code="sales_closed")
        if ticket.sales_ends_at and now > ticket.sales_ends_at:
            raise DomainError(f"Sales of {ticket.name!r} have ended.", field="tickets", code="sales_closed")
        quantity = entry["quantity"]
        if quantity < ticket.min_order:
            raise DomainError(f"Order at least {ticket.min_order} of {ticket.name!r}.", field="quantity")
        if quantity > ticket.max_order:
            raise DomainError(f"Order at most {ticket.max_order} of {ticket.name!r}.", field="quantity")
        if len(entry["attendees"]) > quantity:
            raise DomainError(f"More attendees than tickets for {ticket.name!r}.", field="attendees")
        lines.append(Line(ticket, quantity, _unit_price(ticket, entry["price"]), attendees=entry["attendees"]))
    if access_code is not None:
        _check_quantity(access_code, sum(line.quantity for line in lines if line.ticket.pk in unlocked), "access_code")
    if discount_code is not None:
        applicable = [line for line in lines if line.ticket.discount_code_id == discount_code.pk]
        if not applicable:
            raise DomainError("This discount code is not valid for these tickets.", field="discount_code")
        _check_quantity(discount_code, sum(line.quantity for line in applicable), "discount_code")
        for line in applicable:
            problem = fixed_discount_problem(discount_code, line.ticket)
            if problem:
                raise DomainError(problem, field="discount_code")
            line._code_applies = True
            line.discount_per_seat = _discount_per_seat(discount_code, line.unit_price)
    return Quote(event=event, lines=lines, discount_code=discount_code, access_code=access_code)


def _unit_price(ticket, offered):
    if ticket.type == Ticket.Type.PAID:
        return Decimal(ticket.price).quantize(CENT)
    if ticket.type == Ticket.Type.FREE:
        return Decimal(0)
    price = offered if offered is not None else Decimal(ticket.min_price)
    if price < Decimal(ticket.min_price) or (ticket.max_price is not None and price > Decimal(ticket.max_price)):
        raise DomainError(
            f"A donation for {ticket.name!r} must be between {ticket.min_price} and {ticket.max_price}.",
            field="price",
        )
    return price.quantize(CENT)


def _discount_per_seat(code, price):
    """Never more than the seat's price: a total cannot go negative, whatever the stored rows say."""
    value = Decimal(code.value)
    if code.type == DiscountCode.Type.PERCENT:
        return min((price * min(value, Decimal(100)) / 100).quantize(CENT, rounding=ROUND_HALF_UP), price)
    return min(value, price)


# --- public API ----------------------------------------------------------------------------------------


def _load(event, items, discount_code, access_code, *, lock):
    merged = _normalize_items(items)
    rows = (_TICKETS_LOCKED if lock else _TICKETS).rows(ids=sorted(merged), event_id=event.pk)
    tickets = {t.pk: t for t in rows}
    discount = _resolve_code(DiscountCode, event, discount_code, "discount_code")
    access = _resolve_code(AccessCode, event, access_code, "access_code")
    if lock:
        # codes after tickets, each ordered by id: one global lock order, so buyers never deadlock
        if discount is not None:
            discount = DiscountCode.objects.select_for_update().get(pk=discount.pk)
            _resolve_code(DiscountCode, event, discount, "discount_code")  # deleted meanwhile: refused
        if access is not None:
            access = AccessCode.objects.select_for_update().get(pk=access.pk)
            _resolve_code(AccessCode, event, access, "access_code")
    return tickets, discount, access


def order_calculate_amount(*, event, items, discount_code=None, access_code=None, actor=None):
    """The quote for an order, with every rule of `order_create` except availability; writes nothing."""
    tickets, discount, access = _load(event, items, discount_code, access_code, lock=False)
    return build_quote(event=event, items=items, tickets_by_id=tickets, discount_code=discount, access_code=access)


ORDER_INPUT_FIELDS = (
    "is_billing_enabled", "company", "address", "city", "state", "country", "zipcode", "tax_business_info",
    "paid_via", "payment_mode", "order_notes",
)  # fmt: skip


def order_create(*, actor, event, items, discount_code=None, access_code=None, billing=None, initializing=False):
    """Validate, lock, re-count and place an order. Raises DomainError ("sold out", "code used up", …).

    With `initializing`, the order (free or paid) starts `initializing`: its seats are held for the platform's
    order expiry time while the buyer fills in the attendee details (`tickets.services.order_update` takes it on
    from there). Without, a free order completes at once and a paid one is pending for
    `PAID_ORDER_EXPIRY_MINUTES`.

    The order row and its announcements (notification, mail) are written before the ticket rows are locked:
    they do not depend on which seats it gets, and nobody sees them before the commit (a refusal rolls them
    back). The locks are held for four statements: lock, count the seats taken, seat the attendees, commit.
    Every statement less there is a shorter queue in a rush."""
    billing = {
        k: _typed(Order, k, v, k) for k, v in (billing or {}).items() if k in ORDER_INPUT_FIELDS and v is not None
    }
    hold_minutes = order_expiry_minutes(event) if initializing else None
    now = timezone.now()
    quote = _quote_or_refuse(event, items, discount_code, access_code, now)
    try:
        with transaction.atomic():
            status, completed_at, expires_at = _initial_state(quote.total, now, hold_minutes)
            order = Order.objects.create(
                event=event,
                user=actor if getattr(actor, "pk", None) else None,
                amount=quote.total,
                discount_code=quote.discount_code,
                access_code=quote.access_code,
                marketer_id=quote.discount_code.marketer_id if quote.discount_code is not None else None,
                status=status,
                completed_at=completed_at,
                expires_at=expires_at,
                **billing,
            )
            announce_order(order, seats=sum(line.quantity for line in quote.lines))
            _seat_locked(order, items, quote, now)
            return order
    except IntegrityError:
        # only reachable if the seat constraint caught a race the locks should have prevented
        raise ConflictError("These tickets were just taken; please try again.", code="sold_out")


def order_expiry_minutes(event=None):
    """How long an initializing order holds its seats: the platform setting `order_expiry_time` (what the
    client counts down on its order form), read without creating the settings row; an event loaded by
    `events_for_checkout` carries it already."""
    from pages.models import Setting

    minutes = getattr(event, "platform_order_expiry_time", _UNREAD)
    if minutes is _UNREAD:
        minutes = Setting.objects.filter(pk=1).values_list("order_expiry_time", flat=True).first()
    return minutes or Setting._meta.get_field("order_expiry_time").default


_UNREAD = object()


def events_for_checkout(actor):
    """Events as the checkout reads them, each in one query with what an order on it asks besides: whether
    `actor` holds a role on it (`roles.permissions.note_roles_loaded`) and the platform's hold time
    (`order_expiry_minutes`)."""
    return _checkout_events(getattr(actor, "pk", None))


def event_of_ticket(actor, ticket_id):
    """The event of ticket `ticket_id` as `events_for_checkout` reads it (None: no such ticket)."""
    return _EVENT_OF_TICKET.first(ticket_id=ticket_id, user_id=getattr(actor, "pk", None))


def _checkout_events(user_id):
    from events.models import Event
    from pages.models import Setting
    from roles import permissions

    hold = models.Subquery(Setting.objects.filter(pk=1).values("order_expiry_time")[:1])
    return Event.objects.annotate(
        platform_order_expiry_time=hold, **{permissions.HOLDS_ROLES: permissions.holds_roles(user_id)}
    )


def _event_of_ticket_query(ticket_id, user_id):
    of_ticket = Ticket.objects.filter(pk=ticket_id).values("event_id")[:1]
    return _checkout_events(user_id).filter(pk=models.Subquery(of_ticket)).order_by("pk")[:1]


#: the checkout's fixed-shape reads, compiled once per process (eventyay.prepared): a rush runs them per buyer
_EVENT_OF_TICKET = Prepared(_event_of_ticket_query, ticket_id=1, user_id=1)
_TICKETS = Prepared(lambda ids, event_id: Ticket.objects.filter(pk__in=ids, event_id=event_id).order_by("pk"),
                    ids=[1], event_id=1)  # fmt: skip
_TICKETS_LOCKED = Prepared(lambda ids, event_id: _TICKETS.build(ids, event_id).select_for_update(), ids=[1], event_id=1)


def _initial_state(total, now, hold_minutes):
    """(status, completed_at, expires_at) of a new order."""
    if hold_minutes is not None:
        return Order.Status.INITIALIZING, None, now + timedelta(minutes=hold_minutes)
    if total == 0:
        return Order.Status.COMPLETED, now, None
    return Order.Status.PENDING, None, now + timedelta(minutes=settings.PAID_ORDER_EXPIRY_MINUTES)


def _seat_locked(order, items, quote, now):
    """Under the ticket (then code) locks: the order again against the locked rows, seats counted, overdue
    holds released only when the seats would not do without them, codes' limits, then the attendees."""
    event = order.event
    tickets, discount, access = _load(event, items, quote.discount_code, quote.access_code, lock=True)
    locked = build_quote(
        event=event, items=items, tickets_by_id=tickets, discount_code=discount, access_code=access, now=now
    )
    if locked.total != quote.total:
        raise ConflictError(
            "The price of these tickets changed just now; please check the order again.",
            field="tickets",
            code="price_changed",
        )
    ids = list(tickets)
    try:
        taken = _check_locked(locked, ids)
    except ConflictError:
        # overdue holds give their seats and code redemptions back only when this order needs them
        if not release_overdue_orders(ticket_ids=ids, now=now):
            raise
        taken = _check_locked(locked, ids)
    attendees = []
    for line in locked.lines:
        free = _free_seats(taken.get(line.ticket.pk, set()), line.ticket.quantity, line.quantity)
        details = [_attendee_data(a) for a in line.attendees]
        details += [{}] * (line.quantity - len(details))
        for seat, data in zip(free, details, strict=True):
            attendees.append(
                Attendee(
                    order=order,
                    ticket=line.ticket,
                    event=event,
                    user=order.user,
                    seat=seat,
                    discount_code=discount if line._code_applies else None,
                    price=line.unit_price - line.discount_per_seat,
                    **data,
                )
            )
    Attendee.objects.bulk_create(attendees)
    order.placed_attendees = attendees  # in id order, as written: the answer renders them without reading them back


def _check_locked(quote, ids):
    """The seats taken of each ticket (by ticket id), once the order is known to fit them and its codes' limits."""
    taken = _taken_seats(ids)
    _check_seats(quote, taken)
    discount, access = quote.discount_code, quote.access_code
    if discount is not None and discount.tickets_number is not None:
        used = Attendee.objects.filter(discount_code=discount, seat__isnull=False).count()
        if used + quote.discounted_seats > discount.tickets_number:
            raise ConflictError("This discount code is used up.", field="discount_code", code="code_used_up")
    if access is not None and access.tickets_number is not None:
        unlocked = set(access.tickets.values_list("pk", flat=True))
        used = Attendee.objects.filter(order__access_code=access, ticket_id__in=unlocked, seat__isnull=False).count()
        wanted = sum(line.quantity for line in quote.lines if line.ticket.pk in unlocked)
        if used + wanted > access.tickets_number:
            raise ConflictError("This access code is used up.", field="access_code", code="code_used_up")
    return taken


def _check_seats(quote, taken):
    for line in quote.lines:
        seats = taken.get(line.ticket.pk, set())
        if len(seats) + line.quantity > line.ticket.quantity:
            left = max(line.ticket.quantity - len(seats), 0)
            raise ConflictError(
                f"{line.ticket.name!r} is sold out." if left == 0 else f"Only {left} of {line.ticket.name!r} left.",
                field="tickets",
                code="sold_out",
            )


def _quote_or_refuse(event, items, discount_code, access_code, now):
    """The order validated against unlocked rows (4xx for a bad order before any lock), and refused before
    queueing for the ticket locks when the locked check would refuse it anyway (the seats are taken and no
    overdue order is about to give any back). In a rush, half the buyers then never wait for the lock. Seats
    only come back through expiry or cancellation, so "sold out" read here stays true; a buyer who passes is
    checked again under the locks."""
    tickets, discount, access = _load(event, items, discount_code, access_code, lock=False)
    quote = build_quote(
        event=event, items=items, tickets_by_id=tickets, discount_code=discount, access_code=access, now=now
    )
    taken, overdue = _seats_and_overdue(list(tickets), now)
    if not overdue:
        _check_seats(quote, taken)  # else the locked path releases those first
    return quote


def _taken_seats(ticket_ids):
    """{ticket id: seats taken}."""
    return _seats_and_overdue(ticket_ids)[0]


def _seats_and_overdue(ticket_ids, now=None):
    """({ticket id: seats taken}, whether an order holding any of them is overdue at `now`), in one query."""
    taken = {tid: set() for tid in ticket_ids}
    if now is None:
        rows = _SEATS.tuples(ticket_ids=list(ticket_ids))
    else:
        rows = _SEATS_AND_OVERDUE.tuples(ticket_ids=list(ticket_ids), now=now)
    overdue = False
    for ticket_id, seat, *late in rows:
        taken[ticket_id].add(seat)
        overdue = overdue or bool(late and late[0])
    return taken, overdue


def _seats_query(ticket_ids, now=None):
    columns = ["ticket_id", "seat"]
    if now is not None:
        held = Q(order__status__in=Order.HELD_STATUSES, order__expires_at__lte=now)
        columns.append(ExpressionWrapper(held, BooleanField()))  # the join with orders only when asked
    return Attendee.objects.filter(ticket_id__in=ticket_ids, seat__isnull=False).order_by().values_list(*columns)


_SEATS = Prepared(_seats_query, ticket_ids=[1])
_SEATS_AND_OVERDUE = Prepared(_seats_query, ticket_ids=[1], now=timezone.now())


def _free_seats(taken, quantity, wanted):
    free = []
    seat = 1
    while len(free) < wanted:
        if seat not in taken:
            free.append(seat)
        seat += 1
    return free  # all ≤ quantity: at least quantity - len(taken) ≥ wanted numbers in 1..quantity are free


def release_overdue_orders(*, ticket_ids=None, order_ids=None, now=None):
    """Mark initializing and pending orders past `expires_at` expired and free their seats (all of them, or
    those holding seats of `ticket_ids`, or those among `order_ids`). Returns how many expired."""
    now = now or timezone.now()
    overdue = Order.objects.filter(status__in=Order.HELD_STATUSES, expires_at__lte=now)
    if ticket_ids is not None:
        overdue = overdue.filter(attendees__ticket_id__in=ticket_ids, attendees__seat__isnull=False).distinct()
    if order_ids is not None:
        overdue = overdue.filter(pk__in=order_ids)
    # no savepoint inside the order's transaction (a failure there fails the order anyway): two round trips less
    # while the ticket rows are locked
    with transaction.atomic(savepoint=False):
        ids = list(
            Order.objects.select_for_update()
            .filter(pk__in=list(overdue.values_list("pk", flat=True)), status__in=Order.HELD_STATUSES)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if not ids:
            return 0
        Attendee.objects.filter(order_id__in=ids).update(seat=None, modified_at=now)
        Order.objects.filter(pk__in=ids).update(status=Order.Status.EXPIRED, modified_at=now)
    return len(ids)
