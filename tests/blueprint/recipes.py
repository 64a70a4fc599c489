"""Recipes: how the replay gets an object of a type no transaction created (yet), through the API only.

A recipe either creates one (the documented create failed, or the blueprint documents none: alternate
e-mails, video streams…) or discovers one the server made by itself (roles, services, notifications, the
mail log…). Each returns the registered object, or None; `World.ensure` calls each at most once.
"""

from datetime import UTC, datetime, timedelta

from tests.blueprint.client import JSONAPI

FUTURE = "2099-12-13T10:00:00+00:00"
#: the examples' "password" is refused as too common (our password rules): accounts the replay makes use this
REPLAY_PASSWORD = "eventyay-replay-pw-1"
FUTURE_END = "2099-12-14T18:00:00+00:00"


def api(world, method, path, document=None, user="admin", content_type=JSONAPI):
    token = (world.users.get(user) or {}).get("token") if user else None
    answer = world.client.json(method, path, document, token=token, content_type=content_type)
    world.log.append((method, path, answer.status))
    return answer


def create(world, type_, paths, attributes, relationships=None, tag=None):
    """POST a minimal resource to the first of `paths` (strings or callables of world) that takes it."""
    data = {"type": type_, "attributes": attributes}
    if relationships:
        data["relationships"] = relationships
    why = []
    for path in [paths] if isinstance(paths, str) else paths:
        path = path(world) if callable(path) else path
        if not path:
            continue
        answer = api(world, "POST", path, {"data": data})
        body = answer.json
        if 200 <= answer.status < 300 and isinstance(body, dict) and isinstance(body.get("data"), dict):
            return world.register(type_, body["data"], tag=tag)
        why.append(f"POST {path} answered {answer.status}: {answer.error_detail(100)}")
    world.failed[f"{type_}#{tag}" if tag else type_] = "; ".join(why) or "no path to create it"
    return None


def replay_create(type_, tag=None, alternatives=()):
    """Replay the blueprint's own create example of `type_` (ids mapped, unique values fresh) at its documented
    path, then at `alternatives` (the event-nested collection…): the example is the best description of a
    valid row, and a failed documented create must not hide everything that depends on it."""

    def recipe(world):
        tx, runner = world.create_examples.get((type_, tag)), world.runner
        if tx is None or runner is None:
            return None
        call = runner.prepare(tx)
        why = []
        for path in [call.path, *alternatives]:
            path = path(world) if callable(path) else path
            if not path:
                continue
            call.path = path
            answer = runner.send(call)
            world.log.append(("POST", path, answer.status))
            body = answer.json
            if 200 <= answer.status < 300 and isinstance(body, dict) and isinstance(body.get("data"), dict):
                return world.register(type_, body["data"], tag=tag)
            why.append(f"POST {path} answered {answer.status}: {answer.error_detail(100)}")
        world.failed[f"{type_}#{tag}" if tag else type_] = "; ".join(why)
        return None

    return recipe


def first_of(*recipes):
    def recipe(world):
        for candidate in recipes:
            found = candidate(world) if candidate else None
            if found:
                return found
        return None

    return recipe


def discover(world, type_, *paths):
    """The first item of the first list among `paths` that has one (paths may be callables of world)."""
    for path in paths:
        path = path(world) if callable(path) else path
        if not path:
            continue
        answer = api(world, "GET", path)
        body = answer.json
        data = body.get("data") if isinstance(body, dict) else None
        first = data[0] if isinstance(data, list) and data else data if isinstance(data, dict) else None
        if first and first.get("id") is not None:
            return world.register(type_, first)
    world.failed[type_] = "none found at " + ", ".join(p if isinstance(p, str) else "…" for p in paths)
    return None


def link(type_, id_):
    return {"data": {"type": type_, "id": str(id_)}}


def event_link(world):
    event = world.ensure("event")
    return {"event": link("event", event["id"])} if event else {}


def _event_path(suffix, create_event=True):
    """`/v1/events/<our event>/<suffix>`; with create_event=False only when the event exists already (an
    alternative path must not create the event for a type that does not need one)."""

    def build(world):
        event = world.get("event") or (world.ensure("event") if create_event else None)
        return f"/v1/events/{event['id']}/{suffix}" if event else None

    return build


def user_recipe(world):
    email = world.fresh_email("replay.user@example.com")
    found = create(world, "user", "/v1/users", {"email": email, "password": REPLAY_PASSWORD})
    if found:
        world.users["auth"] = {"id": found["id"], "email": email, "password": REPLAY_PASSWORD, "token": None}
    return found


def event_recipe(world):
    return create(
        world,
        "event",
        "/v1/events",
        {
            "name": "Replay event",
            "starts-at": FUTURE,
            "ends-at": FUTURE_END,
            "timezone": "UTC",
            "state": "draft",
        },
    )


def ticket_recipe(world):
    now = datetime.now(UTC)
    attributes = {
        "name": "Replay ticket",
        "type": "paid",
        "price": "10.00",
        "quantity": 100,
        "sales-starts-at": (now - timedelta(days=1)).isoformat(),
        "sales-ends-at": "2099-12-01T00:00:00+00:00",
    }
    return create(world, "ticket", ["/v1/tickets", _event_path("tickets")], attributes, event_link(world))


def event_scoped(type_, collection, attributes):
    def recipe(world):
        return create(world, type_, [f"/v1/{collection}", _event_path(collection)], dict(attributes), event_link(world))

    return recipe


def order_recipe(world):
    ticket = world.ensure("ticket")
    if not ticket:
        return None
    answer = api(
        world,
        "POST",
        "/v1/orders/create-order",
        {"tickets": [{"id": int(ticket["id"]), "quantity": 1}]},
        content_type="application/json",
    )
    body = answer.json
    if 200 <= answer.status < 300 and isinstance(body, dict) and isinstance(body.get("data"), dict):
        return world.register("order", body["data"])
    world.failed["order"] = f"create-order answered {answer.status}: {answer.error_detail(120)}"
    return None


def attendee_recipe(world):
    def by_order(w):
        order = w.ensure("order")
        return f"/v1/orders/{order['attributes'].get('identifier') or order['id']}/attendees" if order else None

    return discover(world, "attendee", by_order, _event_path("attendees"))


def event_invoice_recipe(world):
    """Invoices are issued by admins (the blueprint documents no create): one for the event, billed to admin."""
    relationships = {**event_link(world), "user": link("user", world.admin["id"])}
    attributes = {"amount": "100.00", "status": "pending"}
    return create(world, "event-invoice", ["/v1/event-invoices"], attributes, relationships)


def sold_attendee_recipe(world):
    """An attendee of a sold (free, so completed at once) order: only those are admitted at a station."""
    relationships = event_link(world)
    attributes = {"name": "Replay free ticket", "type": "free", "quantity": 10}
    ticket = create(world, "ticket", ["/v1/tickets"], attributes, relationships, tag="free")
    if not ticket:
        return None
    answer = api(
        world,
        "POST",
        "/v1/orders/create-order",
        {"tickets": [{"id": int(ticket["id"]), "quantity": 1}]},
        content_type="application/json",
    )
    order = (answer.json or {}).get("data") if isinstance(answer.json, dict) else None
    if not isinstance(order, dict):
        world.failed["attendee#sold"] = f"create-order answered {answer.status}: {answer.error_detail(120)}"
        return None
    key = order["attributes"].get("identifier") or order["id"]
    attendees = (api(world, "GET", f"/v1/orders/{key}/attendees").json or {}).get("data") or []
    return world.register("attendee", attendees[0], tag="sold") if attendees else None


def session_recipe(world):
    relationships = event_link(world)
    for type_ in ("track", "session-type", "microlocation"):
        found = world.ensure(type_)
        if found:
            relationships[type_] = link(type_, found["id"])
    return create(
        world,
        "session",
        "/v1/sessions",
        {
            "title": "Replay session",
            "starts-at": FUTURE,
            "ends-at": "2099-12-13T11:00:00+00:00",
            "state": "accepted",
        },
        relationships,
    )


def speaker_recipe(world):
    relationships = {**event_link(world), "user": link("user", world.admin["id"])}
    session = world.ensure("session")
    if session:
        relationships["sessions"] = {"data": [{"type": "session", "id": session["id"]}]}
    return create(
        world,
        "speaker",
        "/v1/speakers",
        {
            "name": "Replay speaker",
            "email": world.fresh_email("speaker@example.com"),
        },
        relationships,
    )


def user_email_recipe(world):
    return create(
        world,
        "user-email",
        "/v1/user-emails",
        {
            "email-address": world.fresh_email("alternate@example.com"),
            "type": "office",
        },
        {"user": link("user", world.admin["id"])},
    )


def video_stream_recipe(world):
    return create(
        world,
        "video-stream",
        "/v1/video-streams",
        {
            "name": "Replay stream",
            "url": "https://example.com/stream",
            "password": "replay",
        },
        event_link(world),
    )


def email_notification_recipe(world):
    found = discover(world, "email-notification", f"/v1/users/{world.admin['id']}/email-notifications")
    if found:
        return found
    attributes = {
        "next-event": False,
        "new-paper": False,
        "session-accept-reject": False,
        "session-schedule": True,
        "after-ticket-purchase": True,
    }
    relationships = {**event_link(world), "user": link("user", world.admin["id"])}
    return create(world, "email-notification", "/v1/email-notifications", attributes, relationships)


def translation_channel_recipe(world):
    found = discover(world, "translation_channel", "/v1/translation_channels")
    if found:
        return found
    stream = world.ensure("video-stream")
    relationships = {"video-stream": link("video-stream", stream["id"])} if stream else {}
    return create(
        world,
        "translation_channel",
        "/v1/translation_channels",
        {"name": "replay-channel", "url": "https://example.com/channel"},
        relationships,
    )


def role_recipe(world):
    return discover(world, "role", "/v1/roles")


RECIPES = {
    "user": user_recipe,
    "event": event_recipe,
    "ticket": ticket_recipe,
    "order": order_recipe,
    "attendee": attendee_recipe,
    "session": session_recipe,
    "speaker": speaker_recipe,
    "track": event_scoped("track", "tracks", {"name": "Replay track", "color": "#a04b4b"}),
    "session-type": event_scoped("session-type", "session-types", {"name": "Replay type", "length": "00:30"}),
    "microlocation": event_scoped("microlocation", "microlocations", {"name": "Replay room"}),
    "user-email": user_email_recipe,
    "video-stream": video_stream_recipe,
    "role": role_recipe,
    "service": lambda w: discover(w, "service", "/v1/services"),
    "event-role-permissions": lambda w: discover(w, "event-role-permissions", "/v1/event-role-permissions"),
    "notification": lambda w: discover(
        w, "notification", "/v1/notifications", f"/v1/users/{w.admin['id']}/notifications"
    ),
    "users-events-roles": lambda w: discover(w, "users-events-roles", _event_path("users-events-roles")),
    "mail": lambda w: discover(w, "mail", "/v1/mails"),
    "activity": lambda w: discover(w, "activity", "/v1/activities"),
    "message-setting": lambda w: discover(w, "message-setting", "/v1/message-settings"),
    "email-notification": email_notification_recipe,
    "attendee#sold": sold_attendee_recipe,
    "event-invoice": lambda w: discover(w, "event-invoice", "/v1/event-invoices") or event_invoice_recipe(w),
    "import-job": lambda w: discover(w, "import-job", "/v1/import-jobs"),
    "event-location": lambda w: discover(w, "event-location", "/v1/event-locations"),
    "translation_channel": translation_channel_recipe,
    "setting": lambda w: discover(w, "setting", "/v1/settings"),
}


# where else a documented create may be tried when its documented path fails (besides /v1/events/<id>/<collection>)
ALTERNATIVES = {
    ("stripe-authorization", None): ["/v1/stripe-authorization"],
    ("discount-code", "event-code"): [_event_path("discount-code")],
    ("station", None): ["/v1/stations"],
}


def notification_recipe(world):
    """Notifications are side effects: an event export notifies whoever asked for it."""
    found = discover(world, "notification", "/v1/notifications", f"/v1/users/{world.admin['id']}/notifications")
    if found:
        return found
    export = _event_path("export/json")(world)
    if export:
        api(world, "POST", export, {}, content_type="application/json")
    return discover(world, "notification", "/v1/notifications", f"/v1/users/{world.admin['id']}/notifications")


def install(world):
    """Recipes for every type: the documented create (replayed, then at alternative paths), then a minimal
    hand-written one; discovery for the types the server makes by itself."""
    world.recipes.update(RECIPES)
    world.recipes["notification"] = notification_recipe
    for (type_, tag), tx in world.create_examples.items():
        collection = tx.path_template.rstrip("/").split("/")[-1]
        alternatives = [*ALTERNATIVES.get((type_, tag), []), _event_path(collection, create_event=False)]
        name = f"{type_}#{tag}" if tag else type_
        world.recipes[name] = first_of(replay_create(type_, tag, alternatives), RECIPES.get(name))
