"""Alert evaluation: which conditions hold today, who is told, and the inbox rows.

Each condition names its people; a recipient is told only when every person it names is one
they may see (`visibility.visible_ids`, the choke point), and only of the kinds they have
left on (AlertPreference). An alert opens the first day its condition holds and stays open
(one row, not one a day) until the condition clears. A competitor overtaking us is a change:
it opens only when the competitor was at or below our closeness with the decider in the
previous snapshot and is above it now, then stays open while they stay ahead.

Who is told:
| kind | recipients |
|---|---|
| stale | the employee whose relationship it is, and the account's team |
| (account team) | sales users on the account's team see its people by the sales rule of
  `permissions.restrict`; everyone else told is checked person by person (`visible_ids`) |
| objective | the objective's owner, and managers |
| overtaken | the deal account's team, and managers |
| at_risk | the account's team, and managers |
| colleague_leaving | the owners of the colleague's open hand-overs, and managers |
| key_person_left | the account's team, and managers |
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection, transaction

from guanxi.access import visibility
from guanxi.access.choices import UserRole
from guanxi.access.models import Profile
from guanxi.analytics import alerts as conditions_of
from guanxi.analytics import company_view
from guanxi.analytics.history import CLOSENESS
from guanxi.analytics.staleness import is_stale, last_contacts
from guanxi.core import audit
from guanxi.core.choices import AuditAction
from guanxi.core.models import Snapshot
from guanxi.deals.models import Deal
from guanxi.operations.choices import AlertKind, ObjectiveStatus
from guanxi.operations.models import Alert, AlertPreference, Objective
from guanxi.people.choices import HandoverStatus
from guanxi.people.models import Handover, Organisation, Participation, Person, Tie

DUE_SOON_DAYS = 14
"""An objective due within this many days (and not achieved) is reported."""


@dataclass
class Condition:
    """One condition that holds: its kind, a stable key, display details and its audience."""

    kind: str
    key: str
    params: dict[str, Any]
    people: set[str]
    users: set[int] = field(default_factory=set)
    #: the account's team: sales users who see the account's people by the choke point's
    #: sales rule (permissions.restrict), so they need no per-person check
    team: set[int] = field(default_factory=set)


class Audience:
    """Who is on each account's team, who manages, and whose person is whose user."""

    def __init__(self) -> None:
        self.team: dict[str, set[int]] = defaultdict(set)
        through = Profile.accounts.through.objects.filter(profile__role=UserRole.SALES)
        for user_id, org in through.values_list("profile__user_id", "organisation__ext_id"):
            self.team[org].add(user_id)
        self.managers = set(
            Profile.objects.filter(role=UserRole.MANAGER, user__is_active=True).values_list(
                "user_id", flat=True
            )
        )
        self.user_of = dict(
            Person.objects.filter(user__isnull=False).values_list("ext_id", "user_id")
        )
        self.person_pk = dict(Person.objects.values_list("ext_id", "pk"))


def _names(ids: set[str]) -> dict[str, str]:
    names: dict[str, str] = {}
    wanted = sorted(ids)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        names.update(Person.objects.filter(ext_id__in=chunk).values_list("ext_id", "name"))
    return names


def _contacts(
    wanted: dict[tuple[int, int], tuple[str, str]], today: dt.date, cutoff: dt.date
) -> tuple[list[tuple[str, str, dt.date | None]], list[tuple[dt.date, tuple[str, str]]]]:
    """The inputs of `staleness.last_contacts` for the wanted (employee pk, person pk) pairs:
    their relationships' confirmations and their shared interactions, each from `cutoff` on
    (an older one cannot make a pair fresh, so leaving it out changes no verdict). Read as
    plain rows of one table at a time, joined here: a join the planner misjudges (a test
    database's tables look empty to it) would not end."""
    tie = Tie._meta.db_table
    part = Participation._meta.db_table
    inter = Participation.interaction.field.related_model._meta.db_table
    confirmed: dict[tuple[str, str], dt.date] = {}
    shared: list[tuple[dt.date, tuple[str, str]]] = []
    ours = {e for e, _p in wanted}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT source_id, target_id, last_confirmed FROM {tie} "
            "WHERE kind = 'relationship' AND last_confirmed >= %s",
            [cutoff],
        )
        while rows := cursor.fetchmany(50_000):
            for a, b, day in rows:
                pair = wanted.get((a, b)) or wanted.get((b, a))
                if pair is not None and (pair not in confirmed or day > confirmed[pair]):
                    confirmed[pair] = day
        cursor.execute(
            f"SELECT id, date FROM {inter} WHERE date >= %s AND date <= %s", [cutoff, today]
        )
        dates = dict(cursor.fetchall())
        people: dict[int, list[int]] = defaultdict(list)
        cursor.execute(f"SELECT interaction_id, person_id FROM {part}")
        while rows := cursor.fetchmany(50_000):
            for interaction, person in rows:
                if interaction in dates:
                    people[interaction].append(person)
    for interaction, met in people.items():
        for e in ours.intersection(met):
            shared.extend((dates[interaction], pair) for p in met if (pair := wanted.get((e, p))))
    ties = [(e, p, confirmed.get((e, p))) for e, p in wanted.values()]
    return ties, shared


def _stale(ws: Any, today: dt.date, who: Audience) -> list[Condition]:
    """Key relationships gone stale by the one rule of analytics.staleness (no confirmation
    or shared interaction in the workspace's `stale_after_days`), as the connectors'
    freshness list shows them."""
    pairs = conditions_of.key_pairs(ws)
    if not pairs:
        return []
    limit = ws.settings.stale_after_days
    pk = who.person_pk
    wanted = {(pk[e], pk[p]): (e, p) for e, p, _s in pairs if e in pk and p in pk}
    cutoff = today - dt.timedelta(days=int(limit))
    last = last_contacts(*_contacts(wanted, today, cutoff), today)
    org_of = ws.person_org
    out = []
    for e, p, s in pairs:
        if not is_stale(last.get((min(e, p), max(e, p))), today, limit):
            continue
        account = ws.org_ids[org_of[ws.person_of_id(p)]]
        mine = {who.user_of[e]} if e in who.user_of else set()
        out.append(
            Condition(
                AlertKind.STALE,
                f"{e}:{p}",
                {
                    "employee": e,
                    "person": p,
                    "account": account,
                    "strength": round(s),
                    "days": round(limit),
                },
                {e, p},
                mine,
                team=set(who.team.get(account, ())),
            )
        )
    return out


def previous_closeness(today: dt.date) -> dict[tuple[str, str], float]:
    """{(person id, metric): value} of our and the competitors' closeness in the last snapshot
    before `today` (empty without one)."""
    rows = Snapshot.objects.filter(date__lt=today, metric__startswith=CLOSENESS)
    last = rows.order_by("-date").values_list("date", flat=True).first()
    if last is None:
        return {}
    found = rows.filter(date=last).values_list("subject_id", "metric", "value")
    return {(s, m): v for s, m, v in found.iterator(chunk_size=10_000)}


def conditions(today: dt.date, workspace: Any = None) -> list[Condition]:
    """Every condition that holds on `today`, with its audience (before preferences and
    visibility); scored on `workspace` (default: the current one; the demo replays its week
    on each day's data as it stood)."""
    from guanxi.operations.plans import progress_rows
    from guanxi.scoring.engine import current_workspace

    ws = workspace if workspace is not None else current_workspace()
    who = Audience()
    found: list[Condition] = []
    # A competitor overtaking us is a change: it opens on the crossing since the previous
    # snapshot and stays open (not raised again) while they stay ahead.
    still = set(
        Alert.objects.filter(kind=AlertKind.OVERTAKEN, cleared_on__isnull=True).values_list(
            "key", flat=True
        )
    )
    for o in conditions_of.overtaken(ws, previous_closeness(today)):
        key = f"{o['deal']}:{o['person']}:{o['competitor']}"
        if not o.pop("crossed") and key not in still:
            continue
        found.append(
            Condition(
                AlertKind.OVERTAKEN,
                key,
                o,
                {o["person"]},
                set(who.managers),
                team=set(who.team.get(o["account"], ())),
            )
        )
    if ws.own >= 0:
        for a in conditions_of.at_risk(company_view(ws)["accounts"]):
            found.append(
                Condition(
                    AlertKind.AT_RISK,
                    a["account"],
                    a,
                    {a["employee"]},
                    set(who.managers),
                    team=set(who.team.get(a["account"], ())),
                )
            )
    for pid, org in (
        Person.objects.filter(status="left", organisation__kind="customer")
        .filter(key=True)
        .values_list("ext_id", "organisation__ext_id")
    ):
        found.append(
            Condition(
                AlertKind.KEY_PERSON_LEFT,
                pid,
                {"person": pid, "account": org},
                {pid},
                set(who.managers),
                team=set(who.team.get(org, ())),
            )
        )
    open_tasks: dict[str, set[int]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    for departed, owner in Handover.objects.filter(status=HandoverStatus.OPEN).values_list(
        "departed__ext_id", "owner_id"
    ):
        counts[departed] += 1
        if owner is not None:
            open_tasks[departed].add(owner)
    for departed, n in sorted(counts.items()):
        found.append(
            Condition(
                AlertKind.COLLEAGUE_LEAVING,
                departed,
                {"employee": departed, "open": n},
                {departed},
                open_tasks[departed] | who.managers,
            )
        )
    live = Objective.objects.filter(status=ObjectiveStatus.OPEN).select_related("person", "account")
    for row in progress_rows(None, live, today=today):
        o = row["objective"]
        due_soon = (o.due - today).days <= DUE_SOON_DAYS
        if row["state"] in ("off_track", "overdue") or (due_soon and row["state"] != "achieved"):
            found.append(
                Condition(
                    AlertKind.OBJECTIVE,
                    str(o.pk),
                    {
                        "objective": o.pk,
                        "person": o.person.ext_id,
                        "account": o.account.ext_id,
                        "state": row["state"],
                        "current": round(row["current"], 1),
                        "target": o.target,
                        "due": o.due.isoformat(),
                        "progress": round(row["progress"], 3),
                        "expected": round(row["expected"], 3),
                    },
                    {o.person.ext_id},
                    ({o.owner_id} if o.owner_id else set()) | who.managers,
                )
            )
    found.extend(_stale(ws, today, who))
    return found


def _labels(params: dict[str, Any], people: dict[str, str], orgs: dict[str, str]) -> dict[str, str]:
    """Display names of the people and organisations an alert's details name, as
    `person_name`, `employee_name`, `account_name`, `competitor_name`."""
    out = {}
    for key in ("person", "employee"):
        if params.get(key) in people:
            out[f"{key}_name"] = people[params[key]]
    for key in ("account", "competitor"):
        if params.get(key) in orgs:
            out[f"{key}_name"] = orgs[params[key]]
    return out


def _enabled(users: set[int]) -> set[tuple[int, str]]:
    """(user, kind) pairs a user has switched off in the inbox."""
    rows = AlertPreference.objects.filter(user_id__in=users, enabled=False)
    return set(rows.values_list("user_id", "kind"))


@transaction.atomic
def evaluate_alerts(
    *, date: dt.date, actor: Any = "worker", workspace: Any = None
) -> dict[str, int]:
    """Open the alerts whose conditions now hold for everyone told, and clear the rest."""
    found = conditions(date, workspace)
    names = _names({p for c in found for p in c.people})
    orgs = dict(Organisation.objects.values_list("ext_id", "name"))
    deal_ids = {c.params["deal"] for c in found if "deal" in c.params}
    deals = dict(Deal.objects.filter(ext_id__in=deal_ids).values_list("ext_id", "name"))
    users = {
        u.pk: u
        for u in get_user_model().objects.filter(
            pk__in={u for c in found for u in c.users | c.team}, is_active=True
        )
    }
    off = _enabled(set(users))
    per_user: dict[int, list[tuple[Condition, bool]]] = defaultdict(list)
    for c in found:
        for u in c.users | c.team:
            if u in users and (u, c.kind) not in off:
                per_user[u].append((c, u in c.team))
    wanted: dict[tuple[int, str, str], dict[str, Any]] = {}
    for u, conds in per_user.items():
        user = users[u]
        named = {p for c, trusted in conds if not trusted for p in c.people}
        if not named or visibility.unfiltered(user):
            ok = named
        else:
            ok = visibility.visible_ids(user, named)
        for c, trusted in conds:
            if trusted or c.people <= ok:
                params = {**c.params, **_labels(c.params, names, orgs)}
                if "deal" in c.params:
                    params["deal_name"] = deals.get(c.params["deal"], c.params["deal"])
                wanted[(u, str(c.kind), c.key)] = params
    opened = {
        (u, k, key): pk
        for pk, u, k, key in Alert.objects.filter(cleared_on__isnull=True).values_list(
            "pk", "user_id", "kind", "key"
        )
    }
    new = [
        Alert(user_id=u, kind=k, key=key, params=params, raised_on=date)
        for (u, k, key), params in wanted.items()
        if (u, k, key) not in opened
    ]
    Alert.objects.bulk_create(new, batch_size=2000)
    gone = [pk for triple, pk in opened.items() if triple not in wanted]
    for start in range(0, len(gone), 2000):
        Alert.objects.filter(pk__in=gone[start : start + 2000]).update(cleared_on=date)
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type="alerts",
        object_id=date.isoformat(),
        summary=f"alerts of {date.isoformat()}: {len(new)} raised, {len(gone)} cleared",
    )
    return {"raised": len(new), "cleared": len(gone), "open": len(wanted)}
