"""Reading an export: a zip holding `event.json` (and `media/…` files) or a bare `event.json`. Structure only —
the rows are checked by the import (`events.transfer.importer`)."""

import io
import json
import zipfile

from events.transfer.export import FORMAT, VERSION
from eventyay import limits
from eventyay.errors import DomainError


def read_archive(content):
    """(document, {storage name: bytes}) from a zip export or a bare event.json."""
    if content[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = set(archive.namelist())
                if "event.json" not in names:
                    raise DomainError("The zip holds no event.json.")
                total = sum(info.file_size for info in archive.infolist())
                if total > 20 * len(content) + 50_000_000:  # a zip bomb
                    raise DomainError("The archive expands to more than it could plausibly hold.")
                raw = archive.read("event.json")
                files = {
                    n.removeprefix("media/"): archive.read(n)
                    for n in names
                    if n.startswith("media/") and not n.endswith("/") and ".." not in n.split("/")
                }
        except zipfile.BadZipFile:
            raise DomainError("The file is not a valid zip archive.")
    else:
        raw, files = content, {}
    try:
        document = json.loads(raw)
    except RecursionError:
        raise DomainError("event.json is nested too deeply.")
    except (UnicodeDecodeError, ValueError) as exc:
        raise DomainError(f"event.json is not valid JSON: {exc}.")
    try:
        limits.check_json(document)  # the depth and NUL rules of any JSON body the API reads
    except ValueError as exc:
        raise DomainError(f"event.json: {exc}")
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise DomainError(f"This is not an eventyay event export (expected format {FORMAT!r}).")
    if document.get("version") != VERSION:
        raise DomainError(f"Unsupported export version {document.get('version')!r} (this server reads {VERSION}).")
    return document, files
