"""The one registry of searchable types.

A searchable type says, without naming any engine, what a search finds: the model, the named text fields
with their weight (A most important … D least), which rows anyone may find, where its rows come from when
the index is (re)built, and which other models' changes alter its text. Each backend turns that into its
own index: the database backend into a `<Model>SearchEntry` row per object (weighted columns and a
PostgreSQL `tsvector`), the Elasticsearch backend into the type's django-elasticsearch-dsl document.

Adding a type (sessions, speakers) is: a `SearchableType` registered here (see `events/search/types.py`), an
entry model subclassing `events.models.search.SearchEntry` with a one-to-one `search_entry` link, and a
document in `events/search/documents.py`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q

from events.search.text import words

#: how much a match in each weight counts (Elasticsearch field boosts; the SQLite ranking)
WEIGHT_BOOST = {"A": 4.0, "B": 2.0, "C": 1.5, "D": 1.0}
#: weights whose words also match as prefixes ("berl" -> Berlin): the short fields, not the long descriptions
#: (edge n-grams of every description word would multiply the index for little use)
PREFIX_WEIGHTS = "ABC"


@dataclass(frozen=True)
class SearchField:
    name: str
    weight: str  # "A" … "D"
    value: Callable  # obj -> text (may hold HTML)


@dataclass(frozen=True)
class SearchableType:
    name: str
    model_label: str  # "events.Event"
    entry_label: str  # "events.EventSearchEntry"
    document: str  # dotted path of the Elasticsearch document class
    fields: tuple[SearchField, ...]
    #: rows anyone may find (the default scope of a search)
    public_q: Q
    is_public: Callable  # obj -> bool, the same rule in Python (for the document)
    #: the rows a rebuild streams (with what `fields` read joined in)
    select_related: tuple[str, ...] = ()
    #: other models whose changes alter this type's text: {model label: lookup from this type to it}
    related: dict = field(default_factory=dict)
    #: set on every save (a rebuild re-sends the rows changed while it ran)
    modified_field: str = "modified_at"

    @property
    def model(self):
        from django.apps import apps

        return apps.get_model(self.model_label)

    @property
    def entry_model(self):
        from django.apps import apps

        return apps.get_model(self.entry_label)

    def queryset(self):
        """Every row of the type (soft-deleted and unpublished ones too: the scope decides what is found)."""
        return self.model._base_manager.select_related(*self.select_related).order_by("pk")

    def texts(self, obj):
        """{field name: folded words joined by spaces}."""
        return {f.name: " ".join(words(f.value(obj) or "")) for f in self.fields}

    def weighted_texts(self, obj):
        """{"A": …, "B": …, "C": …, "D": …}: the folded words of every field of that weight."""
        texts = self.texts(obj)
        out = {w: [] for w in WEIGHT_BOOST}
        for f in self.fields:
            if texts[f.name]:
                out[f.weight].append(texts[f.name])
        return {w: " ".join(parts) for w, parts in out.items()}

    def boosted_fields(self, suffix="", weights="ABCD"):
        """Elasticsearch field list with boosts: ["name^4.0", "location^2.0", …]."""
        return [f"{f.name}{suffix}^{WEIGHT_BOOST[f.weight]}" for f in self.fields if f.weight in weights]


_TYPES = {}


def register(stype):
    if stype.name in _TYPES and _TYPES[stype.name] != stype:
        raise ValueError(f"search type {stype.name!r} is registered twice")
    _TYPES[stype.name] = stype
    return stype


def get(name):
    try:
        return _TYPES[name]
    except KeyError:
        raise LookupError(f"no searchable type {name!r}; known: {sorted(_TYPES)}")


def all_types():
    return list(_TYPES.values())


def for_model(model):
    """The searchable types of `model` itself."""
    label = model._meta.label
    return [t for t in _TYPES.values() if t.model_label == label]


def related_to(model):
    """[(searchable type, lookup)] for types whose text `model`'s rows appear in."""
    label = model._meta.label
    return [(t, t.related[label]) for t in _TYPES.values() if label in t.related]
