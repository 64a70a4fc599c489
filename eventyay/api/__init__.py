"""The JSON:API layer shared by every app: one mechanism for the Open Event dialect.

* `registry` — one registration line per resource type gives it every route (collection, event-nested, named
  `@action` routes before the detail route, detail, related and relationship routes).
* `views` — `JsonApiViewSet` (querysets: scope → `readable()` → soft deletion → preloads; writes through the
  app's services), `EventScopedMixin`; **how to add a resource type**.
* `related_views` — the related and relationship routes of every type (reads and writes).
* `relationships` — `ToOne`, `ToMany`, `NotServed`: links, linkage, includes, related rows as the related type
  shows them.
* `serializers` — `ResourceSerializer`: null as default, private fields, `include` on every relationship.
* `filtersets`, `filters` — filters and sorts derived from the serializer for the actor who asks; both filter
  syntaxes; `has`/`any` over readable rows; accepted-and-ignored client parameters.
* `preload` — the prefetches a request needs (include paths, always-rendered linkage).
* `etag`, `exceptions`, `pagination`, `parsers`, `renderers`, `permissions`, `schema` — the conventions of
  `../shared/design/API.md` (ETags, error documents, pages, media types, rules, OpenAPI).
"""
