"""The database search backend: needs no server besides the database.

PostgreSQL: each object's entry carries a weighted `tsvector` (name A; location and topics B; organizer C;
descriptions D) in a GIN index. A query becomes a `tsquery` that ANDs the query words, each word an OR of
itself (also as a prefix in the fields of weight A–C: `'berl':*ABC`) and the indexed words within its typo
budget, found through the trigram index of the vocabulary (pg_trgm `%`, similarity ≥ 0.2) plus, for short
words, the words sharing their first letter and a length within the budget; candidates are confirmed with
the Damerau-Levenshtein rule of `text.is_typo_of`. Ranked by `ts_rank` (weights D 0.1, C 0.2, B 0.4,
A 1.0), matches of the words as typed counting double.

SQLite (the embedded default) has no full-text index here: a query word matches an entry column that holds
it (in columns A–C also a word starting with it: ` berl` within the space-padded column) or one of its typo
variants; the rank is the sum of the matched columns' weights (doubled for matches as typed). What it cannot
do: typos in a word's first letter ("verlin" does not find Berlin: typo candidates come from the words
sharing the first letter), and its ranking ignores how often and how densely a word occurs.
"""

from django.contrib.postgres.lookups import TrigramSimilar
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramSimilarity
from django.db import connection, transaction
from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.functions import Length
from django.utils import timezone

from events.models import SearchWord
from events.search.registry import PREFIX_WEIGHTS, WEIGHT_BOOST
from events.search.text import MIN_PREFIX_LENGTH, allowed_edits, edit_distance, is_typo_of

RELATION = "search_entry"
COLUMNS = {"A": "weight_a", "B": "weight_b", "C": "weight_c", "D": "weight_d"}
#: how much more a word counts as typed (or as a prefix) than through a typo variant
EXACT_BOOST = 2
#: typo variants tried per query word (closest first)
MAX_TYPO_VARIANTS = 20
TRIGRAM_THRESHOLD = 0.2
MAX_WORD = SearchWord._meta.get_field("word").max_length
BATCH = 1000


def is_postgres():
    return connection.vendor == "postgresql"


class DatabaseBackend:
    name = "database"

    # --- writing ------------------------------------------------------------------------------------------
    def index(self, stype, ids):
        """Bring the entries of `ids` up to date (objects that no longer exist lose their entry)."""
        ids = sorted(set(ids))
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            objs = list(stype.queryset().filter(pk__in=chunk))
            with transaction.atomic():
                self.write(stype, objs)
                found = {o.pk for o in objs}
                gone = [pk for pk in chunk if pk not in found]
                if gone:
                    stype.entry_model.objects.filter(pk__in=gone).delete()

    def write(self, stype, objs, now=None):
        if not objs:
            return
        entry_model = stype.entry_model
        link = entry_model._meta.pk.attname
        entries, vocabulary = [], set()
        for obj in objs:
            texts = stype.weighted_texts(obj)
            columns = {COLUMNS[w]: f" {t} " if t else "" for w, t in texts.items()}
            entries.append(entry_model(**{link: obj.pk}, **columns))
            for text in texts.values():
                vocabulary.update(w for w in text.split() if len(w) <= MAX_WORD)
        entry_model.objects.bulk_create(
            entries,
            update_conflicts=True,
            unique_fields=[entry_model._meta.pk.name],
            update_fields=[*COLUMNS.values(), "indexed_at"],
        )
        if is_postgres():
            entry_model.objects.filter(pk__in=[o.pk for o in objs]).update(vector=self.vector())
        now = now or timezone.now()
        SearchWord.objects.bulk_create(
            [SearchWord(kind=stype.name, word=w, seen_at=now) for w in sorted(vocabulary)],
            update_conflicts=True,
            unique_fields=["kind", "word"],
            update_fields=["seen_at"],
        )

    @staticmethod
    def vector():
        vector = None
        for weight, column in COLUMNS.items():
            part = SearchVector(column, weight=weight, config="simple")
            vector = part if vector is None else vector + part
        return vector

    def rebuild(self, stype, chunk_size=2000, progress=None):
        """Rewrite every entry from a streaming query (entries are replaced in place: searches keep working),
        then forget the words no object holds any more."""
        started = timezone.now()
        count, batch = 0, []
        for obj in stype.queryset().iterator(chunk_size=chunk_size):
            batch.append(obj)
            if len(batch) >= chunk_size:
                count += self._write_batch(stype, batch)
                batch = []
                if progress:
                    progress(count)
        count += self._write_batch(stype, batch)
        SearchWord.objects.filter(kind=stype.name, seen_at__lt=started).delete()
        return {"backend": self.name, "documents": count}

    def _write_batch(self, stype, batch):
        with transaction.atomic():
            self.write(stype, batch)
        return len(batch)

    def count(self, stype):
        return stype.entry_model.objects.count()

    # --- searching ----------------------------------------------------------------------------------------
    def filter(self, stype, queryset, qwords, *, scope):
        """`queryset` narrowed to matches of every query word, annotated with `search_order` (ascending:
        most relevant first)."""
        if scope == "public":
            queryset = queryset.filter(stype.public_q)
        variants = {w: self.typo_variants(stype, w) for w in qwords}
        if is_postgres():
            return self._filter_postgres(queryset, qwords, variants)
        return self._filter_portable(queryset, qwords, variants)

    def _filter_postgres(self, queryset, qwords, variants):
        exact, full = [], []
        for word in qwords:
            base = f"'{word}'"
            if len(word) >= MIN_PREFIX_LENGTH:
                base = f"'{word}':*{PREFIX_WEIGHTS} | '{word}'"
            exact.append(f"({base})")
            full.append("(" + " | ".join([base] + [f"'{v}'" for v in variants[word]]) + ")")
        exact_query = SearchQuery(" & ".join(exact), search_type="raw", config="simple")
        query = SearchQuery(" & ".join(full), search_type="raw", config="simple")
        vector = F(f"{RELATION}__vector")
        # matches of the words as typed (or as prefixes) rank above matches through typo variants
        rank = SearchRank(vector, exact_query) * EXACT_BOOST + SearchRank(vector, query)
        return queryset.filter(**{f"{RELATION}__vector": query}).annotate(search_order=-rank)

    def _filter_portable(self, queryset, qwords, variants):
        condition, rank = Q(), None
        for word in qwords:
            matched_any = Q()
            for weight, column in COLUMNS.items():
                field = f"{RELATION}__{column}__contains"
                prefix = len(word) >= MIN_PREFIX_LENGTH and weight in PREFIX_WEIGHTS
                as_typed = Q(**{field: f" {word}" if prefix else f" {word} "})
                whens = [When(as_typed, then=Value(WEIGHT_BOOST[weight] * EXACT_BOOST))]
                matched_any |= as_typed
                if variants[word]:
                    by_typo = Q()
                    for variant in variants[word]:
                        by_typo |= Q(**{field: f" {variant} "})
                    whens.append(When(by_typo, then=Value(WEIGHT_BOOST[weight])))
                    matched_any |= by_typo
                term = Case(*whens, default=Value(0.0), output_field=FloatField())
                rank = term if rank is None else rank + term
            condition &= matched_any
        return queryset.filter(condition).annotate(search_order=-rank)

    def typo_variants(self, stype, word):
        """Indexed words within the typo budget of `word`, closest first."""
        edits = allowed_edits(word)
        if edits == 0:
            return []
        words = SearchWord.objects.filter(kind=stype.name)
        candidates = set()
        if is_postgres():
            with connection.cursor() as cursor:
                cursor.execute(f"SET pg_trgm.similarity_threshold = {TRIGRAM_THRESHOLD}")
            similar = (
                words.filter(TrigramSimilar(F("word"), Value(word)))
                .annotate(similarity=TrigramSimilarity("word", word))
                .order_by("-similarity")
                .values_list("word", flat=True)[:200]
            )
            candidates.update(similar)
        if not is_postgres() or len(word) <= 5:
            # trigrams miss typos in short words ("tlak": no trigram in common with "talk")
            same_start = words.filter(word__gte=word[0], word__lt=word[0] + "\U0010ffff")
            same_start = same_start.annotate(n=Length("word")).filter(
                n__gte=len(word) - edits, n__lte=len(word) + edits
            )
            candidates.update(same_start.values_list("word", flat=True)[:5000])
        close = [w for w in candidates if is_typo_of(word, w)]
        close.sort(key=lambda w: (edit_distance(word, w, edits), w))
        return close[:MAX_TYPO_VARIANTS]

    # --- health -------------------------------------------------------------------------------------------
    def describe(self):
        if is_postgres():
            return "PostgreSQL full-text search (tsvector + GIN, pg_trgm for typos)"
        return f"{connection.vendor} word-prefix matching with typo variants (no full-text index)"
