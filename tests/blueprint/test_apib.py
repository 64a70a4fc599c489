"""The blueprint parser and the judge, on hand-written examples and on the Open Event Server's files."""

import csv

import pytest

from tests.blueprint import apib
from tests.blueprint.conftest import BLUEPRINT_DIR, COUNTS_FILE, needs_blueprint
from tests.blueprint.judge import judge
from tests.blueprint.world import param_type

EXAMPLE = """# Group Taxes
Some prose.

## Tax Collection [/v1/taxes{?page%5bsize%5d,sort}]
+ Parameters
    + page%5bsize%5d (optional, integer, `10`) - page size
    + sort (optional, string, `rate`) - order

### List Taxes [GET]

+ Request

    + Headers

            Accept: application/vnd.api+json
            Authorization: JWT <Auth Key>

+ Response 200 (application/vnd.api+json)

        {"data": [{"type": "tax", "id": "1", "attributes": {"rate": 1.5}}]}

### Create Tax [POST]

+ Request (application/vnd.api+json)

    + Body

            {"data": {"type": "tax", "attributes": {"name": "VAT"},
                      "relationships": {"event": {"data": {"type": "event", "id": "1"}}}}}

+ Response 201 (application/vnd.api+json)

        {"data": {"type": "tax", "id": "1", "attributes": {"name": "VAT"}}}
this trailing prose is not part of the body

## Tax Details [/v1/taxes/{tax_id}]
+ Parameters
    + tax_id: 1 (integer) - id

### Delete Tax [DELETE]

+ Response 200 (application/vnd.api+json)

        {"meta": {"message": "Object successfully deleted"}}

### Create Ticket Code [POST /v1/discount-codes]

+ Request(multipart/form-data; boundary=---BOUNDARY)

        -----BOUNDARY
        Content-Disposition: form-data; name="file"; filename="a.csv"

+ Response (application/json)

    {"url": "/x"}

## Onsite [/v1/orders?onsite=true]

### Create onsite [POST]

+ Response 201 (application/vnd.api+json)

        {}
"""


def test_apib_parse_text_reads_groups_resources_actions_and_messages():
    group, resources, transactions = apib.parse_text(EXAMPLE, "tax.apib")
    assert group == "Taxes"
    assert [r[1] for r in resources] == [
        "/v1/taxes{?page%5bsize%5d,sort}",
        "/v1/taxes/{tax_id}",
        "/v1/orders?onsite=true",
    ]
    assert [(t.method, t.path_template, t.response.status) for t in transactions] == [
        ("GET", "/v1/taxes", 200),
        ("POST", "/v1/taxes", 201),
        ("DELETE", "/v1/taxes/{tax_id}", 200),
        ("POST", "/v1/discount-codes", 200),
        ("POST", "/v1/orders", 201),
    ]
    listing, create, delete, upload, onsite = transactions
    assert listing.query_parameters == ["page[size]", "sort"]
    assert listing.optional == {"page[size]", "sort"} and listing.parameters["page[size]"] == "10"
    assert listing.request.headers == {"Accept": "application/vnd.api+json", "Authorization": "JWT <Auth Key>"}
    assert listing.response.body["data"][0]["attributes"] == {"rate": 1.5}
    assert create.request.body["data"]["relationships"]["event"]["data"] == {"type": "event", "id": "1"}
    assert create.response.body == {"data": {"type": "tax", "id": "1", "attributes": {"name": "VAT"}}}
    assert delete.path_parameters == ["tax_id"] and delete.parameters["tax_id"] == "1"
    assert delete.requests == [] and delete.response.body["meta"]["message"] == "Object successfully deleted"
    assert upload.request.is_multipart and upload.response.body == {"url": "/x"}
    assert onsite.literal_query == "onsite=true"
    assert create.key == "tax.apib :: Tax Collection :: Create Tax"


@needs_blueprint
def test_apib_counts_match_the_published_table_per_file():
    expected = {}
    with open(COUNTS_FILE, newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if row["actions"] != "0":
                expected[row["file"].split("docs/api/blueprint/", 1)[1]] = (
                    int(row["actions"]),
                    int(row["requests"]),
                    int(row["responses"]),
                )
    found = {}
    for path in sorted(BLUEPRINT_DIR.rglob("*.apib")):
        transactions = apib.parse_file(path, BLUEPRINT_DIR)[2]
        found[path.relative_to(BLUEPRINT_DIR).as_posix()] = (
            len(transactions),
            sum(len(t.requests) for t in transactions),
            sum(len(t.responses) for t in transactions),
        )
    assert found == expected
    assert sum(actions for actions, _, _ in found.values()) == 376


@needs_blueprint
def test_apib_every_documented_body_is_json():
    for tx in apib.load(BLUEPRINT_DIR):
        for message in [*tx.requests, *tx.responses]:
            if message.body_text.strip() and not message.is_multipart:
                assert message.body is not None, f"{tx.key}: body is not JSON"
    keys = [tx.key for tx in apib.load(BLUEPRINT_DIR)]
    assert len(keys) == len(set(keys))


@needs_blueprint
def test_apib_tax_file_has_its_six_transactions():
    transactions = apib.parse_file(BLUEPRINT_DIR / "tax.apib", BLUEPRINT_DIR)[2]
    assert [(t.method, t.path_template) for t in transactions] == [
        ("GET", "/v1/taxes"),
        ("POST", "/v1/taxes"),
        ("GET", "/v1/taxes/{tax_id}"),
        ("PATCH", "/v1/taxes/{tax_id}"),
        ("DELETE", "/v1/taxes/{tax_id}"),
        ("GET", "/v1/events/{event_identifier}/tax"),
    ]
    assert transactions[1].request.body["data"]["attributes"]["tax-id"] == "123456789"


DOCUMENTED = {
    "data": {
        "type": "tax",
        "id": "1",
        "attributes": {"name": "x", "rate": 1},
        "relationships": {"event": {"links": {}}},
    }
}


@pytest.mark.parametrize(
    ("status", "ours", "status_ok", "shape_ok", "reason"),
    [
        (
            200,
            {
                "data": {
                    "type": "tax",
                    "id": "9",
                    "attributes": {"name": "y", "rate": 2, "extra": 1},
                    "relationships": {"event": {}, "more": {}},
                }
            },
            True,
            True,
            "",
        ),
        (
            200,
            {"data": {"type": "tax", "id": "9", "attributes": {"name": "y"}, "relationships": {}}},
            True,
            False,
            "missing attributes: rate",
        ),
        (
            200,
            {
                "data": {
                    "type": "taxes",
                    "id": "9",
                    "attributes": {"name": "y", "rate": 2},
                    "relationships": {"event": {}},
                }
            },
            True,
            False,
            "type 'taxes', documented 'tax'",
        ),
        (
            201,
            {
                "data": [
                    {"type": "tax", "id": "9", "attributes": {"name": "y", "rate": 2}, "relationships": {"event": {}}}
                ]
            },
            False,
            True,
            "",
        ),
        (200, {"data": []}, True, False, "our list is empty: nothing to compare"),
        (404, {"errors": [{"detail": "Not found."}]}, False, False, "no document to compare (status 404)"),
    ],
)
def test_judge_compares_status_and_names_under_the_type(status, ours, status_ok, shape_ok, reason):
    verdict = judge(200, DOCUMENTED, status, ours)
    assert (verdict.status_ok, verdict.shape_ok) == (status_ok, shape_ok)
    assert (verdict.reasons[0] if verdict.reasons else "") == reason


def test_judge_plain_json_needs_the_documented_keys():
    assert judge(200, {"task_url": "/v1/tasks/1"}, 200, {"task_url": "/v1/tasks/2", "x": 1}).passed
    verdict = judge(200, {"access_token": "a", "refresh_token": "b"}, 200, {"access_token": "a"})
    assert not verdict.shape_ok and verdict.missing_keys == ["refresh_token"]
    assert judge(200, None, 200, None).passed  # nothing documented, nothing asked


def test_param_type_is_the_collection_before_the_parameter():
    assert param_type("/v1/taxes/{tax_id}", "tax_id") == "tax"
    assert param_type("/v1/events/{event_identifier}/tax", "event_identifier") == "event"
    assert param_type("/v1/user-favourite-events/{event_id}", "event_id") == "user-favourite-event"
    assert param_type("/v1/stations/{station_id}/sessions/{session_id}/x", "session_id") == "session"
