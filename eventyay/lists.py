"""Server-rendered lists: pagination, sorting and filtering, all read from the URL so that a link reproduces
the view (`?q=ann&status=completed&sort=-amount&page=2`).

`ListQuery(request, queryset, sorts=..., default_sort=..., filter_form=...)` validates the query string (a bad
value is a form error next to its field and is ignored, never a 500), applies the filter form's `apply()`,
orders by the chosen sort key (ties broken by primary key, so pages never overlap) and pages with Django's
paginator. A `prefix` lets one page hold two lists with their own parameters. The cost is constant: one
COUNT and one page query (plus whatever prefetches the queryset declares), whatever the page size.
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.utils.datastructures import MultiValueDict

PAGE_SIZES = (10, 25, 50, 100)
DEFAULT_PAGE_SIZE = 25


class ListQuery:
    def __init__(
        self,
        request,
        queryset,
        *,
        sorts,
        default_sort,
        filter_form=None,
        form_kwargs=None,
        prefix="",
        page_size=DEFAULT_PAGE_SIZE,
    ):
        """`sorts`: {key: (label, [order_by fields])}; `default_sort`: a key, optionally "-key"; `filter_form`:
        a Form class with `apply(queryset, cleaned_data)`."""
        self.request = request
        self.params = request.GET
        self.prefix = prefix
        self.sorts = sorts
        self.default_sort = default_sort
        self.form = None
        if filter_form is not None:
            data = {k[len(prefix) :]: v for k, v in self.params.lists() if k.startswith(prefix)}
            self.form = filter_form(MultiValueDict(data), **(form_kwargs or {}))
            self.form.is_valid()  # invalid fields show their error and are left out of `cleaned_data`
            queryset = self.form.apply(queryset, self.form.cleaned_data)
        self.sort = self._sort_key()
        self.queryset = queryset.order_by(*self.ordering())
        self.page_size = self._page_size(page_size)
        self.paginator = Paginator(self.queryset, self.page_size)
        self.page = self.paginator.get_page(self.params.get(self.key("page")))
        self.rows = list(self.page.object_list)

    # --- reading the URL ---------------------------------------------------------------------------
    def key(self, name):
        return f"{self.prefix}{name}"

    def _sort_key(self):
        value = self.params.get(self.key("sort"), "")
        if value.lstrip("-") in self.sorts:
            return value
        return self.default_sort

    def _page_size(self, default):
        value = self.params.get(self.key("size"), "")
        return int(value) if value.isdigit() and int(value) in PAGE_SIZES else default

    def ordering(self):
        descending = self.sort.startswith("-")
        fields = list(self.sorts[self.sort.lstrip("-")][1])
        ordering = [self._direction(field, descending) for field in fields]
        return [*ordering, "-pk" if descending else "pk"]

    @staticmethod
    def _direction(field, descending):
        if hasattr(field, "desc"):  # an expression such as F("x").asc(nulls_last=True)
            return field.desc(nulls_last=True) if descending else field.asc(nulls_last=True)
        if descending:
            return field[1:] if field.startswith("-") else f"-{field}"
        return field

    # --- writing URLs --------------------------------------------------------------------------------
    def url(self, **changes):
        """The current query string with `changes` applied (None removes a key); filters and sort reset the
        page number."""
        params = {k: self.params.getlist(k) for k in self.params}
        if any(name != "page" for name in changes):
            params.pop(self.key("page"), None)
        for name, value in changes.items():
            full = self.key(name)
            if value in (None, ""):
                params.pop(full, None)
            else:
                params[full] = [str(value)]
        query = urlencode([(k, v) for k, values in params.items() for v in values])
        return f"?{query}" if query else "?"

    def sort_url(self, key):
        """Clicking a column: ascending first, descending when it is already ascending."""
        return self.url(sort=f"-{key}" if self.sort == key else key)

    def sort_state(self, key):
        if self.sort == key:
            return "asc"
        if self.sort == f"-{key}":
            return "desc"
        return ""

    def page_url(self, number):
        return self.url(page=number)

    @property
    def export_query(self):
        """The query string of the whole selection (filters and sort; no page), for a CSV download."""
        query = self.url(size=None)
        return "" if query == "?" else query

    @property
    def hidden_params(self):
        """Parameters the filter form does not carry (sort, size), to keep them when it is submitted."""
        keep = [self.key("sort"), self.key("size")]
        return [(k, self.params[k]) for k in keep if k in self.params]

    @property
    def page_links(self):
        """[{number, url, current}] around the current page, with None for a gap."""
        total, current = self.paginator.num_pages, self.page.number
        wanted = {1, total, *range(current - 2, current + 3)}
        links, last = [], 0
        for number in sorted(n for n in wanted if 1 <= n <= total):
            if number - last > 1:
                links.append(None)
            links.append({"number": number, "url": self.page_url(number), "current": number == current})
            last = number
        return links

    @property
    def previous_url(self):
        return self.page_url(self.page.previous_page_number()) if self.page.has_previous() else None

    @property
    def next_url(self):
        return self.page_url(self.page.next_page_number()) if self.page.has_next() else None

    @property
    def size_links(self):
        return [{"size": size, "url": self.url(size=size), "current": size == self.page_size} for size in PAGE_SIZES]

    @property
    def filtered(self):
        return bool(self.form is not None and any(self.form.cleaned_data.get(name) for name in self.form.fields))
