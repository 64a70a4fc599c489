"""What the replay has created so far, and how the blueprint's documented ids map onto it.

The blueprint's examples assume rows that exist (`/v1/taxes/1`, `{"type": "event", "id": "1"}`). The replay
creates them through the API and keeps here, per JSON:API type, the object that stands for "the documented
one": its id and attributes. URL parameters are mapped by the path segment before them (`/v1/taxes/{tax_id}`
→ a `tax`), relationship data by its `type`. A type not yet known is *ensured*: created or discovered through
the API by a recipe (see `recipes.py`), once.
"""

import copy
import email
import itertools
import re
from pathlib import Path

# the path segment before a parameter -> the JSON:API type of the object it names
COLLECTIONS = {
    "access-codes": "access-code",
    "activities": "activity",
    "attendees": "attendee",
    "badge-forms": "badge-form",
    "custom-forms": "custom-form",
    "custom-placeholders": "custom-placeholder",
    "custom-system-roles": "custom-system-role",
    "discount-codes": "discount-code",
    "email-notifications": "email-notification",
    "event-copyrights": "event-copyright",
    "event-invoices": "event-invoice",
    "event-locations": "event-location",
    "event-role-permissions": "event-role-permissions",
    "event-sub-topics": "event-sub-topic",
    "event-topics": "event-topic",
    "event-types": "event-type",
    "events": "event",
    "event": "event",  # /v1/user-check-in/stats/event/{event_id}
    "exhibitors": "exhibitor",
    "faq-types": "faq-type",
    "faqs": "faq",
    "feedbacks": "feedback",
    "groups": "group",
    "import-jobs": "import-job",
    "mails": "mail",
    "message-settings": "message-setting",
    "microlocations": "microlocation",
    "notifications": "notification",
    "orders": "order",
    "pages": "page",
    "panel-permissions": "panel-permission",
    "role-invites": "role-invite",
    "roles": "role",
    "services": "service",
    "session-types": "session-type",
    "sessions": "session",
    "social-links": "social-link",
    "speakers-calls": "speakers-call",
    "speakers": "speaker",
    "sponsors": "sponsor",
    "station": "station",
    "stations": "station",
    "station-store-paxs": "station-store-pax",
    "stripe-authorizations": "stripe-authorization",
    "tasks": "task",
    "tax": "tax",
    "taxes": "tax",
    "ticket-fees": "ticket-fee",
    "ticket-tags": "ticket-tag",
    "tickets": "ticket",
    "tracks": "track",
    "translation_channels": "translation_channel",
    "user-emails": "user-email",
    "user-favourite-events": "user-favourite-event",
    "user-favourite-sessions": "user-favourite-session",
    "user-permissions": "user-permission",
    "users": "user",
    "users-events-roles": "users-events-roles",
    "video-streams": "video-stream",
}

# relationship `type` names of request bodies that are spelled differently from the resource type
TYPE_ALIASES = {"ticket_holder": "attendee"}

# attributes whose documented value would collide with a row created earlier (unique constraints)
UNIQUE_EMAILS = {"email", "email-address"}
UNIQUE_CODES = {"code"}


class World:
    def __init__(self, client, admin, outbox=None):
        self.client = client  # an Http bound to the server
        self.admin = admin  # {"id", "email", "password", "token"}
        self.outbox = Path(outbox) if outbox else None
        self.objects = {}  # type -> {"id", "attributes", ...}: the object standing for documented id "1"
        self.tagged = {}  # (type, tag) -> object, for a second object of a type (e.g. the event-level code)
        self.failed = {}  # type -> why it could not be ensured
        self.values = {}  # loose values hooks share: task ids, tokens, …
        self.names = {}  # type -> names given to rows of it in this run
        self.users = {"admin": admin}  # name -> {"id", "email", "password", "token", ...}
        self._counter = itertools.count(1)
        self.recipes = {}  # type -> callable(world) -> object or None (installed by recipes.py)
        self.log = []  # setup calls made outside the transactions: (method, path, status)
        self.sessions = {}  # name -> Http with its own cookie jar (the runner's browser-like sessions)
        self.runner = None  # the Runner replaying into this world (recipes replay documented creates with it)
        self.create_examples = {}  # (type, tag) -> the blueprint transaction that creates one

    # --- registry -------------------------------------------------------------------------------
    def register(self, type_, data, tag=None, replace=True):
        """Remember a resource object (a JSON:API `data` member) as the one standing for its type."""
        if not isinstance(data, dict) or "id" not in data:
            return None
        entry = {"id": str(data["id"]), "type": type_, "attributes": dict(data.get("attributes") or {})}
        if tag:
            self.tagged[(type_, tag)] = entry
            self.failed.pop(f"{type_}#{tag}", None)
        elif replace or type_ not in self.objects:
            self.objects[type_] = entry
            self.failed.pop(type_, None)
        return entry

    def learn(self, document):
        """Register every type of a response's `data` not known yet (lists: the first item of each type)."""
        data = document.get("data") if isinstance(document, dict) else None
        items = data if isinstance(data, list) else [data] if isinstance(data, dict) else []
        for item in items:
            if isinstance(item, dict) and item.get("type") and item.get("id") is not None:
                if item["type"] not in self.objects:
                    self.register(item["type"], item)

    def get(self, type_, tag=None):
        if tag:
            return self.tagged.get((type_, tag)) or self.get(type_)
        return self.objects.get(type_)

    def ensure(self, type_, tag=None):
        """The object standing for `type_`, creating or discovering it through a recipe when unknown."""
        type_ = TYPE_ALIASES.get(type_, type_)
        name = f"{type_}#{tag}" if tag else type_
        found = self.tagged.get((type_, tag)) if tag else self.objects.get(type_)
        if found or name in self.failed:
            return found or (self.get(type_) if tag else None)
        recipe = self.recipes.get(name)
        if recipe is None:
            if not tag:
                self.failed[name] = "no recipe and no transaction created one"
            return self.get(type_) if tag else None
        self.failed[name] = "recipe in progress"  # guards against recursion
        try:
            result = recipe(self)
        except Exception as exc:  # a recipe failing is a finding, not a crash of the whole run
            result = None
            self.failed[name] = f"recipe raised {exc!r}"
        if result:
            self.failed.pop(name, None)
            return self.get(type_, tag)
        if self.failed.get(name) == "recipe in progress":
            self.failed[name] = "its recipe could not create or find one through the API"
        return self.get(type_) if tag else None

    def fresh(self, type_):
        """A new object of `type_` made by its recipe, leaving the one that stands for documented id "1" in
        place (a DELETE gets its own victim, so rows made later in the run do not block it). None when the
        recipe only discovers existing rows or cannot create one."""
        recipe = self.recipes.get(type_)
        if recipe is None or (type_, None) not in self.create_examples:
            return None
        saved = self.objects.get(type_)
        try:
            made = recipe(self)
        except Exception:  # noqa: BLE001 - no victim; the DELETE falls back to the documented object
            made = None
        if saved is not None:  # the documented object stays; a failed victim is no setup failure
            self.objects[type_] = saved
            self.failed.pop(type_, None)
        if made and (saved is None or made["id"] != saved["id"]):
            return made
        return None

    def can_ensure(self, type_):
        return type_ in self.objects or type_ in self.recipes

    def id_of(self, type_, tag=None):
        found = self.ensure(type_, tag)
        return found["id"] if found else None

    # --- values ---------------------------------------------------------------------------------
    def unique(self, prefix="bp"):
        return f"{prefix}{next(self._counter)}"

    def fresh_email(self, documented="user@example.com"):
        local, _, domain = str(documented).partition("@")
        return f"{local or 'user'}.{self.unique('bp')}@{domain or 'example.com'}".lower()

    def fresh_code(self, documented="CODE"):
        return f"{documented}{self.unique('X')}".upper()

    # --- the mail outbox (Django's file-based backend of the server) -----------------------------
    def mails(self):
        """Every message the server wrote so far, newest last: (recipients, subject, text)."""
        if not self.outbox or not self.outbox.exists():
            return []
        found = []
        for path in sorted(self.outbox.iterdir(), key=lambda p: p.stat().st_mtime):
            for chunk in path.read_text(errors="replace").split("\n" + "-" * 79 + "\n"):
                if not chunk.strip():
                    continue
                message = email.message_from_string(chunk)
                texts = []
                for part in message.walk():
                    if part.get_content_maintype() == "text":
                        payload = part.get_payload(decode=True) or b""
                        texts.append(payload.decode(part.get_content_charset() or "utf-8", "replace"))
                found.append((str(message.get("To", "")).lower(), str(message.get("Subject", "")), "\n".join(texts)))
        return found

    def mail_token(self, address, hint=""):
        """The `token=` value of the newest mail to `address` that mentions `hint` (case-insensitive)."""
        for recipients, subject, text in reversed(self.mails()):
            if address.lower() not in recipients:
                continue
            if hint and hint.lower() not in (subject + text).lower():
                continue
            match = re.search(r"token=([A-Za-z0-9_\-.:%]+)", text)
            if match:
                return match.group(1)
        return None


def param_type(path_template, name):
    """The type named by a URL parameter: the collection segment right before it."""
    segments = path_template.strip("/").split("/")
    for index, segment in enumerate(segments):
        if segment == "{" + name + "}" and index > 0:
            return COLLECTIONS.get(segments[index - 1])
    return None


def substitute_relationships(document, world, notes):
    """Point every relationship linkage of a JSON:API request document at the objects we created."""
    data = document.get("data") if isinstance(document, dict) else None
    if not isinstance(data, dict):
        return
    for name, relationship in (data.get("relationships") or {}).items():
        linkage = relationship.get("data") if isinstance(relationship, dict) else None
        items = linkage if isinstance(linkage, list) else [linkage]
        for item in items:
            if not isinstance(item, dict) or "type" not in item:
                continue
            type_ = TYPE_ALIASES.get(item["type"], item["type"])
            if type_ == "user":
                item["id"] = str(world.admin["id"])
                continue
            found = world.ensure(type_)
            if found:
                item["id"] = found["id"]
            else:
                notes.append(f"relationship {name}: no {type_} ({world.failed.get(type_)})")


def substitute_unique(document, world, method, target=None):
    """Fresh values for attributes a unique constraint guards (a PATCH keeps the object's own code); a name
    already given to a row of the same type earlier in the run gets a suffix (topic and type names are
    unique, and recipes may have used the documented one first)."""
    data = document.get("data") if isinstance(document, dict) else None
    attributes = data.get("attributes") if isinstance(data, dict) else None
    if not isinstance(attributes, dict):
        return
    if method == "POST" and isinstance(attributes.get("name"), str):
        used = world.names.setdefault(data.get("type"), set())
        if attributes["name"] in used:
            attributes["name"] = f"{attributes['name']} {world.unique('n')}"
        used.add(attributes["name"])
    for key, value in list(attributes.items()):
        if key in UNIQUE_EMAILS and isinstance(value, str) and "@" in value:
            attributes[key] = world.fresh_email(value)
        elif key in UNIQUE_CODES and isinstance(value, str):
            current = (target or {}).get("attributes", {}).get("code") if method == "PATCH" else None
            attributes[key] = current or world.fresh_code(value)


def deep_copy(value):
    return copy.deepcopy(value)
