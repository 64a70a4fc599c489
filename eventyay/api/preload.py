"""What a request needs prefetched, derived from its `include=` paths and the serializer's relationships.

`preload(queryset, serializer_class, tree, request)` adds one `Prefetch` per relationship that is included (its
rows filtered to what the actor may read, recursively for nested paths such as `roles.role` or
`event.tickets`) or that always renders its linkage (`data=True`). Each level costs one query per relationship,
whatever the page size. A relationship that a sparse fieldset (`fields[event]=name,starts-at`) leaves out of the
answer, and that is not included, is not fetched at all.
"""

from django.db.models import Prefetch, prefetch_related_objects


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


def preload_instance(instance, serializer_class, tree, request, known=None):
    """The same prefetches for one object already in memory (one just written, whose fields are all current):
    its relationships are fetched, its own row is not read again. `known` ({relationship name: rows}) are rows
    the caller holds and the actor may read (the attendees of the order it just placed, say): for a relationship
    that is not included they stand in for its prefetches, which Django then skips as done."""
    from eventyay.api.relationships import relationship_fields

    fields = relationship_fields(serializer_class)
    seeded = set()
    for name, rows in (known or {}).items():
        if name in tree:
            continue  # included rows are rendered in full, with what the type's readable queryset adds
        seeded.add(name)
        field = fields[name]
        setattr(instance, field.prefetch_attr, list(rows))
        manager = getattr(instance, field.path)
        done = manager.all()
        done._result_cache, done._prefetch_done = list(rows), True  # what a prefetch leaves behind
        instance.__dict__.setdefault("_prefetched_objects_cache", {})[field.path] = done
    lookups = list(_lookups(serializer_class, tree, request, prefix="", skip=seeded))
    if lookups:
        prefetch_related_objects([instance], *lookups)
    return instance


def _lookups(serializer_class, tree, request, *, prefix, skip=()):
    """Flat prefetch lookups (`roles`, then `_rel_roles__role`, …): each relationship is fetched once, at its
    level, whatever the depth of the include path. Relationships named in `skip` are left out (their rows are
    known: building their readable querysets would cost queries for nothing)."""
    from eventyay.api.relationships import relationship_fields

    seen = set()
    wanted = _sparse_fields(serializer_class, request)
    for name, field in relationship_fields(serializer_class).items():
        if name in skip:
            continue
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
