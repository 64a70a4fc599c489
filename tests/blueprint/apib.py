"""A parser for the subset of API Blueprint the Open Event Server's documentation uses.

One file is a `# Group`, its `## Resource [URI template]` sections and their `### Action [METHOD]` (or
`[METHOD URI]`) sections; an action has `+ Request` sections (headers, body) and `+ Response <status>` sections.
Each action is one *transaction*: its (first) request and its (first) response. Bodies are kept as text and,
when they hold JSON, parsed (tolerating the trailing text some examples carry).
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

HEADING = re.compile(r"^(#{1,3})\s+(.*?)\s*$")
BRACKET = re.compile(r"^(.*?)\s*\[([^\]]+)\]\s*$")
METHODS = {"GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"}
SECTION = re.compile(r"^\s*[+*-]\s+(Request|Response)\b\s*(\d{3})?\s*(?:\(([^)]*)\))?")
SUBSECTION = re.compile(r"^\s*[+*-]\s+(Headers|Body|Schema|Attributes)\s*$")
PARAMETERS = re.compile(r"^\s*[+*-]\s+Parameters\s*$")
PARAMETER = re.compile(r"^\s+[+*-]\s+`?([A-Za-z0-9_%.\-]+)`?\s*(?::\s*([^(]*?))?\s*(?:\(([^)]*)\))?\s*(?:-.*)?$")
HEADER_LINE = re.compile(r"^([A-Za-z0-9\-]+):\s*(.*)$")


@dataclass
class Message:
    """A request or a response of one transaction."""

    content_type: str = ""
    headers: dict = field(default_factory=dict)
    body_text: str = ""
    status: int | None = None  # responses only

    @property
    def body(self):
        """The body as JSON, or None when it is empty or not JSON."""
        return parse_json(self.body_text)

    @property
    def is_multipart(self):
        return "multipart/form-data" in (self.content_type or self.headers.get("Content-Type", ""))


@dataclass
class Transaction:
    file: str  # path relative to the blueprint directory, e.g. "ticket/tickets.apib"
    group: str
    resource: str
    uri_template: str
    action: str
    method: str
    line: int
    parameters: dict = field(default_factory=dict)  # URI parameter name -> documented example value
    optional: set = field(default_factory=set)  # names of the parameters documented as optional
    requests: list = field(default_factory=list)
    responses: list = field(default_factory=list)

    @property
    def key(self):
        """A stable, readable name: `file :: resource :: action`."""
        return f"{self.file} :: {self.resource} :: {self.action}"

    @property
    def request(self):
        return self.requests[0] if self.requests else Message()

    @property
    def response(self):
        return self.responses[0] if self.responses else Message(status=200)

    @property
    def path_template(self):
        """The URI template without its query part: `/v1/taxes/{tax_id}`."""
        path = re.sub(r"\{\?[^}]*\}", "", self.uri_template).split("?", 1)[0]
        return path if path.startswith("/") else "/" + path

    @property
    def literal_query(self):
        """A query string written literally in the template (`/v1/orders?onsite=true`), else ''."""
        uri = re.sub(r"\{\?[^}]*\}", "", self.uri_template)
        return uri.split("?", 1)[1] if "?" in uri else ""

    @property
    def query_parameters(self):
        """Names of the `{?a,b}` expansion, decoded (`page[size]`)."""
        names = []
        for group in re.findall(r"\{\?([^}]*)\}", self.uri_template):
            names += [unquote(n.strip()) for n in group.split(",") if n.strip()]
        return names

    @property
    def path_parameters(self):
        return re.findall(r"\{([^}?]+)\}", self.path_template)


def parse_json(text):
    """JSON of a blueprint body: the whole text, else the first JSON value in it (examples carry stray text)."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        pass
    start = min((i for i in (text.find("{"), text.find("[")) if i >= 0), default=-1)
    if start < 0:
        return None
    try:
        value, _ = json.JSONDecoder().raw_decode(text[start:])
        return value
    except ValueError:
        return None


def _dedent(lines):
    lines = list(lines)
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    cut = min(indents) if indents else 0
    return "\n".join(line[cut:] for line in lines)


def _fill_message(message, lines):
    """Split a section's lines into headers and body (an asset without `+ Body` is the body itself)."""
    parts = {"Headers": [], "Body": [], None: []}
    current = None
    for line in lines:
        sub = SUBSECTION.match(line)
        if sub:
            current = sub.group(1) if sub.group(1) in ("Headers", "Body") else "skip"
            parts.setdefault(current, [])
            continue
        parts.setdefault(current, []).append(line)
    for line in parts["Headers"]:
        match = HEADER_LINE.match(line.strip())
        if match:
            message.headers[match.group(1)] = match.group(2).strip()
    body = parts["Body"] if any(x.strip() for x in parts["Body"]) else parts[None]
    message.body_text = _dedent(body)


def parse_text(text, file="<string>"):
    """Parse one blueprint; returns (group name, resources, transactions)."""
    group, resources, transactions = "", [], []
    resource_name, uri, parameters, optional = "", "", {}, set()
    action = None
    section, section_lines = None, []
    in_parameters = False

    def close_section():
        nonlocal section, section_lines
        if section is not None:
            _fill_message(section, section_lines)
        section, section_lines = None, []

    for number, line in enumerate(text.splitlines(), start=1):
        heading = HEADING.match(line)
        if heading:
            close_section()
            in_parameters = False
            level, title = len(heading.group(1)), heading.group(2)
            if level == 1:
                group = re.sub(r"^Group\s+", "", title).strip()
                continue
            bracket = BRACKET.match(title)
            if not bracket:
                continue
            name, inside = bracket.group(1).strip(), bracket.group(2).strip()
            words = inside.split(None, 1)
            if words[0] in METHODS:  # an action: [GET] or [POST /v1/uri]
                action = Transaction(
                    file=file,
                    group=group,
                    resource=resource_name,
                    uri_template=words[1] if len(words) > 1 else uri,
                    action=name,
                    method=words[0],
                    line=number,
                    parameters=dict(parameters),
                    optional=set(optional),
                )
                transactions.append(action)
            else:  # a resource: [/v1/uri]
                resource_name, uri, parameters, optional, action = name, inside, {}, set(), None
                resources.append((name, inside))
            continue
        if PARAMETERS.match(line):
            close_section()
            in_parameters = True
            continue
        if in_parameters:
            match = PARAMETER.match(line)
            if match:
                name, example, detail = unquote(match.group(1)), (match.group(2) or "").strip(), match.group(3) or ""
                if not example:  # `(optional, integer, `10`)`: the example is the backticked value
                    quoted = re.search(r"`([^`]*)`", detail)
                    example = quoted.group(1) if quoted else ""
                example = example.strip("`'\"")
                targets = [(action.parameters, action.optional)] if action is not None else [(parameters, optional)]
                for values, optionals in targets:
                    values[name] = example
                    if "optional" in detail:
                        optionals.add(name)
                continue
            if line.strip() and not line.startswith(" "):
                in_parameters = False
        found = SECTION.match(line)
        if found and action is not None:
            close_section()
            kind, status, content_type = found.groups()
            message = Message(content_type=(content_type or "").strip())
            if kind == "Request":
                action.requests.append(message)
            else:
                message.status = int(status) if status else 200
                action.responses.append(message)
            section = message
            continue
        if section is not None:
            if line.strip() and not line[0].isspace() and not line.lstrip().startswith(("{", "}", "[", "]", '"')):
                close_section()  # unindented prose ends the asset
            else:
                section_lines.append(line)
    close_section()
    return group, resources, transactions


def parse_file(path, root):
    path = Path(path)
    return parse_text(path.read_text(encoding="utf-8"), file=path.relative_to(root).as_posix())


def load(root):
    """Every transaction of every `*.apib` file under `root`, in file order then document order."""
    root = Path(root)
    transactions = []
    for path in sorted(root.rglob("*.apib")):
        transactions += parse_file(path, root)[2]
    return transactions
