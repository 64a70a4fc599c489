"""The JSON:API convention layer, exercised through /v1/pages with real HTTP semantics."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.models import Page
from tests.conftest import JSONAPI, resource
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db


def page_doc(**attributes):
    base = {"name": "About", "url": "/about", "description": "<p>Who we are</p>", "place": "footer"}
    base.update(attributes)
    return resource("page", base)


def oef(filters):
    return "/v1/pages?filter=" + json.dumps(filters)


# --- documents, media types, status codes ------------------------------------------------------------


def test_create_page_returns_201_with_location_and_jsonapi_member(admin_api):
    response = admin_api.post("/v1/pages", page_doc(title="About us"))
    assert response.status_code == 201
    body = response.json()
    page = Page.objects.get()
    assert response["Location"] == f"http://testserver/v1/pages/{page.pk}"
    assert response["Content-Type"] == JSONAPI
    assert body["jsonapi"] == {"version": "1.0"}
    assert body["data"]["type"] == "page"
    assert body["data"]["id"] == str(page.pk)
    assert body["data"]["attributes"]["index"] == 0


def test_create_page_sanitizes_description(admin_api):
    response = admin_api.post("/v1/pages", page_doc(description='<p onclick="x()">Hi<script>alert(1)</script></p>'))
    assert response.status_code == 201
    assert Page.objects.get().description == "<p>Hi</p>"


def test_create_page_with_bad_place_is_422_with_pointer(admin_api):
    response = admin_api.post("/v1/pages", page_doc(place="sidebar"))
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["status"] == "422"
    assert error["source"] == {"pointer": "/data/attributes/place"}
    assert error["title"]
    assert "sidebar" in error["detail"]
    assert Page.objects.count() == 0


@pytest.mark.parametrize("missing", ["name", "url", "description"])
def test_create_page_without_required_field_is_422(admin_api, missing):
    doc = page_doc()
    del doc["data"]["attributes"][missing]
    response = admin_api.post("/v1/pages", doc)
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"]["pointer"] == f"/data/attributes/{missing}"


def test_wrong_content_type_is_415(admin_api):
    response = admin_api.post("/v1/pages", page_doc(), content_type="application/json")
    assert response.status_code == 415
    assert response.json()["errors"][0]["status"] == "415"


def test_accept_excluding_jsonapi_is_406(api):
    PageFactory()
    response = api.get("/v1/pages", headers={"Accept": "text/csv"})
    assert response.status_code == 406


def test_wrong_resource_type_is_409(admin_api):
    response = admin_api.post("/v1/pages", resource("event", {"name": "x"}))
    assert response.status_code == 409


def test_patch_with_mismatched_id_is_409(admin_api):
    page = PageFactory()
    response = admin_api.patch(f"/v1/pages/{page.pk}", resource("page", {"name": "New"}, id=page.pk + 1))
    assert response.status_code == 409
    page.refresh_from_db()
    assert page.name != "New"


def test_patch_updates_dasherized_attributes(admin_api):
    page = PageFactory()
    response = admin_api.patch(f"/v1/pages/{page.pk}", resource("page", {"title": "T", "index": 3}, id=page.pk))
    assert response.status_code == 200
    assert response.json()["data"]["attributes"]["title"] == "T"
    page.refresh_from_db()
    assert (page.title, page.index) == ("T", 3)


def test_delete_page_is_200_with_a_meta_message(admin_api):
    page = PageFactory()
    response = admin_api.delete(f"/v1/pages/{page.pk}")
    assert response.status_code == 200
    assert response.json() == {"meta": {"message": "Object successfully deleted"}, "jsonapi": {"version": "1.0"}}
    assert not Page.objects.filter(pk=page.pk).exists()


def test_unknown_page_is_404_error_document(api):
    response = api.get("/v1/pages/999999")
    assert response.status_code == 404
    assert response.json()["errors"][0]["status"] == "404"


def test_unknown_api_url_is_404_error_document(api):
    response = api.get("/v1/no-such-thing")
    assert response.status_code == 404
    body = response.json()
    assert body["errors"][0]["status"] == "404"
    assert body["jsonapi"] == {"version": "1.0"}


def test_method_not_allowed_is_405_error_document(admin_api):
    page = PageFactory()
    response = admin_api.post(f"/v1/pages/{page.pk}", page_doc())
    assert response.status_code == 405
    assert response.json()["errors"][0]["status"] == "405"


# --- permissions ------------------------------------------------------------------------------------


def test_anyone_reads_pages(api):
    PageFactory.create_batch(2)
    response = api.get("/v1/pages")
    assert response.status_code == 200
    assert len(response.json()["data"]) == 2


def test_anonymous_cannot_create_page(api):
    response = api.post("/v1/pages", page_doc())
    assert response.status_code == 401
    assert response.json()["errors"][0]["status"] == "401"


def test_plain_user_cannot_write_pages(user_api):
    page = PageFactory()
    assert user_api.post("/v1/pages", page_doc()).status_code == 403
    assert user_api.patch(f"/v1/pages/{page.pk}", resource("page", {"name": "x"}, id=page.pk)).status_code == 403
    assert user_api.delete(f"/v1/pages/{page.pk}").status_code == 403
    assert Page.objects.filter(pk=page.pk, name=page.name).exists()


# --- pagination, sort, sparse fieldsets ---------------------------------------------------------------


def test_default_page_size_is_20_with_count_in_meta(api):
    PageFactory.create_batch(25)
    body = api.get("/v1/pages").json()
    assert len(body["data"]) == 20
    assert body["meta"]["count"] == 25
    assert body["meta"]["pagination"]["pages"] == 2


def test_page_number_and_size(api):
    PageFactory.create_batch(7)
    body = api.get("/v1/pages?page[size]=3&page[number]=3").json()
    assert len(body["data"]) == 1
    assert body["meta"]["count"] == 7


def test_page_size_zero_means_all(api):
    PageFactory.create_batch(23)
    body = api.get("/v1/pages?page[size]=0").json()
    assert len(body["data"]) == 23
    assert body["meta"]["count"] == 23


def test_page_size_zero_on_empty_list(api):
    body = api.get("/v1/pages?page[size]=0").json()
    assert body["data"] == []
    assert body["meta"]["count"] == 0


@pytest.mark.parametrize("query", ["page[size]=abc", "page[number]=x", "page[size]=-1"])
def test_bad_pagination_is_400(api, query):
    response = api.get(f"/v1/pages?{query}")
    assert response.status_code == 400
    assert response.json()["errors"][0]["source"]["parameter"].startswith("page[")


def test_page_past_the_end_is_404(api):
    PageFactory()
    assert api.get("/v1/pages?page[number]=5").status_code == 404


def test_sort_descending_by_dasherized_field(api):
    a = PageFactory(index=1)
    b = PageFactory(index=3)
    c = PageFactory(index=2)
    ids = [d["id"] for d in api.get("/v1/pages?sort=-index").json()["data"]]
    assert ids == [str(b.pk), str(c.pk), str(a.pk)]


def test_sort_by_dasherized_multiword_field(api):
    first = PageFactory()
    second = PageFactory()
    ids = [d["id"] for d in api.get("/v1/pages?sort=-created-at,name").json()["data"]]
    assert ids == [str(second.pk), str(first.pk)]


def test_sort_by_unknown_field_is_400(api):
    response = api.get("/v1/pages?sort=nope")
    assert response.status_code == 400
    assert response.json()["errors"][0]["source"] == {"parameter": "sort"}


def test_sparse_fieldsets(api):
    PageFactory(name="Only")
    data = api.get("/v1/pages?fields[page]=name").json()["data"][0]
    assert data["attributes"] == {"name": "Only"}


def test_unknown_query_parameter_is_400(api):
    response = api.get("/v1/pages?bogus=1")
    assert response.status_code == 400
    assert response.json()["errors"][0]["source"] == {"parameter": "bogus"}


def test_unknown_include_is_400(api):
    PageFactory()
    assert api.get("/v1/pages?include=author").status_code == 400


# --- filters: JSON:API style ------------------------------------------------------------------------


def test_jsonapi_filter_exact(api):
    PageFactory(place="footer")
    event_page = PageFactory(place="event")
    data = api.get("/v1/pages?filter[place]=event").json()["data"]
    assert [d["id"] for d in data] == [str(event_page.pk)]


def test_jsonapi_filter_with_lookup(api):
    PageFactory(index=1)
    high = PageFactory(index=5)
    data = api.get("/v1/pages?filter[index.gte]=3").json()["data"]
    assert [d["id"] for d in data] == [str(high.pk)]


def test_jsonapi_filter_on_dasherized_field(api):
    PageFactory()
    assert api.get("/v1/pages?filter[created-at.gte]=2000-01-01T00:00:00Z").json()["meta"]["count"] == 1
    assert api.get("/v1/pages?filter[created-at.lt]=2000-01-01T00:00:00Z").json()["meta"]["count"] == 0


def test_jsonapi_filter_unknown_field_is_400(api):
    response = api.get("/v1/pages?filter[secret]=1")
    assert response.status_code == 400
    assert response.json()["errors"][0]["source"] == {"parameter": "filter[secret]"}


def test_jsonapi_filter_bad_value_is_400(api):
    assert api.get("/v1/pages?filter[index]=abc").status_code == 400


# --- filters: Open Event JSON style ---------------------------------------------------------------------


@pytest.fixture
def three_pages(db):
    return (
        PageFactory(name="About", place="footer", index=1, language="en"),
        PageFactory(name="Terms", place="footer", index=2, language="de"),
        PageFactory(name="Venue", place="event", index=3, language=""),
    )


def names(response):
    assert response.status_code == 200, response.content
    return sorted(d["attributes"]["name"] for d in response.json()["data"])


@pytest.mark.parametrize(
    "filters,expected",
    [
        ([{"name": "place", "op": "eq", "val": "footer"}], ["About", "Terms"]),
        ([{"name": "place", "op": "ne", "val": "footer"}], ["Venue"]),
        ([{"name": "index", "op": "lt", "val": 2}], ["About"]),
        ([{"name": "index", "op": "le", "val": 2}], ["About", "Terms"]),
        ([{"name": "index", "op": "gt", "val": 2}], ["Venue"]),
        ([{"name": "index", "op": "ge", "val": 2}], ["Terms", "Venue"]),
        ([{"name": "name", "op": "like", "val": "%er%"}], ["Terms"]),
        ([{"name": "name", "op": "ilike", "val": "%ENU%"}], ["Venue"]),
        ([{"name": "name", "op": "ilike", "val": "ab%"}], ["About"]),
        ([{"name": "name", "op": "ilike", "val": "%s"}], ["Terms"]),
        ([{"name": "name", "op": "ilike", "val": "v_n%"}], ["Venue"]),
        ([{"name": "place", "op": "in", "val": ["event", "nowhere"]}], ["Venue"]),
        ([{"name": "place", "op": "notin", "val": ["event"]}], ["About", "Terms"]),
        ([{"name": "place", "op": "eq", "val": "footer"}, {"name": "index", "op": "gt", "val": 1}], ["Terms"]),
        (
            [{"or": [{"name": "place", "op": "eq", "val": "event"}, {"name": "index", "op": "eq", "val": 1}]}],
            ["About", "Venue"],
        ),
        (
            [
                {
                    "and": [
                        {"name": "place", "op": "eq", "val": "footer"},
                        {
                            "or": [
                                {"name": "language", "op": "eq", "val": "de"},
                                {"name": "index", "op": "ge", "val": 3},
                            ]
                        },
                    ]
                }
            ],
            ["Terms"],
        ),
        ([{"not": {"name": "place", "op": "eq", "val": "footer"}}], ["Venue"]),
    ],
)
def test_open_event_filter(api, three_pages, filters, expected):
    assert names(api.get(oef(filters))) == expected


def test_open_event_filter_isnot_null_treats_empty_text_as_null(api, three_pages):
    """A text column stores `null` as "" (the client sends null for "none"), so "" is null in filters too."""
    Page.objects.exclude(name="Venue").update(title="Set")
    assert names(api.get(oef([{"name": "title", "op": "isnot", "val": None}]))) == ["About", "Terms"]
    assert names(api.get(oef([{"name": "title", "op": "ne", "val": None}]))) == ["About", "Terms"]
    assert names(api.get(oef([{"name": "title", "op": "eq", "val": None}]))) == ["Venue"]


def test_open_event_and_jsonapi_filters_agree(api, three_pages):
    a = names(api.get(oef([{"name": "index", "op": "ge", "val": 2}])))
    b = names(api.get("/v1/pages?filter[index.gte]=2"))
    assert a == b == ["Terms", "Venue"]


@pytest.mark.parametrize(
    "raw",
    [
        "not json",
        '{"name": 1}',
        "[1, 2]",
        '[{"name": "secret", "op": "eq", "val": 1}]',
        '[{"name": "place", "op": "regex", "val": "x"}]',
        '[{"name": "place", "op": "eq"}]',
        '[{"op": "eq", "val": 1}]',
        '[{"name": "index", "op": "eq", "val": "abc"}]',
        '[{"name": "index", "op": "in", "val": "1"}]',
        '[{"name": "place", "op": "eq", "val": ["a"]}]',
        '[{"name": "place", "op": "has", "val": 1}]',
        '[{"name": "place", "op": "eq", "field": "name"}]',
    ],
)
def test_open_event_filter_bad_input_is_400(api, three_pages, raw):
    response = api.get(f"/v1/pages?filter={raw}")
    assert response.status_code == 400, response.content
    error = response.json()["errors"][0]
    assert error["status"] == "400"
    assert error["source"] == {"parameter": "filter"}


# --- ETags ---------------------------------------------------------------------------------------------


def test_get_list_carries_etag_and_if_none_match_gives_304(api):
    PageFactory()
    first = api.get("/v1/pages")
    tag = first["ETag"]
    assert tag.startswith('"')
    again = api.get("/v1/pages", headers={"If-None-Match": tag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == tag


def test_if_none_match_accepts_lists_and_star(api):
    PageFactory()
    tag = api.get("/v1/pages")["ETag"]
    assert api.get("/v1/pages", headers={"If-None-Match": f'"other", {tag}'}).status_code == 304
    assert api.get("/v1/pages", headers={"If-None-Match": "*"}).status_code == 304
    assert api.get("/v1/pages", headers={"If-None-Match": '"other"'}).status_code == 200


def test_list_etag_changes_when_any_row_changes(api):
    pages = PageFactory.create_batch(3)
    tags = {api.get("/v1/pages")["ETag"]}
    Page.objects.filter(pk=pages[1].pk).update(title="changed", modified_at=pages[1].modified_at.replace(year=2099))
    tags.add(api.get("/v1/pages")["ETag"])
    pages[0].delete()
    tags.add(api.get("/v1/pages")["ETag"])
    PageFactory()
    tags.add(api.get("/v1/pages")["ETag"])
    assert len(tags) == 4


def test_list_etag_changes_when_a_middle_row_is_replaced(api):
    pages = PageFactory.create_batch(3)
    before = api.get("/v1/pages")["ETag"]
    pages[1].delete()
    PageFactory()
    assert api.get("/v1/pages")["ETag"] != before


def test_list_etag_differs_by_query(api):
    PageFactory.create_batch(2)
    assert api.get("/v1/pages")["ETag"] != api.get("/v1/pages?sort=-index")["ETag"]


def test_etag_304_answered_without_serializing(api):
    PageFactory.create_batch(5)
    tag = api.get("/v1/pages")["ETag"]
    with CaptureQueriesContext(connection) as ctx:
        assert api.get("/v1/pages", headers={"If-None-Match": tag}).status_code == 304
    assert len(ctx.captured_queries) == 1  # the aggregate only


def test_detail_etag_and_304(api):
    page = PageFactory()
    tag = api.get(f"/v1/pages/{page.pk}")["ETag"]
    assert api.get(f"/v1/pages/{page.pk}", headers={"If-None-Match": tag}).status_code == 304
    page.title = "new"
    page.save()
    assert api.get(f"/v1/pages/{page.pk}", headers={"If-None-Match": tag}).status_code == 200


def test_patch_with_stale_if_match_is_412_and_writes_nothing(admin_api):
    page = PageFactory(title="original")
    tag = admin_api.get(f"/v1/pages/{page.pk}")["ETag"]
    Page.objects.filter(pk=page.pk).update(title="someone else", modified_at=page.modified_at.replace(year=2099))
    response = admin_api.patch(
        f"/v1/pages/{page.pk}", resource("page", {"title": "mine"}, id=page.pk), headers={"If-Match": tag}
    )
    assert response.status_code == 412
    assert response.json()["errors"][0]["status"] == "412"
    page.refresh_from_db()
    assert page.title == "someone else"


def test_patch_with_current_if_match_succeeds(admin_api):
    page = PageFactory()
    tag = admin_api.get(f"/v1/pages/{page.pk}")["ETag"]
    response = admin_api.patch(
        f"/v1/pages/{page.pk}", resource("page", {"title": "mine"}, id=page.pk), headers={"If-Match": f'"x", {tag}'}
    )
    assert response.status_code == 200
    new_tag = response["ETag"] if response.has_header("ETag") else admin_api.get(f"/v1/pages/{page.pk}")["ETag"]
    assert new_tag != tag


def test_delete_with_stale_if_match_is_412(admin_api):
    page = PageFactory()
    response = admin_api.delete(f"/v1/pages/{page.pk}", headers={"If-Match": '"stale"'})
    assert response.status_code == 412
    assert Page.objects.filter(pk=page.pk).exists()


def test_delete_with_if_match_star_succeeds(admin_api):
    page = PageFactory()
    assert admin_api.delete(f"/v1/pages/{page.pk}", headers={"If-Match": "*"}).status_code == 200


# --- query counts ----------------------------------------------------------------------------------------


def _count_queries(api, url):
    with CaptureQueriesContext(connection) as ctx:
        assert api.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_pages_list_query_count_does_not_grow(api):
    PageFactory()
    one = _count_queries(api, "/v1/pages")
    PageFactory.create_batch(4)
    five = _count_queries(api, "/v1/pages")
    assert one == five
    assert five <= 3
