"""The read commands: account, person, paths, company, deal (tables, or CLI.md's JSON)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from guanxi.commands.tables import fraction, money, score, share, signed, table

if TYPE_CHECKING:
    from guanxi.analytics.graph import Workspace


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "company":
        parser.add_argument("--side", help="a competitor's id (default: our company)")
    elif name == "paths":
        parser.add_argument("id", help="the person to reach")
        parser.add_argument("--from", dest="from_id", help="start at this colleague")
        parser.add_argument("-k", type=int, default=3, help="how many paths (default 3)")
    else:
        parser.add_argument("id", help=f"the {name}'s id")
    parser.add_argument("--json", action="store_true", help="print JSON (CLI.md) instead")
    parser.add_argument(
        "--user",
        metavar="NAME",
        help="answer as this login user sees it (their role and accounts); default: everything",
    )


def run_without_django(args: argparse.Namespace) -> int | None:
    """Answer from the database's columnar copy without starting Django (the common case of a
    cold read command); None when the Django path must answer (see guanxi.scoring.coldread)."""
    if args.user is not None:
        return None  # the permission rules need Django's users and models
    from guanxi.analytics.graph import no_gc
    from guanxi.scoring.coldread import cold_workspace

    # The report allocates only acyclic objects: pausing the cyclic collector saves time.
    with no_gc():
        found = cold_workspace()
        if found is None:
            return None
        workspace, reader = found
        with reader:
            try:
                result = _answer(
                    args, lambda: _report(args, workspace=workspace, trend=reader.trend)
                )
                if args.command == "deal":
                    result = with_owner(result, reader.deal_owner(args.id))
            except reader.errors:
                return None
        return _print(args, result)


def run(args: argparse.Namespace) -> int:
    from guanxi.analytics.graph import no_gc

    with no_gc():
        result = _answer(args, lambda: _report(args))
        if args.command == "deal":
            result = with_owner(result, deal_owner(args.id))
        return _print(args, result)


def deal_owner(deal_id: str) -> tuple[str, str] | None:
    """The id and name of a deal's owner, None when it has none (one of our people, whom
    every role may see)."""
    from guanxi.deals.models import Deal

    return (
        Deal.objects.filter(ext_id=deal_id, owner__isnull=False)
        .values_list("owner__ext_id", "owner__name")
        .first()
    )


def with_owner(view: dict[str, Any], owner: tuple[str, str] | None) -> dict[str, Any]:
    """The deal report with its owner: `owner` (an id or null) and `owner_name`."""
    return {**view, "owner": owner[0] if owner else None, "owner_name": owner[1] if owner else None}


def _answer(args: argparse.Namespace, report: Callable[[], Any]) -> Any:
    """The report, with the reports' errors as the CLI's (unknown id: exit 1, else 2)."""
    from guanxi.cli import CliError
    from guanxi.scoring import reports

    try:
        return report()
    except reports.ReportError as exc:
        where = {"id": args.command, "k": "-k"}.get(exc.field, f"--{exc.field}")
        raise CliError(f"{where}: {exc}", status=1 if exc.not_found else 2) from None


def _print(args: argparse.Namespace, result: Any) -> int:
    if args.json:
        # Indented for a person at a terminal; compact (and several times faster) for programs.
        indent = 2 if sys.stdout.isatty() else None
        print(json.dumps(result, ensure_ascii=False, indent=indent))
    else:
        print(RENDER[args.command](result))
    return 0


def _report(
    args: argparse.Namespace,
    *,
    workspace: Workspace | None = None,
    trend: Callable[[str], list[dict[str, Any]]] | None = None,
) -> Any:
    """The report the command asks for: everything, or as `--user` may see it."""
    from guanxi.scoring import reports

    if args.user is None:
        if args.command == "account":
            return reports.account_report(args.id, workspace=workspace)
        if args.command == "person":
            return reports.person_report(args.id, workspace=workspace)
        if args.command == "paths":
            return reports.paths_report(
                args.id, from_id=args.from_id, k=args.k, workspace=workspace
            )
        if args.command == "company":
            return reports.company_report(args.side, workspace=workspace, trend=trend)
        return reports.deal_report(args.id, workspace=workspace)
    return _report_as_user(args)


def _report_as_user(args: argparse.Namespace) -> Any:
    """The report through the permission rules of one login user (the API's rules)."""
    from django.contrib.auth import get_user_model

    from guanxi.access import facade
    from guanxi.cli import CliError

    user = get_user_model().objects.filter(username=args.user, is_active=True).first()
    if user is None:
        raise CliError(f"--user: no active user named '{args.user}'")
    try:
        if args.command == "account":
            return facade.account_for(user, args.id)
        if args.command == "person":
            return facade.person_for(user, args.id, channel="CLI")
        if args.command == "paths":
            return facade.paths_for(user, args.id, from_id=args.from_id, k=args.k)
        if args.command == "company":
            return facade.company_for(user, args.side)
        return facade.deal_for(user, args.id)
    except facade.Refused as exc:
        raise CliError(f"{args.user} may not see this: {exc}", status=1) from None
    except facade.Unseen as exc:
        raise CliError(f"{args.command}: {exc}", status=1) from None
    except facade.BadArgument as exc:
        raise CliError(f"--{exc.field}: {exc}") from None


def _name_map(view: dict[str, Any]) -> dict[str, str]:
    return {p["id"]: p.get("name", p["id"]) for p in view.get("people", [])}


def _odds(value: float | None) -> str:
    return "unknown (nobody holds a role)" if value is None else f"{value:.1f}%"


def render_account(v: dict[str, Any]) -> str:
    names = _name_map(v)
    head = f"{v.get('name', v['id'])}: closeness score {v['score']:.1f} — {v['level']}"
    rows = [
        [
            p["name"],
            fraction(p["power"]),
            fraction(p["influence"]),
            fraction(p["importance"]),
            score(p["closeness"]),
            fraction(p["broker"]),
        ]
        for p in v["people"]
    ]
    parts = [
        head,
        "",
        table(["person", "power", "influence", "importance", "closeness", "broker"], rows),
        "",
        "power centres:     " + ", ".join(names.get(i, i) for i in v["power_centres"]),
        "influence centres: " + ", ".join(names.get(i, i) for i in v["influence_centres"]),
        "plan targets:      " + ", ".join(names.get(i, i) for i in v["plan_targets"]),
    ]
    if v.get("threats"):
        parts += ["", _threat_table(v["threats"], by_competitor=True)]
    return "\n".join(parts)


def _threat_table(threats: list[dict[str, Any]], *, by_competitor: bool = False) -> str:
    """Key people a competitor is closer to than we are."""
    head = ["competitor"] if by_competitor else []
    rows = [
        [
            *([t["competitor"]] if by_competitor else []),
            t.get("name", t["person"]),
            t.get("account_name", t["account"]),
            score(t["closeness"]),
            score(t["ours"]),
            fraction(t["importance"]),
        ]
        for t in threats
    ]
    return table([*head, "ahead with", "account", "theirs", "ours", "importance"], rows)


def _path_line(p: dict[str, Any]) -> str:
    return f"{p['strength']:.3f}  " + " → ".join(p["people"])


def render_person(v: dict[str, Any]) -> str:
    parts = [f"{v.get('name', v['id'])} at {v['organization_id']}", ""]
    parts.append(
        table(
            ["inside influencer", "strength"],
            [[i.get("name", i["id"]), score(i["strength"])] for i in v["inside"]],
        )
    )
    parts.append("")
    direct = [[i.get("name", i["id"]), "", score(i["strength"])] for i in v["ours"]["direct"]]
    indirect = [
        [i.get("name", i["id"]), i.get("via_name", i["via"]), score(i["strength"])]
        for i in v["ours"]["indirect"]
    ]
    parts.append(table(["our person", "via", "strength"], direct + indirect))
    for comp, entries in v["competitors"].items():
        parts.append("")
        parts.append(
            table(
                [f"{comp}'s person", "strength"],
                [[i.get("name", i["id"]), score(i["strength"])] for i in entries],
            )
        )
    parts.append("")
    parts.append("best paths:")
    parts.extend(["  " + _path_line(p) for p in v["paths"]] or ["  none"])
    if v["deals"]:
        parts.append("")
        parts.append(
            table(
                ["deal", "role", "attitude"],
                [[d["deal_id"], d["role"], d["attitude"]] for d in v["deals"]],
            )
        )
    return "\n".join(parts)


def render_paths(paths: list[dict[str, Any]]) -> str:
    if not paths:
        return "no path within 4 steps"
    return "\n".join(_path_line(p) for p in paths)


def render_company(v: dict[str, Any]) -> str:
    lv = v["levels"]
    names = {e["id"]: e.get("name", e["id"]) for e in v["employees"]}
    parts = [
        f"{v.get('name', v['side'])}: capability score {v['score']:.1f} — strong {lv['strong']}, "
        f"medium {lv['medium']}, weak {lv['weak']}",
        "",
        table(
            ["account", "score", "level", "top dependency", "share"],
            [
                [
                    a.get("name", a["id"]),
                    score(a["score"]),
                    a["level"],
                    names.get((a["top_dependency"] or {}).get("employee"), ""),
                    share((a["top_dependency"] or {}).get("share")),
                ]
                for a in v["accounts"]
            ],
        ),
        "",
        table(
            ["employee", "resources", "key people", "credit"],
            [
                [
                    e.get("name", e["id"]),
                    score(e["resources"]),
                    e.get("key_count", len(e["key_people"])),
                    money(e["credit"]),
                ]
                for e in v["employees"]
            ],
        ),
    ]
    if "closer_than_us" in v:
        closer = v["closer_than_us"]
        parts += [
            "",
            f"closer than us with {closer['people']} key people "
            f"(and on average at {closer['accounts']} accounts)",
        ]
        if v["threats"]:
            parts.append(_threat_table(v["threats"]))
    if v["trend"]:
        parts += [
            "",
            table(
                ["date", "score", "strong", "medium", "weak"],
                [
                    [t["date"], score(t["score"]), t["strong"], t["medium"], t["weak"]]
                    for t in v["trend"]
                ],
            ),
        ]
    return "\n".join(parts)


def render_deal(v: dict[str, Any]) -> str:
    odds, low = v["win_odds"], v.get("win_odds_low")
    shown = _odds(odds)
    if odds is not None and low is not None and round(low, 1) < round(odds, 1):
        shown = f"{low:.1f}–{odds:.1f}% (competitor intelligence on "
        shown += f"{v.get('intel_coverage', 1):.0%} of the role holders)"
    names = {r["person"]: r.get("name", r["person"]) for r in v["roles"]}
    owner = f"{v['owner_name']} ({v['owner']})" if v.get("owner") else "nobody"
    parts = [
        f"{v.get('name', v['id'])}: win odds {shown} — coverage {v['coverage']:.0%}",
        f"owner: {owner}",
        "",
        table(
            ["person", "role", "attitude", "contact", "closeness", "edge", "weight"],
            [
                [
                    r.get("name", r["person"]),
                    r["role"],
                    r["attitude"],
                    r["contact_level"],
                    score(r["closeness"]),
                    signed(r["edge"]),
                    fraction(r["weight"]),
                ]
                for r in v["roles"]
            ],
        ),
    ]
    if v["warnings"]:
        parts += ["", "warnings:"] + [f"  [{w['code']}] {w['reason']}" for w in v["warnings"]]
    for person, paths in v["paths"].items():
        parts += ["", f"paths to {names.get(person, person)}:"]
        parts += ["  " + _path_line(p) for p in paths]
    return "\n".join(parts)


RENDER = {
    "account": render_account,
    "person": render_person,
    "paths": render_paths,
    "company": render_company,
    "deal": render_deal,
}
