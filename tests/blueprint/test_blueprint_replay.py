"""The Open Event Server's API blueprint, replayed against a live eventyay (issue 14, item 7).

Every transaction of `../shared/contract/oes-api-blueprint/**/*.apib` runs once, in dependency order, as a
super admin on the happy path (as the Open Event Server's own CI replayed it with dredd), against uvicorn on
PostgreSQL (`DATABASE_URL`) or SQLite. Each is judged on status (the documented one) and shape (every
attribute and relationship name of the documented `data`, under the same `type`). The figures are printed at
the end of the run and written to tests/artifacts/blueprint/report.{md,json}, with the failures grouped by
cause.
"""

import base64
import json
import time
from dataclasses import dataclass

import pytest

from tests.blueprint import apib, recipes, report
from tests.blueprint.client import Http
from tests.blueprint.conftest import ARTIFACTS, BLUEPRINT_DIR, needs_blueprint, uses_test_database
from tests.blueprint.hooks import Hooks
from tests.blueprint.runner import Runner
from tests.blueprint.world import World

# The share of judged transactions that must pass status and shape. The target is 95 %; this is the floor
# measured on main when the replay landed, so CI stays green while the API catches up. Raise it with the API.
PASS_RATE_FLOOR = 97.0


@dataclass(frozen=True)
class Amend:
    """The blueprint contradicts itself: judge this transaction against the corrected expectation."""

    reason: str
    type: str | None = None
    status: int | None = None


# Transactions not counted: the blueprint contradicts itself, the JSON:API spec or our security rules.
# Keep this short; every entry says why.
EXCEPTIONS = {
    "order/orders.apib :: Create Paypal payment :: Create Paypal payment for an Order": (
        "calls PayPal itself (no outside payment providers here: issue 14, 'Not in this issue'); the route is "
        "also outside /v1/"
    ),
}

# Transactions judged against a corrected expectation, where the blueprint contradicts its own other examples.
AMENDMENTS = {
    "pages.apib :: Page Collection :: Page Sizes": Amend(
        "the list documents type `image-size` (a copy of image_size.apib); every other page example says `page`",
        type="page",
    ),
    "event/event_topics.apib :: Event Topic Details :: Update Event Topic": Amend(
        "the PATCH answer documents type `event-type`; the request and every other example say `event-topic`",
        type="event-topic",
    ),
    "event/event_sub_topics.apib :: Event Sub Topic Details :: Update Event Sub Topic": Amend(
        "the PATCH answer documents type `event-sub-type`; the request and every other example say `event-sub-topic`",
        type="event-sub-topic",
    ),
    "message_settings.apib :: Message Setting Collection :: List Message Settings": Amend(
        "the list documents type `message-settings`; its detail and update examples say `message-setting`",
        type="message-setting",
    ),
}


def login(base, admin):
    answer = Http(base).json(
        "POST",
        "/v1/auth/login",
        {"email": admin["email"], "password": admin["password"]},
        content_type="application/json",
        accept="application/json",
    )
    assert answer.status == 200, f"the super admin cannot log in: {answer.status} {answer.error_detail()}"
    return answer.json["access_token"]


def identity(base, token):
    answer = Http(base).json("GET", "/v1/users/user-details/get-user-id", token=token, accept="application/json")
    if answer.status == 200 and isinstance(answer.json, dict) and answer.json.get("user_id"):
        return str(answer.json["user_id"])
    payload = token.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return str(claims["identity"])


@pytest.mark.integration
@needs_blueprint
@uses_test_database
def test_blueprint_replay_passes_at_least_the_floor(blueprint_server):
    base, admin, outbox = blueprint_server
    started = time.monotonic()
    admin["token"] = login(base, admin)
    admin["id"] = identity(base, admin["token"])
    world = World(Http(base), admin, outbox)
    transactions = apib.load(BLUEPRINT_DIR)
    assert all(key in {t.key for t in transactions} for key in [*EXCEPTIONS, *AMENDMENTS]), "stale exception key"
    runner = Runner(world, Hooks(), AMENDMENTS)
    runner.learn_examples(transactions)
    recipes.install(world)

    results = runner.run(transactions, EXCEPTIONS)

    figures = report.build(results, transactions, PASS_RATE_FLOOR, world)
    figures["seconds"] = round(time.monotonic() - started, 1)
    report.write(figures, ARTIFACTS)
    assert len(results) == len(transactions)
    rate = figures["total"]["both_rate"]
    assert rate >= PASS_RATE_FLOOR, (
        f"{rate}% of the blueprint's transactions pass status and shape, below the floor {PASS_RATE_FLOOR}%; "
        f"see {ARTIFACTS / 'report.md'}"
    )
