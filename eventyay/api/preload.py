"""What a request needs prefetched, derived from its `include=` paths and the serializer's relationships.

`preload(queryset, serializer_class, tree, request)` adds one `Prefetch` per relationship that is included (its
rows filtered to what the actor may read, recursively for nested paths such as `roles.role` or
`event.tickets`) or that always renders its linkage (`data=True`). Each level costs one query per relationship,
whatever the page size. A relationship that a sparse fieldset (`fields[event]=name,starts-at`) leaves out of the
answer, and that is not included, is not fetched at all.
"""

from django.db.models import Prefetch


def include_tree(paths):
    """`["roles.role", "roles.user", "event"]` → `{"roles": {"role": {}, "user": {}}, "event": {}}`."""
    tree = {}
    for path in paths:
        node = tree
        for segment in path.split("."):
            if segment:
                node = node.setdefault(segment, {})
    return tree


def preload(queryset, serializer_class, tree, request):
    lookups = list(_lookups(serializer_class, tree, request, prefix=""))
    return queryset.prefetch_related(*lookups) if lookups else queryset


def _lookups(serializer_class, tree, request, *, prefix):
    """Flat prefetch lookups (`roles`, then `_rel_roles__role`, …): each relationship is fetched once, at its
    level, whatever the depth of the include path."""
    from eventyay.api.relationships import relationship_fields

    seen = set()
    wanted = _sparse_fields(serializer_class, request)
    for name, field in relationship_fields(serializer_class).items():
        subtree = tree.get(name)
        if subtree is None and (not field.needs_prefetch() or (wanted is not None and name not in wanted)):
            continue
        for lookup in field.prefetches(request, prefix, linkage_only=subtree is None):
            key = lookup.prefetch_to if isinstance(lookup, Prefetch) else lookup
            if key not in seen:
                seen.add(key)
                yield lookup
        # included: the related rows are rendered in full, so their own relationships are preloaded too;
        # linkage only (`data=True`): the rows alone
        below = field.prefetch_path(prefix)
        if subtree is not None and below is not None:
            yield from _lookups(field.serializer_class(), subtree, request, prefix=f"{below}__")


def _sparse_fields(serializer_class, request):
    """The field names `fields[<type>]` asks for (None: all)."""
    from rest_framework_json_api.utils import get_resource_type_from_serializer

    from eventyay.api.renderers import sparse_fieldset

    try:
        kind = get_resource_type_from_serializer(serializer_class)
    except AttributeError:
        return None
    return sparse_fieldset(request, kind)


def prefixed(lookup, prefix):
    """A prefetch lookup (string or Prefetch) moved below `prefix` (`_rel_roles__`)."""
    if not prefix:
        return lookup
    if isinstance(lookup, str):
        return prefix + lookup
    return Prefetch(prefix + lookup.prefetch_through, queryset=lookup.queryset, to_attr=lookup.to_attr)
