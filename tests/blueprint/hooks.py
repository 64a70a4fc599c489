"""Per-file hooks: where a transaction needs more than the generic id mapping to run on the happy path.

Each hook gets the transaction, the prepared `Call` (path, query, headers, JSON document, identity) and the
`World`, and adjusts the call *before* it is sent or records what it produced *after*. Hooks only set up what
the example assumes (the right ids, tokens from the mail the server sent, credentials of the user the example
acts as); they never change what is judged.
"""

import re

from tests.blueprint.client import multipart
from tests.blueprint.recipes import FUTURE, FUTURE_END, REPLAY_PASSWORD, api, create, link

BEFORE, AFTER = {}, {}

# transactions that must run in a given phase (ending a session must come last)
PHASE = {
    "auth/authentication.apib :: Logout :: Logout": "final",
    "auth/authentication.apib :: Blacklist Tokens :: Blacklist Tokens": "final",
}

# a second object of a type, kept apart from the one standing for documented id "1"
CREATE_TAGS = {
    "discount_codes.apib :: Event Discount Code Collection :: Create Event Discount Code": "event-code",
}
PARAM_TAGS = {
    ("/v1/discount-codes/{discount_code_id}/events", "discount_code_id"): "event-code",
    ("/v1/discount-codes/{discount_code_id}/event", "discount_code_id"): "event-code",
}


def before(*files):
    def register(function):
        for file in files:
            BEFORE.setdefault(file, []).append(function)
        return function

    return register


def after(*files):
    def register(function):
        for file in files:
            AFTER.setdefault(file, []).append(function)
        return function

    return register


class Hooks:
    def phase(self, tx):
        return PHASE.get(tx.key)

    def param_tag(self, tx, name):
        return PARAM_TAGS.get((tx.path_template, name))

    def create_tag(self, tx):
        return CREATE_TAGS.get(tx.key)

    def before(self, tx, call, world):
        for function in BEFORE.get(tx.file, []):
            self._run(call, function, tx, call, world)

    def after(self, tx, call, answer, world):
        for function in AFTER.get(tx.file, []):
            self._run(call, function, tx, call, answer, world)

    @staticmethod
    def _run(call, function, *args):
        """A hook that breaks (the API answered something unexpected) is noted on the call, not fatal."""
        try:
            function(*args)
        except Exception as exc:  # noqa: BLE001
            call.notes.append(f"hook {function.__name__} raised {exc!r}")


# --- the user the auth examples act as (created through POST /v1/users) ----------------------------------
def auth_user(world, logged_in=True):
    world.ensure("user")
    user = world.users.get("auth")
    if user and logged_in and not user.get("token"):
        answer = api(
            world,
            "POST",
            "/v1/auth/login",
            {"email": user["email"], "password": user["password"]},
            user=None,
            content_type="application/json",
        )
        user["token"] = (answer.json or {}).get("access_token") if answer.status == 200 else None
    return user or {"email": "nobody@example.com", "password": "-", "token": None}


@before("user/users.apib")
def strong_password_for_sign_up(tx, call, world):
    """The sign-up and update examples' password ("password") is refused as too common by our password rules."""
    if tx.method in ("POST", "PATCH") and isinstance(call.document, dict):
        attributes = (call.document.get("data") or {}).get("attributes")
        if isinstance(attributes, dict) and "password" in attributes:
            attributes["password"] = REPLAY_PASSWORD


@after("user/users.apib")
def remember_created_user(tx, call, answer, world):
    user = world.users.get("auth")
    ours = user and call.path.rstrip("/").endswith(f"/{user['id']}")
    if tx.method == "PATCH" and 200 <= answer.status < 300 and ours:
        user["password"], user["token"] = REPLAY_PASSWORD, None  # the admin reset it: sign in again with it
    if tx.method == "POST" and tx.path_template == "/v1/users" and 200 <= answer.status < 300:
        attributes = call.document["data"]["attributes"]
        world.users["auth"] = {
            "id": str(answer.json["data"]["id"]),
            "email": attributes["email"],
            "password": attributes["password"],
            "token": None,
        }


@before("auth/authentication.apib")
def authenticate_as_created_user(tx, call, world):
    user = auth_user(world, logged_in=tx.path_template != "/v1/auth/login")
    call.identity, call.session = "auth", "auth"
    if isinstance(call.document, dict) and "email" in call.document:
        call.document["email"] = user["email"]
    if isinstance(call.document, dict) and "password" in call.document:
        call.document["password"] = user["password"]
    if tx.path_template == "/v1/auth/login":
        call.identity = None
    if tx.path_template == "/v1/auth/token/refresh":
        call.identity = None
        if "X-CSRF-Token" in call.headers:  # the web client: refresh cookie + its CSRF cookie
            csrf = next((c.value for c in world_cookies(world, call.session) if "csrf" in c.name.lower()), "")
            call.headers["X-CSRF-Token"] = csrf
        else:  # the mobile client: the refresh token as bearer
            call.headers["Authorization"] = f"JWT {world.values.get('refresh_token', '')}"


@after("auth/authentication.apib")
def keep_tokens(tx, call, answer, world):
    body = answer.json if isinstance(answer.json, dict) else {}
    if answer.status == 200 and body.get("access_token") and tx.path_template != "/v1/auth/token/refresh":
        world.users["auth"]["token"] = body["access_token"]
    if body.get("refresh_token"):
        world.values["refresh_token"] = body["refresh_token"]
    if answer.status == 200 and tx.path_template == "/v1/auth/logout":
        world.users["auth"]["token"] = None  # logged out: the session's tokens are dead, the next call signs in


def world_cookies(world, session):
    http = world.sessions.get(session)
    return list(http.cookies) if http is not None else []


@before("auth/change_password.apib")
def password_examples(tx, call, world):
    user = auth_user(world)
    data = call.document.get("data") if isinstance(call.document, dict) else None
    if not isinstance(data, dict):
        return
    call.identity = None
    if tx.path_template == "/v1/auth/change-password":
        call.identity = "auth"
        data["old-password"], data["new-password"] = user["password"], "eventyay-changed-1"
    elif tx.method == "POST":
        data["email"] = user["email"]
    else:
        data["token"] = reset_token(world, user["email"]) or "missing"
        data["password"] = "eventyay-reset-2"


def reset_token(world, email):
    """The token of the reset mail; the reset (an update) is replayed before its request (an action): ask first."""
    token = world.mail_token(email, "reset")
    if token is None:
        body = {"data": {"email": email}}
        api(world, "POST", "/v1/auth/reset-password", body, user=None, content_type="application/json")
        token = world.mail_token(email, "reset")
    return token


@after("auth/change_password.apib")
def password_changed(tx, call, answer, world):
    if answer.status == 200 and (tx.method == "PATCH" or tx.path_template == "/v1/auth/change-password"):
        data = call.document["data"]
        world.users["auth"]["password"] = data.get("new-password") or data.get("password")
        # a changed or reset password revokes the user's tokens: the next call as that user signs in again
        world.users["auth"]["token"] = None


@before("auth/email_verification.apib")
def verification_examples(tx, call, world):
    user = auth_user(world)
    data = call.document.get("data") if isinstance(call.document, dict) else None
    if not isinstance(data, dict):
        return
    call.identity = None
    if "email" in data:
        data["email"] = user["email"]
    if "token" in data:
        data["token"] = world.mail_token(user["email"], "verif") or "missing"


# --- role invites: invite the created user, accept with the token the invite mail carries ----------------
@before("role/role_invites.apib")
def invite_created_user(tx, call, world):
    user = auth_user(world)
    data = call.document.get("data") if isinstance(call.document, dict) else None
    if tx.method == "POST" and tx.path_template == "/v1/role-invites" and isinstance(data, dict):
        data["attributes"]["email"] = user["email"]
        role = find_role(world, data["attributes"].get("role-name") or "organizer")
        if role:
            data["relationships"]["role"] = link("role", role)
    elif isinstance(data, dict) and "token" in data:
        # the invitation mail (later mails to the same user, e.g. a password reset, carry other tokens)
        data["token"] = world.mail_token(user["email"], "role-invites?token=") or "missing"
        call.identity = "auth"


def find_role(world, name):
    answer = api(world, "GET", "/v1/roles?page[size]=0")
    for item in (answer.json or {}).get("data") or []:
        if (item.get("attributes") or {}).get("name") == name:
            return item["id"]
    return None


# --- checkout: the examples' ticket ids are ours ----------------------------------------------------------
@before("order/orders.apib")
def order_examples(tx, call, world):
    ticket = world.ensure("ticket")
    ticket_id = int(ticket["id"]) if ticket else 1
    document = call.document
    if isinstance(document, dict) and isinstance(document.get("tickets"), list):
        document["tickets"] = [{"id": ticket_id, "quantity": 2}]
        # the documented code is created inactive (`is-active: false`), so the example order cannot use it
        document.pop("discount_code", None)
    data = document.get("data") if isinstance(document, dict) else None
    if isinstance(data, dict) and isinstance((data.get("attributes") or {}).get("on-site-tickets"), list):
        for entry in data["attributes"]["on-site-tickets"][:1]:
            entry["data"]["attributes"]["id"] = str(ticket_id)
        del data["attributes"]["on-site-tickets"][1:]


@before("attendees.apib")
def receipt_for_our_order(tx, call, world):
    """A receipt is for a sold order: a second order of our ticket, marked completed by the team (the replay's
    main order stays pending for the charge example)."""
    if isinstance(call.document, dict) and "order-identifier" in call.document:
        ticket = world.ensure("ticket")
        identifier = "missing"
        if ticket:
            body = {"tickets": [{"id": int(ticket["id"]), "quantity": 1}]}
            placed = api(world, "POST", "/v1/orders/create-order", body, content_type="application/json").json
            identifier = ((placed or {}).get("data") or {}).get("attributes", {}).get("identifier", "missing")
            paid = {"data": {"type": "order", "id": identifier, "attributes": {"status": "completed"}}}
            if (placed or {}).get("data", {}).get("attributes", {}).get("status") == "pending":
                api(world, "PATCH", f"/v1/orders/{identifier}", paid)
        call.document["order-identifier"] = identifier


@before("user_check_in.apib")
def check_in_session(tx, call, world):
    if "session_ids" in call.query:
        call.query["session_ids"] = world.id_of("session") or call.query["session_ids"]
    relationships = (call.document.get("data") or {}).get("relationships") if isinstance(call.document, dict) else None
    if tx.method == "POST" and isinstance(relationships, dict) and "ticket_holder" in relationships:
        # only holders of sold tickets are admitted: scan the attendee of a free (completed) order
        sold = world.ensure("attendee", "sold")
        if sold:
            relationships["ticket_holder"] = link("attendee", sold["id"])


@before("invoices.apib")
def an_invoice_to_read(tx, call, world):
    """Invoices are issued by admins; the examples read one of event 1, billed to user 1."""
    world.ensure("event-invoice")


# --- exports, tasks, imports --------------------------------------------------------------------------
@after("event/event_export.apib")
def remember_task(tx, call, answer, world):
    body = answer.json if isinstance(answer.json, dict) else {}
    match = re.search(r"/tasks/([^/?#]+)", str(body.get("task_url", "")))
    if match:
        world.values.setdefault("task_id", match.group(1))
        if tx.path_template.endswith("/export/json"):
            world.values["export_task_id"] = match.group(1)


@before("event/event_import.apib")
def import_our_export(tx, call, world):
    content = b""
    task_id = world.values.get("export_task_id")
    if task_id:
        result = (api(world, "GET", f"/v1/tasks/{task_id}").json or {}).get("result")
        url = result.get("download_url") if isinstance(result, dict) else None
        if url:
            fetched = world.client.send(
                "GET", url.split("/v1/events/1/exports/")[-1], headers={"Authorization": f"JWT {world.admin['token']}"}
            )
            content = fetched.content if fetched.status == 200 else b""
    if not content:
        call.notes.append("no export zip to import (the JSON export did not produce one)")
    call.raw_body, call.headers["Content-Type"] = multipart({}, {"file": ("event1.zip", "application/zip", content)})


@before("upload.apib")
def upload_a_real_file(tx, call, world):
    if tx.request.is_multipart:
        call.raw_body, call.headers["Content-Type"] = multipart(
            {}, {"file": ("test.csv", "text/csv", b"name,value\nreplay,1\n")}
        )


# --- data that reads elsewhere assume ----------------------------------------------------------------
@before("event/events.apib")
def classify_the_event(tx, call, world):
    """`/v1/events/1/event-topic` etc. assume event 1 has a topic, sub-topic and type; `/v1/events/1/group` and
    `/v1/groups/1/events` that it belongs to group 1."""
    if tx.method == "POST" and tx.path_template == "/v1/events":
        add_links(call, world, "event-topic", "event-sub-topic", "event-type", "group")


@before("event/events.apib")
def a_published_upcoming_event(tx, call, world):
    """The upcoming list example assumes a published event that has not ended (the replay's own are drafts): a
    draft, its free ticket, then published, as an organizer does it."""
    upcoming = tx.path_template.split("{")[0] == "/v1/events/upcoming"
    if not (tx.method == "GET" and upcoming and ("event", "upcoming") not in world.tagged):
        return
    attributes = {"name": "Replay upcoming event", "starts-at": FUTURE, "ends-at": FUTURE_END, "timezone": "UTC"}
    event = create(world, "event", "/v1/events", attributes, tag="upcoming")
    if event:
        ticket = {"name": "Free", "type": "free", "price": "0", "quantity": 10}
        api(world, "POST", f"/v1/events/{event['id']}/tickets", {"data": {"type": "ticket", "attributes": ticket}})
        publish = {"data": {"type": "event", "id": event["id"], "attributes": {"state": "published"}}}
        api(world, "PATCH", f"/v1/events/{event['id']}", publish)


@after("groups.apib")
def event_joins_the_documented_group(tx, call, answer, world):
    """`/v1/groups/1/events` assumes event 1 is in the group the documented create made (ids map onto it)."""
    event = world.get("event")
    if tx.method == "POST" and tx.path_template == "/v1/groups" and 200 <= answer.status < 300 and event:
        group = {"data": {"type": "group", "id": str(answer.json["data"]["id"])}}
        api(world, "PATCH", f"/v1/events/{event['id']}/relationships/group", group)


@before("custom_placeholders.apib")
def placeholder_of_sub_topic(tx, call, world):
    """`/v1/event-sub-topics/1/custom-placeholder` assumes the placeholder belongs to sub-topic 1."""
    if tx.method == "POST":
        add_links(call, world, "event-sub-topic")


@before("event/event_locations.apib")
def a_listed_location(tx, call, world):
    """The list example assumes the platform lists some locations (admins add them; no create is documented)."""
    if tx.method == "GET" and not world.get("event-location"):
        found = api(
            world, "POST", "/v1/event-locations", {"data": {"type": "event-location", "attributes": {"name": "India"}}}
        )
        if found.status == 201:
            world.register("event-location", found.json["data"])


@before("access_codes.apib")
def access_code_tickets(tx, call, world):
    """`/v1/access-codes/1/tickets` assumes the code unlocks ticket 1."""
    if tx.method == "POST":
        add_links(call, world, many=[("tickets", "ticket")])


@before("discount_codes.apib")
def event_level_code(tx, call, world):
    """`/v1/events/1/discount-code` assumes the event has its event-level code (the first create example)."""
    if tx.path_template == "/v1/events/{event_identifier}/discount-code":
        world.ensure("discount-code", "event-code")
    data = call.document.get("data") if isinstance(call.document, dict) else None
    if tx.method == "POST" and isinstance(data, dict):
        # `/v1/discount-codes/1/marketer` and `/v1/users/1/discount-codes` (users.apib) assume a marketer
        data.setdefault("relationships", {}).setdefault("marketer", link("user", world.admin["id"]))


@before("services.apib")
def keep_service_name(tx, call, world):
    """Renaming a permission service would break the role × service matrix the rest of the run relies on."""
    if tx.method == "PATCH" and call.target:
        call.document["data"]["attributes"]["name"] = call.target["attributes"].get("name")


def add_links(call, world, *types, many=()):
    """Point the created resource at objects reads elsewhere expect it to belong to."""
    relationships = call.document["data"].setdefault("relationships", {})
    for type_ in types:
        found = world.ensure(type_)
        if found and type_ not in relationships:
            relationships[type_] = link(type_, found["id"])
    for name, type_ in many:
        found = world.ensure(type_)
        if found and name not in relationships:
            relationships[name] = {"data": [{"type": type_, "id": found["id"]}]}


@before("session/sessions.apib")
def session_in_its_room(tx, call, world):
    """`/v1/microlocations/1/sessions`, `/v1/sessions/1/session-type` assume session 1 has both."""
    if tx.method == "POST":
        add_links(call, world, "microlocation", "session-type", "track")


@before("faq/faqs.apib")
def faq_of_its_type(tx, call, world):
    """`/v1/faqs/1/faq-type` assumes FAQ 1 has a type."""
    if tx.method == "POST":
        add_links(call, world, "faq-type")


@before("panel_permissions.apib")
def permission_of_a_role(tx, call, world):
    """`/v1/custom-system-roles/1/panel-permissions` assumes the permission belongs to role 1."""
    if tx.method == "POST":
        add_links(call, world, many=[("custom-system-roles", "custom-system-role")])


@before("admin/admin_sales.apib")
def sale_through_a_marketer(tx, call, world):
    """The marketer report lists marketers whose codes sold tickets: a code of the admin's on our ticket, and an
    order placed with it."""
    if not call.path.endswith("/by-marketer") or world.failed.get("marketer-sale"):
        return
    ticket, admin = world.ensure("ticket"), world.users.get("admin") or {}
    if not ticket or not admin.get("id"):
        return
    code = f"MKT{int(ticket['id'])}"
    relationships = {
        "marketer": {"data": {"type": "user", "id": str(admin["id"])}},
        "tickets": {"data": [{"type": "ticket", "id": str(ticket["id"])}]},
    }
    event = ((ticket.get("relationships") or {}).get("event") or {}).get("data") or world.ensure("event")
    if event:
        relationships["event"] = {"data": {"type": "event", "id": str(event["id"])}}
    attributes = {"code": code, "type": "percent", "value": 10, "tickets-number": 10, "is-active": True}
    created = api(world, "POST", "/v1/discount-codes", {"data": {"type": "discount-code", "attributes": attributes,
                                                                  "relationships": relationships}})  # fmt: skip
    body = {"tickets": [{"id": int(ticket["id"]), "quantity": 1}], "discount_code": code}
    placed = api(world, "POST", "/v1/orders/create-order", body, content_type="application/json")
    if not (200 <= created.status < 300 and 200 <= placed.status < 300):
        world.failed["marketer-sale"] = f"code {created.status}, order {placed.status}"


@after("groups.apib")
def event_in_the_group(tx, call, answer, world):
    """`/v1/groups/1/events` and `/v1/events/1/group` assume the event belongs to the created group."""
    body = answer.json if isinstance(answer.json, dict) else {}
    group = body.get("data") if isinstance(body.get("data"), dict) else None
    event = world.ensure("event")
    if tx.method == "POST" and 200 <= answer.status < 300 and group and event:
        data = {"type": "event", "id": event["id"], "relationships": {"group": link("group", group["id"])}}
        api(world, "PATCH", f"/v1/events/{event['id']}", {"data": data})
