from django.conf import settings
from django.core.paginator import InvalidPage
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework_json_api.pagination import JsonApiPageNumberPagination

from eventyay.api.exceptions import BadQueryParameter


class JsonApiPagination(JsonApiPageNumberPagination):
    """`page[number]`, `page[size]`, count in meta. `page[size]=0` (what the Open Event client sends for
    "everything") and any larger size answer at most `settings.API_MAX_PAGE_SIZE` rows per page; the `next`
    link leads to the rest."""

    page_size = settings.API_DEFAULT_PAGE_SIZE

    @property
    def max_page_size(self):
        return settings.API_MAX_PAGE_SIZE

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            raise BadQueryParameter(f"{self.page_size_query_param} must be a whole number.", self.page_size_query_param)
        if size < 0:
            raise BadQueryParameter(f"{self.page_size_query_param} must not be negative.", self.page_size_query_param)
        return min(size, self.max_page_size) if size else self.max_page_size

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        page_size = self.get_page_size(request)
        paginator = self.django_paginator_class(queryset, page_size)
        raw_number = request.query_params.get(self.page_query_param, 1)
        try:
            number = int(raw_number)
        except (TypeError, ValueError):
            raise BadQueryParameter(f"{self.page_query_param} must be a whole number.", self.page_query_param)
        try:
            self.page = paginator.page(number)
        except InvalidPage as exc:
            raise NotFound(f"Invalid page {raw_number}: {exc}.")
        return list(self.page)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        meta = response.data["meta"]
        meta["count"] = self.page.paginator.count
        return Response(response.data)
