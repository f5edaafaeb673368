"""`/handovers/` and `/handovers/<id>/` — keeping a departed colleague's relationships.

One person's page lists their relationships with customer people, the most important contact
first, with what the company still has without them; each open task takes a successor and an
owner ("assign") and is then completed ("complete"), which records the successor's own
relationship. Both are POSTs to the person's page with an `action` field, answered in place
(the task's table row) for htmx. The list page gathers every task, filtered by owner and status.
Managers and admins only (`Scope.everything`): hand-overs span every account.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from guanxi.access.permissions import restrict
from guanxi.analytics.company import concentration
from guanxi.analytics.graph import Workspace
from guanxi.analytics.scores import account_scores, side_scores
from guanxi.people import handover as services
from guanxi.people.choices import HandoverStatus, OrgKind, PersonStatus
from guanxi.people.models import Handover, Person
from guanxi.people.rules import parse_strength
from guanxi.scoring.engine import current_workspace
from guanxi.web.views import handover_bulk
from guanxi.web.views.common import require, scope
from guanxi.web.views.entry import is_htmx, show_service_errors, suggestions

PAGE_SIZE = 50
STATUSES = ("open", "done", "all")
STRENGTHS = (("weak", 20), ("medium", 50), ("strong", 80))
#: Show an account in the leaving confirmation when this share of its score rests on them.
SHARE_SHOWN = 0.1
#: up to this many colleagues, the successor is picked from a list of all of them; beyond,
#: from a search field that suggests the best-placed colleagues and finds anyone by name
PICKER_LIMIT = 60
#: how many of each suggested group (knows the contact, knows people at the account) are shown
SUGGESTED = 12


class TaskForm(forms.Form):
    """One task row's post: successor (interchange id), owner (user id), strength, note."""

    successor = forms.CharField(required=False)
    owner = forms.CharField(required=False)
    strength = forms.CharField(required=False)
    note = forms.CharField(required=False, max_length=2000)

    def clean_successor(self) -> Person | None:
        """The chosen person (any: the service says why one cannot take over), or None."""
        value = self.cleaned_data["successor"].strip()
        if not value:
            return None
        found = Person.objects.select_related("organisation").filter(ext_id=value).first()
        if found is None:
            raise ValidationError(_("Unknown person: %(id)s.") % {"id": value})
        return found

    def clean_owner(self) -> Any:
        """The chosen login user, or None."""
        value = self.cleaned_data["owner"].strip()
        owner = get_user_model().objects.filter(pk=value).first() if value.isdigit() else None
        if value and owner is None:
            raise ValidationError(_("Unknown user."))
        return owner

    def clean_strength(self) -> int:
        """A number 0–100 or a strength word; weak when left empty."""
        value = self.cleaned_data["strength"].strip()
        if not value:
            return services.DEFAULT_STRENGTH
        try:
            return parse_strength(value)
        except ValueError:
            raise ValidationError(
                _("Give a number from 0 to 100, or strong, medium or weak.")
            ) from None


class Board:
    """What the warm workspace says about a colleague's contacts: importance, centres, the
    account's score and our closeness without them; and who could take each contact over."""

    def __init__(self, ws: Workspace, person: Person | None = None) -> None:
        self.ws = ws
        self.ours = side_scores(ws, ws.own) if ws.own >= 0 else None
        n_org = len(ws.org_ids)
        self.scores = account_scores(ws, self.ours) if self.ours else np.zeros(n_org)
        self.link_org = ws.person_org[self.ours.link_p] if self.ours else np.zeros(0, int)
        self.m = ws.person_index.get(person.ext_id) if person is not None else None
        self.without: dict[int, float] = {}
        self._by_id: dict[str, Person] | None = None
        if self.ours is not None and self.m is not None and ws.active[self.m]:
            # Still active: the scores count them, so take their ties out here.
            sel = np.flatnonzero(self.ours.link_e == self.m)
            values = self.ours.closeness_without(sel)
            self.without = dict(zip(self.ours.link_p[sel].tolist(), values.tolist(), strict=True))

    def row(self, contact: Person, *, strength: float | None, task: Handover | None) -> dict:
        """One contact's facts for the tables (contact with `organisation` loaded)."""
        ws = self.ws
        p = ws.person_index.get(contact.ext_id)
        o = ws.org_index.get(contact.organisation.ext_id)
        score = float(self.scores[o]) if o is not None else 0.0
        closeness = 0.0
        if p is not None and self.ours is not None:
            closeness = self.without.get(p, float(self.ours.closeness[p]))
        return {
            "task": task,
            "contact": contact,
            "account": contact.organisation,
            "score": score,
            "level": ws.settings.level(score),
            "importance": float(ws.importance[p]) if p is not None else 0.0,
            "power_centre": p is not None and bool(ws.power_centre[p]),
            "influence_centre": p is not None and bool(ws.influence_centre[p]),
            "strength": strength,
            "closeness": closeness,
        }

    def candidates(
        self, contact: Person, colleagues: list[Person], *, everyone: bool = True
    ) -> list[dict]:
        """Our active people in three groups: who knows the contact (strongest first), who
        knows someone at the contact's account (most people first), everyone else; without
        `everyone`, only the first two groups, SUGGESTED of each (a search finds the rest)."""
        ws, ours = self.ws, self.ours
        p = ws.person_index.get(contact.ext_id)
        o = ws.org_index.get(contact.organisation.ext_id)
        direct: dict[int, float] = {}
        known: Counter[int] = Counter()
        if ours is not None and p is not None:
            hit = ours.link_p == p
            direct = dict(zip(ours.link_e[hit].tolist(), ours.link_s[hit].tolist(), strict=True))
            known = Counter(ours.link_e[self.link_org == o].tolist())
        if not everyone:
            return self._suggested(direct, known, colleagues)
        groups: dict[str, list[dict]] = {"direct": [], "account": [], "rest": []}
        for c in colleagues:
            i = ws.person_index.get(c.ext_id, -1)
            entry = {"person": c, "strength": direct.get(i), "known": known.get(i, 0)}
            key = "direct" if i in direct else "account" if entry["known"] else "rest"
            groups[key].append(entry)
        groups["direct"].sort(key=lambda e: -e["strength"])
        groups["account"].sort(key=lambda e: -e["known"])
        return [{"kind": k, "people": v} for k, v in groups.items() if v]

    def _suggested(
        self, direct: dict[int, float], known: Counter[int], colleagues: list[Person]
    ) -> list[dict]:
        """The best-placed colleagues only: a task costs its contact's ties, not a pass over
        every colleague."""
        if self._by_id is None:
            self._by_id = {c.ext_id: c for c in colleagues}
        ids, by_id = self.ws.person_ids, self._by_id
        strongest = sorted(direct.items(), key=lambda kv: (-kv[1], kv[0]))
        most = sorted(((i, k) for i, k in known.items() if i not in direct), key=lambda x: -x[1])
        first = [
            {"person": by_id[ids[i]], "strength": s, "known": known.get(i, 0)}
            for i, s in strongest
            if ids[i] in by_id
        ]
        second = [
            {"person": by_id[ids[i]], "strength": None, "known": k}
            for i, k in most
            if ids[i] in by_id
        ]
        groups = [("direct", first[:SUGGESTED]), ("account", second[:SUGGESTED])]
        return [{"kind": k, "people": v} for k, v in groups if v]


def _sorted(rows: list[dict]) -> list[dict]:
    """Open tasks (or untasked contacts) first, then the most important contact first."""
    return sorted(
        rows,
        key=lambda r: (
            r["task"] is not None and r["task"].status == HandoverStatus.DONE,
            -round(r["importance"], 9),
            -(r["strength"] or 0),
            r["contact"].ext_id,
        ),
    )


def _held(held: dict[int, services.Held], pk: int) -> float | None:
    """The strength of one held relationship (None once it no longer counts)."""
    return held[pk].strength if pk in held else None


def _strengths(person: Person) -> dict[int, float]:
    """The person's relationship strength today with each customer contact, by its key."""
    return {k: held.strength for k, held in services.relationships_of(person).items()}


def _visible(request: HttpRequest) -> Any:
    """Hand-over tasks the user may see (the permission choke point)."""
    return restrict(request.user, Handover.objects.all())


def _tasks(request: HttpRequest) -> Any:
    """Visible hand-over tasks with what the rows show loaded."""
    return _visible(request).select_related(
        "departed", "contact__organisation", "successor", "owner"
    )


def _colleague_pool(request: HttpRequest) -> Any:
    """Our active people the user may see: the successors one may choose."""
    own = Person.objects.filter(organisation__kind=OrgKind.OWN, status=PersonStatus.ACTIVE)
    return restrict(request.user, own)


def _colleagues(request: HttpRequest) -> list[Person]:
    """The successors one may choose, by name."""
    return list(_colleague_pool(request).only("ext_id", "name", "title").order_by("name"))


def _decorate(request: HttpRequest, row: dict, board: Board, colleagues: list[Person]) -> dict:
    """An open task row's select options and chosen values (the posted ones after an error)."""
    task = row["task"]
    if task is None or task.status != HandoverStatus.OPEN:
        return row
    form = row.get("form")
    data = form.data if form is not None else {}
    row["search"] = len(colleagues) > PICKER_LIMIT
    row["groups"] = board.candidates(row["contact"], colleagues, everyone=not row["search"])
    row["successor_id"] = data.get("successor", task.successor.ext_id if task.successor else "")
    default_owner = task.owner_id or request.user.pk
    row["owner_id"] = str(data.get("owner", default_owner))
    row["strength_word"] = data.get("strength", "weak")
    return row


def _person_rows(request: HttpRequest, person: Person, board: Board) -> dict[str, Any]:
    """The page's rows (tasks, or the relationships themselves when there are none) and counts."""
    held = services.relationships_of(person)
    tasks = list(_tasks(request).filter(departed=person))
    rows = [board.row(t.contact, strength=_held(held, t.contact_id), task=t) for t in tasks]
    tasked = {t.contact_id for t in tasks}
    untasked = [h.contact for k, h in held.items() if k not in tasked]
    if not tasks:
        rows = [board.row(c, strength=_held(held, c.pk), task=None) for c in untasked]
    colleagues = _colleagues(request)
    return {
        "rows": [_decorate(request, r, board, colleagues) for r in _sorted(rows)],
        "counts": _counts(_visible(request).filter(departed=person), missing=len(untasked)),
    }


def _counts(tasks: Any, *, missing: int = 0) -> dict[str, int]:
    """Open, open without a successor, done, and relationships without a task."""
    states = list(tasks.values_list("status", "successor_id"))
    open_ = [s for s in states if s[0] == HandoverStatus.OPEN]
    return {
        "open": len(open_),
        "unassigned": sum(1 for s in open_ if s[1] is None),
        "done": len(states) - len(open_),
        "missing": missing,
    }


def _counts_of(request: HttpRequest, person: Person) -> dict[str, Any]:
    """The counts of one person's page (after a task changed in place)."""
    tasks = _visible(request).filter(departed=person)
    strengths = _strengths(person)
    missing = len(set(strengths) - set(tasks.values_list("contact_id", flat=True)))
    return {"counts": _counts(tasks, missing=missing)}


def _leaving(board: Board, person: Person, relationships: int) -> dict[str, Any]:
    """What marking an active colleague as left takes away: their customer relationships and
    the accounts whose score rests on them (MODEL.md's concentration), largest share first."""
    ws, ours = board.ws, board.ours
    accounts = []
    if ours is not None and board.m is not None and ws.active[board.m]:
        rows, emp, share = concentration(ws, ours, board.scores)
        for o, s in zip(rows[emp == board.m].tolist(), share[emp == board.m].tolist(), strict=True):
            if s >= SHARE_SHOWN:
                score = float(board.scores[o])
                accounts.append(
                    {
                        "id": ws.org_ids[o],
                        "name": ws.org_names[o],
                        "share": s,
                        "score": score,
                        "after": score * (1 - s),
                        "at_risk": s >= 0.5,
                    }
                )
    accounts.sort(key=lambda a: (-round(a["share"], 9), a["id"]))
    return {"person": person, "relationships": relationships, "accounts": accounts}


def _act(request: HttpRequest, person: Person) -> HttpResponse:
    """POST on a person's page: `create` tasks, `assign` a successor, `complete` a task."""
    action = request.POST.get("action", "")
    if action == "create":
        if person.status != PersonStatus.LEFT:
            messages.error(request, _("Mark them as left from their employee page first."))
        else:
            made = services.mark_departed(person, actor=request.user)
            messages.success(
                request,
                ngettext(
                    "%(n)d hand-over task created.", "%(n)d hand-over tasks created.", len(made)
                )
                % {"n": len(made)},
            )
        return redirect("web:handover", person.ext_id)
    if action == "assign_all":
        pool, owners = _colleague_pool(request), list(services.task_owners())
        return handover_bulk.assign_all(request, person, pool=pool, owners=owners)
    if action not in ("assign", "complete"):
        return HttpResponse(_("Unknown action."), status=400)
    task_id = request.POST.get("task", "")
    task = get_object_or_404(
        _tasks(request), pk=task_id if task_id.isdigit() else 0, departed=person
    )
    form = TaskForm(request.POST)
    saved = _apply(request, action, task, form)
    if not is_htmx(request):
        if saved:
            messages.success(request, saved)
        else:
            messages.error(request, " ".join(str(m) for ms in form.errors.values() for m in ms))
        return redirect(f"{request.path}#contact-{task.contact.ext_id}")
    return _row_response(request, person, task.pk, form=form if not saved else None, saved=saved)


def _apply(request: HttpRequest, action: str, task: Handover, form: TaskForm) -> str:
    """Run the services for one task's post; the success message, or '' with form errors."""
    if not form.is_valid():
        return ""
    successor, owner = form.cleaned_data["successor"], form.cleaned_data["owner"]
    note = form.cleaned_data["note"] or None
    try:
        changed = (successor, owner) != (task.successor, task.owner)
        if action == "assign" or changed:
            services.assign_successor(
                task, successor=successor, owner=owner, actor=request.user, note=note
            )
        if action == "complete":
            services.complete(
                task, actor=request.user, strength=form.cleaned_data["strength"], note=note
            )
            return _("Done: %(successor)s now holds the relationship with %(contact)s.") % {
                "successor": task.successor,
                "contact": task.contact,
            }
    except ValidationError as exc:
        show_service_errors(form, exc)
        task.refresh_from_db()
        return ""
    return _("Saved: %(successor)s takes over %(contact)s.") % {
        "successor": task.successor,
        "contact": task.contact,
    }


def _row_response(
    request: HttpRequest, person: Person, pk: int, *, form: TaskForm | None, saved: str
) -> HttpResponse:
    """One task's row (errors in place, or the saved state); a change tells the page's counts
    to reload (an `HX-Trigger` event)."""
    task = _tasks(request).get(pk=pk)
    board = Board(current_workspace(), person)
    row = board.row(task.contact, strength=_strengths(person).get(task.contact_id), task=task)
    row["form"], row["saved"] = form, saved
    _decorate(request, row, board, _colleagues(request))
    context = {"row": row, "person": person, **_choices()}
    response = render(request, "web/partials/handover_row.html", context)
    if saved:
        response["HX-Trigger"] = "handover-changed"
    return response


def _choices() -> dict[str, Any]:
    """What every task form offers: the owners one may pick and the strength words."""
    return {"owners": list(services.task_owners()), "strengths": STRENGTHS}


@login_required
def handover_person(request: HttpRequest, person_id: str) -> HttpResponse:
    """A departed (or leaving) colleague's relationships and their hand-over tasks."""
    require(scope(request).everything)
    person = get_object_or_404(
        restrict(request.user, Person.objects.select_related("organisation")),
        ext_id=person_id,
        organisation__kind=OrgKind.OWN,
    )
    if request.method == "POST":
        return _act(request, person)
    if request.GET.get("suggest") == "successor":
        return suggestions(request, _colleague_pool(request))
    if request.GET.get("part") == "counts":
        return render(
            request,
            "web/partials/handover_counts.html",
            {"person": person, **_counts_of(request, person)},
        )
    board = Board(current_workspace(), person)
    context = {"person": person, "left": person.status == PersonStatus.LEFT}
    context.update(_person_rows(request, person, board))
    if not context["left"]:
        context["leaving"] = _leaving(board, person, len(context["rows"]))
        if is_htmx(request) and request.GET.get("confirm") == "leave":
            return render(request, "web/partials/handover_confirm_drawer.html", context)
    context.update(_choices())
    if context["left"]:
        context["bulk"] = handover_bulk.bulk_form(
            request, person, pool=_colleague_pool(request), owners=context["owners"]
        )
    return render(request, "web/handover_person.html", context)


def _owner_filter(request: HttpRequest, tasks: Any) -> tuple[str, Any]:
    """The owner filter (mine by default; all, nobody, or one owner's id) and the tasks it keeps."""
    owner = request.GET.get("owner", "mine")
    if owner == "mine":
        return owner, tasks.filter(owner=request.user)
    if owner == "none":
        return owner, tasks.filter(owner__isnull=True)
    if owner.isdigit():
        return owner, tasks.filter(owner_id=int(owner))
    return "all", tasks


def open_summary(request: HttpRequest, ws: Workspace, *, limit: int = 5) -> dict[str, Any]:
    """The dashboard's card: open tasks (all, mine, without successor) and the `limit` whose
    contacts matter most."""
    board = Board(ws)
    tasks = _tasks(request).filter(status=HandoverStatus.OPEN)
    rows = _sorted([board.row(t.contact, strength=None, task=t) for t in tasks])
    return {
        "count": len(rows),
        "mine": sum(1 for r in rows if r["task"].owner_id == request.user.pk),
        "unassigned": sum(1 for r in rows if r["task"].successor_id is None),
        "top": rows[:limit],
    }


@login_required
def handover_list(request: HttpRequest) -> HttpResponse:
    """Every hand-over task, filtered by owner (mine by default) and status (open by default),
    the most important contact first, with counts and each departed colleague's progress."""
    require(scope(request).everything)
    owner, tasks = _owner_filter(request, _tasks(request))
    status = request.GET.get("status", "open")
    status = status if status in STATUSES else "open"
    if status != "all":
        tasks = tasks.filter(status=status)
    board = Board(current_workspace())
    rows = _sorted([board.row(t.contact, strength=None, task=t) for t in tasks])
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    visible = _visible(request)
    people: dict[str, dict[str, Any]] = {}
    progress = visible.values_list("departed__ext_id", "departed__name", "status")
    for ext_id, name, state, n in progress.annotate(n=Count("pk")).order_by("departed__name"):
        entry = people.setdefault(ext_id, {"id": ext_id, "name": name, "open": 0, "done": 0})
        entry["open" if state == HandoverStatus.OPEN else "done"] += n
    context = {
        "page": page,
        "shown": len(rows),
        "owner": owner,
        "status": status,
        "owners": list(services.task_owners()),
        "counts": _counts(visible),
        "mine_open": visible.filter(status=HandoverStatus.OPEN, owner=request.user).count(),
        "people": list(people.values()),
    }
    if is_htmx(request) and request.headers.get("HX-Target") == "handover-results":
        return render(request, "web/partials/handover_list_results.html", context)
    return render(request, "web/handover_list.html", context)
