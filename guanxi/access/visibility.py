"""Removing the people a user may not see from the analysis JSON.

Admins and managers get the reports unchanged (the CLI's JSON). Everyone else gets the same
JSON with every row, edge, path and warning that names a person outside
`restrict(user, Person)` left out; the numbers (scores, win odds, coverage) stay as
computed, since they describe the account or deal, not those people. One exception, the
role's own: a contributor's paths are shown whole ("the path itself"), since a path is
exactly who to ask for an introduction.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from guanxi.access.choices import UserRole
from guanxi.access.permissions import restrict, scope_of
from guanxi.deals.models import Deal
from guanxi.people.models import Person

CHUNK = 500


def unfiltered(user: Any) -> bool:
    """Admins and managers see every person, so their reports need no filtering."""
    return scope_of(user).everything


def whole_paths(user: Any) -> bool:
    """Contributors see paths whole (the documented exception of their role)."""
    return scope_of(user).role == UserRole.CONTRIBUTOR


def visible_ids(user: Any, ids: Iterable[str], known: Iterable[str] = ()) -> set[str]:
    """Which of `ids` name people the user may see (`known` ones are taken as visible)."""
    seen = set(known)
    wanted = sorted(set(ids) - seen)
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        rows = restrict(user, Person.objects.filter(ext_id__in=chunk)).values_list(
            "ext_id", flat=True
        )
        seen.update(rows)
    return seen


def keep_paths(paths: list[dict[str, Any]], ok: set[str]) -> list[dict[str, Any]]:
    """The paths all of whose people are visible."""
    return [p for p in paths if all(i in ok for i in p["people"])]


def filter_paths(user: Any, paths: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`guanxi paths` for this user."""
    if unfiltered(user) or whole_paths(user):
        return paths
    return keep_paths(paths, visible_ids(user, (i for p in paths for i in p["people"])))


def filter_account(user: Any, view: dict[str, Any]) -> dict[str, Any]:
    """`guanxi account` for this user (who may open the account, so its people are known)."""
    if unfiltered(user):
        return view
    members = [p["id"] for p in view["people"]]
    contributions = view.get("contributions", {"people": [], "employees": []})
    others = {e["source"] for e in view["edges"]} | {e["target"] for e in view["edges"]}
    others |= {t["employee"] for p in contributions["people"] for t in p["ties"]}
    others |= {e["id"] for e in contributions["employees"]}
    ok = visible_ids(user, others, known=members)
    out = dict(view)
    out["people"] = [p for p in view["people"] if p["id"] in ok]
    for key in ("power_centres", "influence_centres", "plan_targets"):
        out[key] = [i for i in view[key] if i in ok]
    out["edges"] = [e for e in view["edges"] if e["source"] in ok and e["target"] in ok]
    if "contributions" in view:
        out["contributions"] = {
            **contributions,
            "people": [
                {**p, "ties": [t for t in p["ties"] if t["employee"] in ok]}
                for p in contributions["people"]
                if p["id"] in ok
            ],
            "employees": [e for e in contributions["employees"] if e["id"] in ok],
        }
    return out


def filter_person(user: Any, view: dict[str, Any]) -> dict[str, Any]:
    """`guanxi person` for this user (who may see the person)."""
    if unfiltered(user):
        return view
    ours = view["ours"]
    named = {e["id"] for e in view["inside"]} | {e["id"] for e in ours["direct"]}
    named |= {e["id"] for e in ours["indirect"]} | {e["via"] for e in ours["indirect"]}
    named |= {e["id"] for entries in view["competitors"].values() for e in entries}
    named |= {i for p in view["paths"] for i in p["people"]}
    ok = visible_ids(user, named, known=[view["id"]])
    out = dict(view)
    out["inside"] = [e for e in view["inside"] if e["id"] in ok]
    out["ours"] = {
        **ours,
        "direct": [e for e in ours["direct"] if e["id"] in ok],
        "indirect": [e for e in ours["indirect"] if e["id"] in ok and e["via"] in ok],
    }
    out["competitors"] = {
        c: [e for e in entries if e["id"] in ok] for c, entries in view["competitors"].items()
    }
    out["paths"] = view["paths"] if whole_paths(user) else keep_paths(view["paths"], ok)
    deal_ids = {d["deal_id"] for d in view["deals"]}
    deals = set(
        restrict(user, Deal.objects.filter(ext_id__in=deal_ids)).values_list("ext_id", flat=True)
    )
    out["deals"] = [d for d in view["deals"] if d["deal_id"] in deals]
    return out


def filter_deal(user: Any, view: dict[str, Any]) -> dict[str, Any]:
    """`guanxi deal` for this user (who may see the deal)."""
    if unfiltered(user):
        return view
    named = {r["person"] for r in view["roles"]} | set(view["paths"])
    named |= {w["person"] for w in view["warnings"] if w["person"]}
    named |= {i for paths in view["paths"].values() for p in paths for i in p["people"]}
    ok = visible_ids(user, named)
    out = dict(view)
    out["roles"] = [r for r in view["roles"] if r["person"] in ok]
    out["warnings"] = [w for w in view["warnings"] if not w["person"] or w["person"] in ok]
    out["paths"] = {pid: keep_paths(paths, ok) for pid, paths in view["paths"].items() if pid in ok}
    return out


def filter_company(user: Any, view: dict[str, Any]) -> dict[str, Any]:
    """`guanxi company` for this user: roles without person-level data (viewers) get each
    employee's key people as a number (`key_count`), not as the customers' people's ids."""
    if scope_of(user).people_level:
        return view
    out = dict(view)
    out["employees"] = [
        {**e, "key_people": [], "key_count": len(e["key_people"])} for e in view["employees"]
    ]
    return out


def visible_records(user: Any, records: Iterable[Any]) -> list[bool]:
    """For each record, whether `restrict(user, ...)` shows it (one query per model)."""
    rows = list(records)
    if unfiltered(user):
        return [True] * len(rows)
    by_model: dict[type, set[Any]] = {}
    for r in rows:
        by_model.setdefault(type(r), set()).add(r.pk)
    seen: dict[type, set[Any]] = {}
    for model, pks in by_model.items():
        found = restrict(user, model._default_manager.filter(pk__in=pks))
        seen[model] = set(found.values_list("pk", flat=True))
    return [r.pk in seen[type(r)] for r in rows]
