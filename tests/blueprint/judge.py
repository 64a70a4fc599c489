"""Judgement of one answer against the blueprint: the documented status, and the documented shape.

Shape: for a JSON:API body, every attribute and relationship name of the documented `data` (the object, or
the first item of a list) appears in ours, under the same `type` (extra members are fine). For a plain JSON
body (auth, tasks, exports…), every top-level key of the documented body appears in ours. A documented body
that is empty (or not JSON) asks nothing of the shape.
"""

from dataclasses import dataclass, field


@dataclass
class Verdict:
    status_ok: bool
    shape_ok: bool
    reasons: list = field(default_factory=list)
    missing_attributes: list = field(default_factory=list)
    missing_relationships: list = field(default_factory=list)
    missing_keys: list = field(default_factory=list)
    documented_type: str | None = None
    our_type: str | None = None
    shape_problem: str = ""  # "", "type", "members", "empty", "no-body", "not-json", "keys"

    @property
    def passed(self):
        return self.status_ok and self.shape_ok


def documented_data(body):
    """(kind, item): kind "object", "list", "empty-list" for JSON:API bodies, "plain" otherwise, "none"."""
    if not isinstance(body, dict) and not isinstance(body, list):
        return "none", None
    if isinstance(body, dict) and "data" in body:
        data = body["data"]
        if isinstance(data, dict) and ("type" in data or "attributes" in data):
            return "object", data
        if isinstance(data, list):
            if not data:
                return "empty-list", None
            if isinstance(data[0], dict) and "type" in data[0]:
                return "list", data[0]
    return "plain", body


def _our_item(ours, documented_type):
    data = ours.get("data") if isinstance(ours, dict) else None
    if isinstance(data, dict):
        return data
    if isinstance(data, list):
        for item in data:
            if isinstance(item, dict) and item.get("type") == documented_type:
                return item
        return data[0] if data and isinstance(data[0], dict) else None
    return None


def judge(expected_status, documented_body, status, ours, expected_type=None):
    """Compare our answer (`status`, parsed JSON `ours`) with the documented status and body."""
    verdict = Verdict(status_ok=status == expected_status, shape_ok=True)
    kind, item = documented_data(documented_body)
    if kind == "none":
        return verdict
    if not 200 <= status < 300:
        verdict.shape_ok = False
        verdict.shape_problem = "no-body"
        verdict.reasons.append(f"no document to compare (status {status})")
        if kind in ("object", "list"):
            verdict.documented_type = expected_type or item.get("type")
        return verdict
    if ours is None:
        verdict.shape_ok = False
        verdict.shape_problem = "not-json"
        verdict.reasons.append("our body is not JSON")
        return verdict
    if kind == "plain":
        if isinstance(documented_body, dict):
            keys = set(ours) if isinstance(ours, dict) else set()
            verdict.missing_keys = sorted(k for k in documented_body if k not in keys)
            if verdict.missing_keys:
                verdict.shape_ok = False
                verdict.shape_problem = "keys"
                verdict.reasons.append("missing keys: " + ", ".join(verdict.missing_keys))
        elif isinstance(documented_body, list) and not isinstance(ours, list):
            verdict.shape_ok = False
            verdict.shape_problem = "keys"
            verdict.reasons.append("documented a JSON list, ours is not")
        return verdict
    if kind == "empty-list":
        if not isinstance(ours, dict) or not isinstance(ours.get("data"), list):
            verdict.shape_ok = False
            verdict.shape_problem = "keys"
            verdict.reasons.append("documented an (empty) list of resources; ours has no data list")
        return verdict
    verdict.documented_type = expected_type or item.get("type")
    mine = _our_item(ours, verdict.documented_type)
    if mine is None:
        verdict.shape_ok = False
        empty = isinstance(ours, dict) and ours.get("data") == []
        verdict.shape_problem = "empty" if empty else "keys"
        verdict.reasons.append("our list is empty: nothing to compare" if empty else "our body has no `data` object")
        return verdict
    verdict.our_type = mine.get("type")
    if verdict.our_type != verdict.documented_type:
        verdict.shape_ok = False
        verdict.shape_problem = "type"
        verdict.reasons.append(f"type {verdict.our_type!r}, documented {verdict.documented_type!r}")
    our_attributes = set((mine.get("attributes") or {}).keys())
    our_relationships = set((mine.get("relationships") or {}).keys())
    verdict.missing_attributes = sorted(k for k in (item.get("attributes") or {}) if k not in our_attributes)
    verdict.missing_relationships = sorted(k for k in (item.get("relationships") or {}) if k not in our_relationships)
    if verdict.missing_attributes or verdict.missing_relationships:
        verdict.shape_ok = False
        verdict.shape_problem = verdict.shape_problem or "members"
        if verdict.missing_attributes:
            verdict.reasons.append("missing attributes: " + ", ".join(verdict.missing_attributes))
        if verdict.missing_relationships:
            verdict.reasons.append("missing relationships: " + ", ".join(verdict.missing_relationships))
    return verdict
