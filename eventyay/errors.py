"""The one domain error type services raise; the API turns it into a JSON:API error document."""


class DomainError(Exception):
    """A rule was broken. `field` (snake_case) gives the pointer; `status` the HTTP status."""

    def __init__(self, detail, *, field=None, status=422, code="invalid", title=None, parameter=None):
        super().__init__(detail)
        self.detail = str(detail)
        self.field = field
        self.status = status
        self.code = code
        self.title = title
        self.parameter = parameter


class NotFoundError(DomainError):
    def __init__(self, detail="Not found.", **kwargs):
        kwargs.setdefault("status", 404)
        kwargs.setdefault("code", "not_found")
        super().__init__(detail, **kwargs)


class ConflictError(DomainError):
    def __init__(self, detail, **kwargs):
        kwargs.setdefault("status", 409)
        kwargs.setdefault("code", "conflict")
        super().__init__(detail, **kwargs)
