"""Permission-matrix rows for the routes the blueprint replay work added (see tests/matrix.py)."""

from tests.matrix import Row, expect


def rows(world):
    return [
        Row("GET", "/v1/users/user-details/get-user-id", expect(200, anonymous=401)),
    ]
