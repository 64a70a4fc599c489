"""What a request needs prefetched, derived from its `include=` paths and the serializer's relationships.

`preload(queryset, serializer_class, tree, request)` adds one `Prefetch` per relationship that is included (its
rows filtered to what the actor may read, recursively for nested paths such as `roles.role` or
`event.tickets`) or that always renders its linkage (`data=True`). Each level costs one query per relationship,
whatever the page size.
"""


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
    from eventyay.api.relationships import relationship_fields

    lookups, seen = [], set()
    for name, field in relationship_fields(serializer_class).items():
        subtree = tree.get(name)
        if subtree is None and not field.needs_prefetch():
            continue
        # included: the related rows are rendered in full, so their own relationships are preloaded too;
        # linkage only (`data=True`): the rows alone
        for lookup in field.prefetches(request, subtree):
            key = getattr(lookup, "prefetch_to", lookup)
            if key not in seen:
                seen.add(key)
                lookups.append(lookup)
    return queryset.prefetch_related(*lookups) if lookups else queryset
