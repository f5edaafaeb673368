"""The employee pages: our (or a competitor's) people ranked by relationship resources, and
one employee's resources as the user may see them."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from guanxi.access import guarded, visibility
from guanxi.access.choices import UserRole
from guanxi.access.permissions import restrict, scope_of
from guanxi.analytics.employees import employee_profile, employee_rows
from guanxi.analytics.graph import Workspace
from guanxi.analytics.scores import side_scores
from guanxi.deals.models import Deal
from guanxi.people.models import Organisation, Person, Tie


def own_employee_id(user: Any) -> str | None:
    """The id of the user's own person (their employee view), if linked to one."""
    pk = scope_of(user).person_id
    return Person.objects.filter(pk=pk).values_list("ext_id", flat=True).first() if pk else None


def won_currency(user: Any) -> str:
    """The currency of the won deals credit is counted on, when they share one ('' when
    mixed or none): a label of the company's credit totals, not a record."""
    codes = set(Deal.objects.filter(status="won").values_list("currency", flat=True).distinct())
    return codes.pop() if len(codes) == 1 else ""


def employee_list(user: Any, *, ws: Workspace, side_id: str | None = None) -> dict[str, Any]:
    """The company view of a side with its employees as rows (rank, accounts reached, key
    people, title, department); Refused for roles without company-wide numbers."""
    view = guarded.company_for(user, side_id, workspace=ws)
    rows = employee_rows(ws, view)
    facts = dict(
        (r[0], (r[1], r[2]))
        for r in Person.objects.filter(ext_id__in=[e["id"] for e in rows]).values_list(
            "ext_id", "title", "department"
        )
    )
    for row in rows:
        row["title"], row["department"] = facts.get(row["id"], ("", ""))
    return {"view": view, "rows": rows}


def employee_person(user: Any, person_id: str) -> tuple[Person, bool]:
    """The person of an employee page and whether they have one (ours or a competitor's;
    a customer's person opens the key-person page instead). Unseen when the user may see
    neither the person nor their employee view."""
    found = Person.objects.select_related("organisation").filter(ext_id=person_id)
    person = found.first() if "\x00" not in person_id else None
    unseen = guarded.Unseen(f"No person with id '{person_id}' that you can see.")
    if person is None:
        raise unseen
    scope = scope_of(user)
    known = restrict(user, found).exists()
    if person.organisation.kind not in ("own", "competitor"):
        if not (known or scope.role == UserRole.CONTRIBUTOR):  # contributors: paths to anyone
            raise unseen
        return person, False
    if not (known or scope.sees_employee(person.pk)):
        raise unseen
    return person, True


def _visible_profile(user: Any, profile: dict[str, Any]) -> dict[str, Any]:
    """The profile without the people, accounts and deals the user may not see."""
    if visibility.unfiltered(user):
        return profile
    scope = scope_of(user)
    seen = visibility.visible_ids(user, (r["id"] for r in profile["relationships"]))
    accounts = dict(Organisation.objects.values_list("ext_id", "pk"))
    deals = set(restrict(user, Deal.objects.all()).values_list("ext_id", flat=True))
    return {
        **profile,
        "relationships": [r for r in profile["relationships"] if r["id"] in seen],
        "key_people": [r for r in profile["key_people"] if r["id"] in seen],
        "to_strengthen": [r for r in profile["to_strengthen"] if r["id"] in seen],
        "accounts": [
            a for a in profile["accounts"] if scope.sees_account(accounts.get(a["id"], -1))
        ],
        "credit": [c for c in profile["credit"] if c["deal"] in deals],
    }


def _handover(user: Any, person: Person, ws: Workspace) -> dict[str, Any]:
    """A departed person's recorded relationships the user may see, to hand over: the other
    person, their account, the recorded strength, their importance and our closeness now."""
    ties = (
        restrict(user, Tie.objects.filter(kind="relationship"))
        .filter(Q(source=person) | Q(target=person))
        .select_related("source__organisation", "target__organisation")
    )
    ours = side_scores(ws, ws.own) if ws.own >= 0 else None
    rows = []
    for tie in ties:
        other = tie.target if tie.source_id == person.pk else tie.source
        idx = ws.person_index.get(other.ext_id)
        rows.append(
            {
                "id": other.ext_id,
                "name": other.name,
                "title": other.title,
                "account": other.organisation.ext_id,
                "account_name": other.organisation.name,
                "customer": other.organisation.kind == "customer",
                "strength": tie.strength or 0,
                "importance": float(ws.importance[idx]) if idx is not None else 0.0,
                "closeness": float(ours.closeness[idx]) if ours and idx is not None else 0.0,
            }
        )
    rows.sort(key=lambda r: (-r["importance"], -r["strength"], r["id"]))
    return {"person": person, "ties": rows}


def departed(user: Any) -> list[dict[str, Any]]:
    """Our people who left with relationships still on record that the user may see."""
    rows = (
        restrict(user, Person.objects.filter(organisation__kind="own", status="left"))
        .filter(Q(ties_out__kind="relationship") | Q(ties_in__kind="relationship"))
        .values_list("ext_id", "name")
        .distinct()
        .order_by("name", "ext_id")
    )
    return [{"id": r[0], "name": r[1]} for r in rows]


def employee(user: Any, person: Person, *, ws: Workspace) -> dict[str, Any]:
    """One employee's page as the user may see it: `left` (the hand-over list) for someone
    who left, else `profile` (resources, key people, relationships, accounts, credit) and
    `deals` (the credited deals' records). Refused when the user may know the person but not
    open their employee view (a colleague's, for sales and contributors; a competitor's, for
    roles without company-wide numbers). `more` counts what the rules left out of each list
    and `credit_hidden` says whether credit on deals the user may not open was left out."""
    scope = scope_of(user)
    if not scope.sees_employee(person.pk):
        raise guarded.Refused("You may open your own employee view only.")
    if person.organisation.kind == "competitor" and not scope.company_numbers:
        raise guarded.Refused("Competitors' employee views are for company-wide roles.")
    if person.status == "left":
        return {"left": _handover(user, person, ws)}
    try:
        profile = employee_profile(ws, person.ext_id)
    except KeyError:
        raise guarded.Unseen(f"No person with id '{person.ext_id}'.") from None
    whole, profile = profile, _visible_profile(user, profile)
    wanted = [c["deal"] for c in profile["credit"]]
    deals = {
        d["ext_id"]: d
        for d in restrict(user, Deal.objects.filter(ext_id__in=wanted)).values(
            "ext_id", "name", "currency", "organisation__name"
        )
    }
    return {
        "left": None,
        "profile": profile,
        "deals": deals,
        # how much the rules left out of each list (shown as hidden, not as nothing)
        "more": {
            key: len(whole.get(key) or []) - len(profile.get(key) or [])
            for key in ("key_people", "relationships", "accounts")
        },
        "credit_hidden": len(profile["credit"]) < len(whole.get("credit") or []),
    }


__all__ = [
    "departed",
    "employee",
    "employee_list",
    "employee_person",
    "own_employee_id",
    "won_currency",
]
