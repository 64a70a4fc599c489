"""SQL queries per request of the benchmark table, counted in process on the bench database (cache off)."""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eventyay.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.run import REQUESTS  # noqa: E402


def main(seeded):
    counts = {}
    for name, path, who, _target in REQUESTS:
        headers = {"Accept": "application/vnd.api+json"}
        if who.startswith("admin"):
            headers["Authorization"] = f"JWT {seeded['admin_token']}"
        client = Client()
        url = path.format(event=seeded["event"])
        if who.endswith("304"):
            headers["If-None-Match"] = client.get(url, headers=headers)["ETag"]
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, headers=headers)
        assert response.status_code in (200, 304), (url, response.status_code)
        counts[name] = len(captured.captured_queries)
    print(json.dumps(counts))


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
