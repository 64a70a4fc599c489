"""`/v1/` resolution is remembered per path (eventyay.api.resolver.MemoResolver) without changing what resolves."""

import pytest
from django.urls import Resolver404, resolve

from eventyay.api.resolver import MemoResolver


def test_a_remembered_path_resolves_to_the_same_view_with_its_own_kwargs():
    first = resolve("/v1/events/12/sessions")
    first.kwargs["event_id"] = "changed by a view"
    second = resolve("/v1/events/12/sessions")
    assert second.func is first.func and second.url_name == first.url_name
    assert second.kwargs == {"event_id": "12"}
    assert resolve("/v1/events/13/sessions").kwargs == {"event_id": "13"}


def test_named_routes_still_win_over_detail_routes_and_unknown_paths_are_404():
    assert resolve("/v1/events/upcoming").url_name != resolve("/v1/events/upcoming-x").url_name
    for _ in range(2):
        with pytest.raises(Resolver404):
            resolve("/v1/no-such-thing/1/2/3")


def test_the_memo_is_bounded_and_keeps_no_misses():
    from django.urls import path

    resolver = MemoResolver("v1/", [path("a/<int:pk>", lambda request, pk: None, name="a")], size=3)
    for pk in range(10):
        assert resolver.resolve(f"v1/a/{pk}").kwargs == {"pk": pk}
    with pytest.raises(Resolver404):
        resolver.resolve("v1/b")
    assert list(resolver._memo) == ["v1/a/7", "v1/a/8", "v1/a/9"]
