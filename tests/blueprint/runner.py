"""The replay: every blueprint transaction, in a sensible order, against a live server, judged.

Order (one pass): creates (POSTs that make a resource) by dependency rank, then reads (GET), updates (PATCH)
by rank, other POSTs (actions: exports, auth, checkout…), reads that need those actions (task results, mail
log), DELETEs in reverse dependency rank (so a resource is deleted after its own reads and updates and after
its children), and last the calls that end a session (logout, token blacklist).

Each transaction is prepared from its documented request: URL parameters and relationship ids mapped onto the
objects the replay created (`world.py`), fresh values where a unique constraint would refuse the example,
`Authorization` of the acting user (the super admin unless a file hook says otherwise), then a per-file hook
(`hooks.py`) may adjust it.
"""

import json
import re
import time
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from tests.blueprint.client import JSONAPI, Answer, Http, multipart
from tests.blueprint.judge import Verdict, documented_data, judge
from tests.blueprint.world import COLLECTIONS, param_type, substitute_relationships, substitute_unique

# creation rank: a type is created after everything it points at
RANK = [
    "user",
    "custom-system-role",
    "panel-permission",
    "user-permission",
    "ticket-fee",
    "page",
    "role",
    "event-topic",
    "event-sub-topic",
    "event-type",
    "custom-placeholder",
    "event",
    "tax",
    "event-copyright",
    "stripe-authorization",
    "speakers-call",
    "custom-form",
    "faq-type",
    "faq",
    "track",
    "session-type",
    "microlocation",
    "ticket",
    "ticket-tag",
    "access-code",
    "discount-code",
    "sponsor",
    "social-link",
    "exhibitor",
    "role-invite",
    "group",
    "user-favourite-event",
    "session",
    "speaker",
    "user-favourite-session",
    "feedback",
    "station",
    "station-store-pax",
    "order",
    "attendee",
    "user-check-in",
]
PHASES = ["create", "read", "update", "action", "late-read", "delete", "final"]

# reads that only make sense after the actions ran (a task result, the mail log, the audit log, imports)
LATE_READS = {
    "/v1/tasks/{task_id}",
    "/v1/import-jobs",
    "/v1/mails",
    "/v1/mails/{mail_id}",
    "/v1/activities",
    "/v1/activities/{activity_id}",
    "/v1/admin/statistics/mails",
}


def rank(type_):
    return RANK.index(type_) if type_ in RANK else len(RANK)


def resource_type(tx):
    """The JSON:API type a transaction is about: the documented request's, else the response's."""
    for body in (tx.request.body, tx.response.body):
        kind, item = documented_data(body)
        if kind in ("object", "list") and item.get("type"):
            return item["type"]
        if isinstance(body, dict) and isinstance(body.get("data"), dict) and body["data"].get("type"):
            return body["data"]["type"]
    segments = [s for s in tx.path_template.strip("/").split("/") if not s.startswith("{")]
    return COLLECTIONS.get(segments[-1]) if segments else None


def is_create(tx):
    """A POST that makes a resource: documented 201, or the checkout's create-order (documented 200)."""
    return tx.method == "POST" and (tx.response.status == 201 or tx.path_template.endswith("/create-order"))


def phase_of(tx, hooks):
    forced = hooks.phase(tx)
    if forced:
        return forced
    if tx.method == "GET":
        return "late-read" if tx.path_template in LATE_READS else "read"
    if tx.method == "DELETE":
        return "delete"
    if tx.method in ("PATCH", "PUT"):
        return "update"
    return "create" if is_create(tx) else "action"


def plan(transactions, hooks):
    """The transactions in replay order (a stable sort: document order inside a phase and rank)."""

    def key(indexed):
        index, tx = indexed
        phase = phase_of(tx, hooks)
        type_rank = rank(resource_type(tx))
        if phase == "delete":
            type_rank = -type_rank
        elif phase not in ("create", "update"):
            type_rank = 0
        return PHASES.index(phase), type_rank, index

    return [tx for _, tx in sorted(enumerate(transactions), key=key)]


@dataclass
class Call:
    """One prepared request; hooks may change any of it before it is sent."""

    method: str
    path: str
    query: dict = field(default_factory=dict)
    headers: dict = field(default_factory=dict)
    document: object = None  # the JSON body (before encoding), or None
    raw_body: bytes | None = None  # a non-JSON body (multipart), wins over `document`
    identity: str | None = "admin"  # whose token goes into Authorization (a key of world.users), None = none
    session: str = "admin"  # whose cookie jar the request uses
    target: dict | None = None  # the object the URL's last parameter names
    notes: list = field(default_factory=list)

    @property
    def url(self):
        return self.path + ("?" + urlencode(self.query) if self.query else "")


@dataclass
class Result:
    tx: object
    phase: str
    call: Call
    answer: Answer
    verdict: Verdict
    excepted: str = ""  # the exception-list reason, when the transaction is not counted
    elapsed: float = 0.0


class Runner:
    def __init__(self, world, hooks, amendments=None):
        self.world = world
        self.hooks = hooks
        self.amendments = amendments or {}
        world.runner = self

    def learn_examples(self, transactions):
        """The first documented create of each (type, tag), for recipes to replay."""
        for tx in transactions:
            if phase_of(tx, self.hooks) == "create":
                key = (resource_type(tx), self.hooks.create_tag(tx))
                self.world.create_examples.setdefault(key, tx)

    # --- preparation ------------------------------------------------------------------------------
    def resolve(self, tx, name, path_template, notes):
        """The value for URL parameter `name` (None when the object it names could not be had)."""
        world = self.world
        type_ = param_type(path_template, name)
        tag = self.hooks.param_tag(tx, name)
        if name == "task_id":
            return world.values.get("task_id"), None
        if name == "code":
            type_ = param_type(path_template.replace("/{code}", "/{x}"), "x") or "discount-code"
            found = world.ensure(type_)
            return (found or {}).get("attributes", {}).get("code"), found
        if type_ == "user" and path_template != "/v1/users/{user_id}":
            return str(world.admin["id"]), None
        if type_ is None:
            notes.append(f"parameter {name}: unknown collection, documented value kept")
            return tx.parameters.get(name) or "1", None
        victim = tx.method == "DELETE" and name == tx.path_parameters[-1] and not tag
        found = (victim and world.fresh(type_)) or world.ensure(type_, tag)
        if not found:
            notes.append(f"parameter {name}: no {type_} ({world.failed.get(type_)})")
            return None, None
        if type_ == "order":
            return found["attributes"].get("identifier") or found["id"], found
        return found["id"], found

    def prepare(self, tx):
        notes = []
        template = tx.path_template
        target = None
        path = template
        for name in tx.path_parameters:
            value, found = self.resolve(tx, name, template, notes)
            target = found or target
            path = path.replace(
                "{" + name + "}", quote(str(value if value is not None else tx.parameters.get(name) or "1"), safe="")
            )
        # literal ids written into a path template (`/v1/users/1/user-favourite-sessions`)
        written, segments = template.strip("/").split("/"), path.strip("/").split("/")
        if len(written) == len(segments):
            for index, segment in enumerate(written):
                if segment.isdigit() and index > 0 and written[index - 1] in COLLECTIONS:
                    type_ = COLLECTIONS[written[index - 1]]
                    value = str(self.world.admin["id"]) if type_ == "user" else self.world.id_of(type_)
                    segments[index] = value or segment
            path = "/" + "/".join(segments)
        query = {}
        for pair in filter(None, tx.literal_query.split("&")):
            key, _, value = pair.partition("=")
            query[key] = value
        for name in tx.query_parameters:
            if name in tx.optional or name in ("page[size]", "page[number]", "sort", "filter"):
                continue
            value = tx.parameters.get(name, "")
            if name.endswith("_id"):
                value = self.world.id_of(name[:-3].replace("_", "-")) or value
            query[name] = value
        headers = {k: v for k, v in tx.request.headers.items() if k.lower() != "authorization"}
        if "Content-Type" not in headers and tx.request.content_type and not tx.request.is_multipart:
            headers["Content-Type"] = tx.request.content_type
        call = Call(tx.method, path, query, headers, target=target, notes=notes)
        kind, item = documented_data(tx.response.body)
        if tx.method == "GET" and kind in ("object", "list") and self.world.can_ensure(item.get("type")):
            self.world.ensure(item["type"])  # the example assumes at least one exists
        body = tx.request.body
        if body is not None:
            document = json.loads(json.dumps(body))
            data = document.get("data") if isinstance(document, dict) else None
            if isinstance(data, dict):
                substitute_relationships(document, self.world, notes)
                substitute_unique(document, self.world, tx.method, target)
                if tx.method == "POST" and "id" in data and data.get("type"):
                    data.pop("id")  # documented ids are placeholders for rows the replay creates
                if tx.method == "PATCH" and "id" in data:
                    own = target or self.world.get(data.get("type") or "")
                    if own:
                        data["id"] = own["id"]
            call.document = document
            if "Content-Type" not in call.headers:
                looks_jsonapi = isinstance(data, dict) and "type" in data
                call.headers["Content-Type"] = JSONAPI if looks_jsonapi else "application/json"
        elif tx.request.is_multipart:
            upload = {"file": ("test.csv", "text/csv", b"a,b\n1,2\n")}
            call.raw_body, call.headers["Content-Type"] = multipart({}, upload)
        self.hooks.before(tx, call, self.world)
        return call

    # --- execution --------------------------------------------------------------------------------
    def session(self, name):
        if name not in self.world.sessions:
            self.world.sessions[name] = Http(self.world.client.base)
        return self.world.sessions[name]

    def send(self, call):
        headers = dict(call.headers)
        user = self.world.users.get(call.identity) if call.identity else None
        if user and user.get("token"):
            headers["Authorization"] = f"JWT {user['token']}"
        body = call.raw_body
        if body is None and call.document is not None:
            body = json.dumps(call.document).encode()
        if body is None and call.method in ("POST", "PATCH", "PUT"):
            headers.pop("Content-Type", None)
        return self.session(call.session).send(call.method, call.url, body, headers)

    def run_one(self, tx, phase, exceptions):
        call = self.prepare(tx)
        started = time.monotonic()
        answer = self.send(call)
        elapsed = time.monotonic() - started
        ours = answer.json
        amendment = self.amendments.get(tx.key)
        expected_status = amendment.status if amendment and amendment.status else tx.response.status
        expected_type = amendment.type if amendment and amendment.type else None
        verdict = judge(expected_status, tx.response.body, answer.status, ours, expected_type)
        if 200 <= answer.status < 300 and isinstance(ours, dict):
            self.after(tx, phase, call, ours, verdict)
        self.hooks.after(tx, call, answer, self.world)
        return Result(tx, phase, call, answer, verdict, excepted=exceptions.get(tx.key, ""), elapsed=elapsed)

    def after(self, tx, phase, call, ours, verdict):
        """Remember what a successful call created (or revealed) for the transactions after it."""
        data = ours.get("data")
        if phase == "create" and isinstance(data, dict) and data.get("id") is not None:
            type_ = verdict.documented_type or resource_type(tx) or data.get("type")
            tag = self.hooks.create_tag(tx)
            self.world.register(type_, data, tag=tag, replace=tag is None)
        elif (
            tx.method == "PATCH" and isinstance(data, dict) and call.target and str(data.get("id")) == call.target["id"]
        ):
            call.target["attributes"].update(data.get("attributes") or {})
        if tx.method == "GET":
            self.world.learn(ours)
            documented = verdict.documented_type
            if documented and isinstance(data, (dict, list)) and documented not in self.world.objects:
                first = data if isinstance(data, dict) else (data[0] if data else None)
                if first:
                    self.world.register(documented, first)

    def run(self, transactions, exceptions=None, progress=None):
        exceptions = exceptions or {}
        results = []
        for tx in plan(transactions, self.hooks):
            phase = phase_of(tx, self.hooks)
            try:
                result = self.run_one(tx, phase, exceptions)
            except Exception as exc:  # noqa: BLE001 - a bug of the replay fails this transaction, not the run
                call = Call(tx.method, tx.path_template, notes=[f"replay error: {exc!r}"])
                verdict = Verdict(status_ok=False, shape_ok=False, reasons=[f"replay error: {exc!r}"])
                result = Result(tx, phase, call, Answer(0), verdict, excepted=exceptions.get(tx.key, ""))
            results.append(result)
            if progress:
                progress(result)
        return results


def short(text, limit=160):
    text = re.sub(r"\s+", " ", str(text)).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"
