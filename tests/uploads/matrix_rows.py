"""Permission-matrix rows for the upload endpoints: every signed-in user may upload, nobody anonymously."""

import base64

from tests.images import png_bytes
from tests.matrix import Row, expect


def rows(world):
    image = {"data": "data:image/png;base64," + base64.b64encode(png_bytes(8, 8)).decode()}
    return [
        Row("POST", "/v1/upload/image", expect(200, anonymous=401), body=image),
        Row("GET", "/v1/upload/image", expect(405)),
        # the matrix runner sends JSON; these routes take multipart, so a signed-in JSON post is a 415
        Row("POST", "/v1/upload/file", expect(415, anonymous=401), body={"file": "x"}),
        Row("POST", "/v1/upload/files", expect(415, anonymous=401), body={"file": "x"}),
    ]
