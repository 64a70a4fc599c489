"""The replay's figures: pass rates per file and in total, and a catalog of failures grouped by cause."""

import json
from collections import Counter, defaultdict
from pathlib import Path

from tests.blueprint.runner import short
from tests.blueprint.world import COLLECTIONS, param_type

REJECTED = {400, 406, 409, 412, 415, 422}


def route_state(path, template):
    """ "missing" when no URL pattern matches `path`; "caught:<literal>" when a detail route swallowed a named
    one of the template (`/v1/events/upcoming`); "" when a route exists."""
    from django.urls import Resolver404, resolve

    try:
        match = resolve(path.split("?", 1)[0])
    except Resolver404:
        return "missing"
    literals = {s for s in template.strip("/").split("/") if not s.startswith("{") and not s.isdigit()}
    swallowed = [v for v in match.kwargs.values() if isinstance(v, str) and v in literals]
    return f"caught:{swallowed[0]}" if swallowed else ""


def route_group(result):
    """What a missing route is about: the documented type, the type a DELETE names, else the path's theme."""
    if result.verdict.documented_type:
        return result.verdict.documented_type
    tx = result.tx
    if tx.path_parameters and tx.method == "DELETE":
        found = param_type(tx.path_template, tx.path_parameters[-1])
        if found:
            return found
    literals = [s for s in tx.path_template.strip("/").split("/")[1:] if not s.startswith("{")]
    documents_resources = isinstance(tx.response.body, dict) and "data" in tx.response.body
    if documents_resources and literals and literals[-1] in COLLECTIONS:
        return COLLECTIONS[literals[-1]]
    if "export" in literals:
        return "(exports)"
    return "(" + "/".join(literals[:2]) + ")"


def served_types(results):
    """Every `type` our server answered with (2xx) during the run."""
    served = set()
    for result in results:
        body = result.answer.json
        data = body.get("data") if isinstance(body, dict) and 200 <= result.answer.status < 300 else None
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and item.get("type"):
                served.add(item["type"])
    return served


def missing_route_kind(result, served):
    group = route_group(result)
    if not group.startswith("(") and group not in served:
        return "route missing: type not served at all"
    if group.startswith("("):
        return "route missing: non-resource route (auth, exports, statistics, …)"
    segments = result.tx.path_template.strip("/").split("/")
    first_param = next((i for i, s in enumerate(segments) if s.startswith("{")), len(segments))
    if first_param < len(segments) - 1:
        return "route missing: related/nested route of a served type"
    return "route missing: collection/detail route of a served type"


def classify(result, served=frozenset()):
    """(category, detail) of the main reason a judged transaction failed."""
    tx, answer, verdict, call = result.tx, result.answer, result.verdict, result.call
    status, expected = answer.status, tx.response.status
    template = f"{tx.method} {tx.path_template}"
    if status == 0:
        return "replay error (a bug of the replay: fix it in tests/blueprint)", f"{template}: {short(call.notes)}"
    if not verdict.status_ok:
        if status in (404, 405):
            state = route_state(call.path, tx.path_template)
            if state == "missing":
                return missing_route_kind(result, served), template
            if state.startswith("caught:"):
                return "named route caught by a detail route", f"{template} ({state[7:]})"
            if status == 405:
                return "method not allowed on an existing route", template
        prerequisite = [n for n in call.notes if ": no " in n]
        if prerequisite:
            return "prerequisite missing", f"{template}: {prerequisite[0]}"
        if status == 404:
            return "object not found (route exists)", f"{template}: {answer.error_detail(100)}"
        if tx.method == "DELETE" and status == 204 and expected == 200:
            return "DELETE answers 204, documented 200", template
        if status in (401, 403):
            return "permission refused to the super admin", f"{template} {status}: {answer.error_detail(100)}"
        if status in REJECTED:
            return f"request rejected ({status})", f"{template}: {answer.error_detail(140)}"
        if status >= 500:
            return "server error", f"{template} {status}: {answer.error_detail(100)}"
        return "status convention differs", f"{template}: ours {status}, documented {expected}"
    if verdict.shape_problem == "type":
        return "wrong type", f"{template}: ours {verdict.our_type}, documented {verdict.documented_type}"
    if verdict.shape_problem == "members":
        return "missing attributes/relationships", f"{verdict.documented_type}"
    if verdict.shape_problem == "empty":
        return "empty list (nothing to compare)", template
    if verdict.shape_problem == "keys":
        missing = ", ".join(verdict.missing_keys) or short(verdict.reasons)
        return "missing keys of a plain JSON body", f"{template}: {missing}"
    return "other", f"{template}: {short(verdict.reasons)}"


def summarize(results, all_transactions):
    files = defaultdict(lambda: {"transactions": 0, "excepted": 0, "judged": 0, "status": 0, "shape": 0, "both": 0})
    for result in results:
        row = files[result.tx.file]
        row["transactions"] += 1
        if result.excepted:
            row["excepted"] += 1
            continue
        row["judged"] += 1
        row["status"] += result.verdict.status_ok
        row["shape"] += result.verdict.shape_ok
        row["both"] += result.verdict.passed
    total = {
        k: sum(r[k] for r in files.values()) for k in ("transactions", "excepted", "judged", "status", "shape", "both")
    }
    for row in [*files.values(), total]:
        judged = row["judged"] or 1
        row.update({f"{k}_rate": round(100.0 * row[k] / judged, 1) for k in ("status", "shape", "both")})
    return dict(sorted(files.items())), total


def catalog(results):
    """Failures grouped by cause, with the details an implementer needs."""
    causes = Counter()
    details = defaultdict(list)
    missing_members = defaultdict(lambda: {"attributes": Counter(), "relationships": Counter()})
    served, documented_types = served_types(results), set()
    routes_by_type = defaultdict(set)
    for result in results:
        verdict = result.verdict
        if verdict.documented_type:
            documented_types.add(verdict.documented_type)
        if verdict.missing_attributes or verdict.missing_relationships:
            entry = missing_members[verdict.documented_type]
            entry["attributes"].update(verdict.missing_attributes)
            entry["relationships"].update(verdict.missing_relationships)
        if result.excepted or verdict.passed:
            continue
        category, detail = classify(result, served)
        causes[category] += 1
        details[category].append(detail)
        if category.startswith("route missing"):
            routes_by_type[route_group(result)].add(f"{result.tx.method} {result.tx.path_template}")
    return {
        "causes": dict(causes.most_common()),
        "details": {k: sorted(set(v)) for k, v in details.items()},
        "types_not_served": sorted(documented_types - served),
        "missing_routes_by_type": {k: sorted(v) for k, v in sorted(routes_by_type.items())},
        "missing_members": {
            t: {"attributes": sorted(m["attributes"]), "relationships": sorted(m["relationships"])}
            for t, m in sorted(missing_members.items())
            if t in served
        },
    }


def transaction_rows(results):
    served = served_types(results)
    rows = []
    for result in results:
        tx, verdict = result.tx, result.verdict
        rows.append(
            {
                "key": tx.key,
                "file": tx.file,
                "phase": result.phase,
                "method": tx.method,
                "uri": tx.path_template,
                "url": result.call.url,
                "documented_status": tx.response.status,
                "status": result.answer.status,
                "status_ok": verdict.status_ok,
                "shape_ok": verdict.shape_ok,
                "passed": verdict.passed,
                "excepted": result.excepted,
                "reasons": verdict.reasons,
                "error": "" if 200 <= result.answer.status < 300 else result.answer.error_detail(200),
                "cause": "" if verdict.passed or result.excepted else " — ".join(classify(result, served)),
                "notes": result.call.notes,
                "ms": round(result.elapsed * 1000, 1),
            }
        )
    return rows


def build(results, transactions, threshold, world=None):
    files, total = summarize(results, transactions)
    return {
        "threshold": threshold,
        "total": total,
        "files": files,
        "catalog": catalog(results),
        "transactions": transaction_rows(results),
        "setup_failures": dict(world.failed) if world else {},
    }


def summary_lines(report):
    total = report["total"]
    lines = [f"{'file':44s} {'n':>3s} {'exc':>3s} {'status':>7s} {'shape':>7s} {'both':>7s}"]
    for file, row in report["files"].items():
        lines.append(
            f"{file:44s} {row['transactions']:3d} {row['excepted']:3d} {row['status_rate']:6.1f}% "
            f"{row['shape_rate']:6.1f}% {row['both_rate']:6.1f}%"
        )
    lines.append(
        f"{'TOTAL':44s} {total['transactions']:3d} {total['excepted']:3d} {total['status_rate']:6.1f}% "
        f"{total['shape_rate']:6.1f}% {total['both_rate']:6.1f}%"
    )
    lines.append(
        f"blueprint replay: {total['both']}/{total['judged']} transactions pass status and shape "
        f"({total['both_rate']}%; status {total['status_rate']}%, shape {total['shape_rate']}%; "
        f"{total['excepted']} excepted; floor {report['threshold']}%, target 95%)"
    )
    return lines


def markdown(report):
    out = ["# Blueprint replay", "", "```", *summary_lines(report), "```", "", "## Failures by cause", ""]
    catalog_ = report["catalog"]
    for cause, count in catalog_["causes"].items():
        out.append(f"### {cause} — {count}")
        out += [f"- {d}" for d in catalog_["details"][cause]]
        out.append("")
    out += ["## Documented types we never answered with", "", ", ".join(catalog_["types_not_served"]) or "none", ""]
    out += ["## Missing routes by documented type", ""]
    for type_, routes in catalog_["missing_routes_by_type"].items():
        out.append(f"- **{type_}**: " + "; ".join(routes))
    out += ["", "## Missing members of the types we serve", ""]
    for type_, members in catalog_["missing_members"].items():
        parts = []
        if members["attributes"]:
            parts.append("attributes: " + ", ".join(members["attributes"]))
        if members["relationships"]:
            parts.append("relationships: " + ", ".join(members["relationships"]))
        out.append(f"- **{type_}** — " + "; ".join(parts))
    if report.get("setup_failures"):
        out += ["", "## Types the replay could not create or find", ""]
        out += [f"- {t}: {why}" for t, why in sorted(report["setup_failures"].items())]
    out += [
        "",
        "## Every transaction (replay order)",
        "",
        "| # | phase | transaction | ours | doc | result |",
        "|---|---|---|---|---|---|",
    ]
    for index, row in enumerate(report["transactions"], 1):
        verdict = (
            "excepted: " + row["excepted"]
            if row["excepted"]
            else "pass"
            if row["passed"]
            else short("; ".join(filter(None, [row["error"], *row["reasons"], *row["notes"]])), 220)
        )
        out.append(
            f"| {index} | {row['phase']} | {row['method']} `{row['url']}` ({row['key']}) | {row['status']} | "
            f"{row['documented_status']} | {verdict.replace('|', '/')} |"
        )
    return "\n".join(out) + "\n"


def write(report, directory):
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "report.json").write_text(json.dumps(report, indent=1, sort_keys=False))
    (directory / "report.md").write_text(markdown(report))
