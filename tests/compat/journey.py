"""One journey through the client: a Chromium page whose API traffic and page errors are recorded and judged.

Every response to `/v1/…` or `/auth/…` is kept (method, path, status, start of the body). A 4xx the client
expects on a journey (a wrong password it shows as a message, say) is declared with `journey.allow(...)`; any
other 4xx, any 5xx, any uncaught page error and any console error other than a failed resource load (those are
judged through the responses themselves) fails the test, with the list of offenders. The outside world (maps,
nominatim, GitHub) is not reachable from a test: those requests are answered locally (`[]` for nominatim's
geocoding) or aborted, and are not judged.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from tests.servers import ROOT

SCREENSHOTS = Path(ROOT) / "tests" / "artifacts" / "compat"
API_PATH = re.compile(r"^/(v1|auth)/")


@dataclass
class Exchange:
    method: str
    path: str
    status: int
    body: str = ""

    def __str__(self):
        return f"{self.method} {self.path} -> {self.status} {self.body}".strip()


@dataclass
class Allowance:
    method: str
    pattern: re.Pattern
    status: int
    reason: str

    def covers(self, exchange):
        return (
            exchange.method == self.method
            and exchange.status == self.status
            and self.pattern.search(exchange.path) is not None
        )


class Journey:
    def __init__(self, context, origin, world, name):
        self.origin = origin
        self.world = world
        self.name = name
        self.exchanges = []
        self.errors = []
        self.allowances = []
        self.steps = 0
        context.route(lambda url: not url.startswith(origin), self._outside)
        self.page = context.new_page()
        self.page.on("dialog", lambda dialog: dialog.accept())
        self.page.on("response", self._on_response)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))

    # --- recording ------------------------------------------------------------------------------------------
    @staticmethod
    def _outside(route):
        if "nominatim.openstreetmap.org" in route.request.url:
            return route.fulfill(status=200, content_type="application/json", body="[]")
        return route.abort()

    def _on_response(self, response):
        if not response.url.startswith(self.origin):
            return
        path = response.url[len(self.origin) :]
        if not API_PATH.match(path):
            return
        body = ""
        if response.status >= 400:
            try:
                body = response.text()[:300]
            except Exception:  # noqa: BLE001 - the page may have navigated away; the status is what counts
                body = "(body unavailable)"
        self.exchanges.append(Exchange(response.request.method, path, response.status, body))

    def _on_console(self, message):
        if message.type != "error":
            return
        text = message.text
        if text.startswith("Failed to load resource"):
            return  # judged through the responses (ours) or aborted on purpose (the outside world)
        self.errors.append(f"console error: {text[:500]}")

    # --- what a journey says ----------------------------------------------------------------------------------
    def allow(self, method, pattern, status, reason):
        """The client expects this answer on this journey (and handles it): not a failure."""
        self.allowances.append(Allowance(method, re.compile(pattern), status, reason))

    def allow_errors(self, pattern):
        """A console or page error that is not caused by our answers (say why at the call)."""
        self.allowances.append(Allowance("console", re.compile(pattern), 0, ""))

    def goto(self, path):
        self.page.goto(path)
        self.settle()

    def settle(self):
        self.page.wait_for_load_state("networkidle")

    def step(self, label):
        """Wait for the page to be quiet, save a screenshot and judge the traffic so far."""
        self.settle()
        self.steps += 1
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
        self.page.screenshot(path=str(SCREENSHOTS / f"{self.name}-{self.steps:02d}-{slug}.png"), full_page=True)
        self.check(label)

    def requests(self, method, pattern):
        return [e for e in self.exchanges if e.method == method and re.search(pattern, e.path)]

    # --- judging ------------------------------------------------------------------------------------------------
    def unexpected(self):
        bad = []
        for exchange in self.exchanges:
            if exchange.status >= 500 or (
                exchange.status >= 400 and not any(a.covers(exchange) for a in self.allowances)
            ):
                bad.append(str(exchange))
        tolerated = [a.pattern for a in self.allowances if a.method == "console"]
        bad += [e for e in self.errors if not any(p.search(e) for p in tolerated)]
        return bad

    def check(self, where="the end"):
        bad = self.unexpected()
        assert not bad, f"{self.name}, at {where}: the client met answers it does not expect:\n" + "\n".join(bad)
