"""Data entry: people, ties, interactions, deals and decision roles.

Each view renders its form into the page's drawer (htmx) or as a page of its own, validates
with a Django form, writes through the service with `actor=request.user`, and puts the
service's ValidationError messages on the fields they name. On success an htmx request gets
`HX-Refresh: true` (the page reloads, so the scores on it follow); a plain post a redirect.
Who may touch what is the permission choke point's `restrict(user, qs, "change")`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from guanxi.access import facade
from guanxi.access.permissions import CHANGE, restrict
from guanxi.access.services import add_user
from guanxi.deals.forms import STAGES, DealForm, DealRoleForm
from guanxi.deals.models import Deal, DealRole
from guanxi.deals.services import save_deal, save_deal_role
from guanxi.people.choices import STRENGTH_WORDS, OrgKind, PersonStatus
from guanxi.people.forms import InteractionForm, PersonField, PersonForm, TieForm
from guanxi.people.models import Organisation, Person
from guanxi.people.names import name_key
from guanxi.people.org_picker import org_fields, suggested_organisations
from guanxi.people.pinyin import spelling_of, stored_rank
from guanxi.people.services import (
    record_tie,
    save_interaction,
    save_organisation,
    save_person_and_manager,
)
from guanxi.web.forms_admin import OrganisationForm, UserForm
from guanxi.web.views.common import refuse, require, scope

SUGGESTIONS = 20


def is_htmx(request: HttpRequest) -> bool:
    """True for a request htmx made (the form lives in the drawer)."""
    return request.headers.get("HX-Request") == "true"


def done(request: HttpRequest, fallback: str) -> HttpResponse:
    """After a successful write: reload the page under the drawer, or go to `next`/fallback."""
    if is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return redirect(target if target and safe else fallback)


def show_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the fields it names (the rest above the form)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def render_form(
    request: HttpRequest, form: forms.BaseForm, *, title: str, intro: str = "", **extra: Any
) -> HttpResponse:
    """The form in the drawer (htmx) or on a page of its own; 422-free: errors are a 200."""
    for name, field in form.fields.items():
        if isinstance(field, PersonField) and not field.disabled:
            field.widget.suggest_url = f"{request.path}?suggest={name}"
    context = {
        "form": form,
        "title": title,
        "intro": intro,
        "action": request.get_full_path(),
        "htmx": is_htmx(request),
        "next": request.GET.get("next", ""),
        **extra,
    }
    template = (
        "web/partials/form_drawer.html" if is_htmx(request) else "web/partials/form_page.html"
    )
    return render(request, template, context)


def _suggestion_key(person: Person, typed: str) -> tuple[Any, ...]:
    """Best name match first, a Chinese name spelled in pinyin ranking as its name would."""
    key = name_key(person.name, typed)
    by_pinyin = stored_rank(spelling_of(person), typed)
    return (min(key[0], by_pinyin), *key[1:])


def suggestions(request: HttpRequest, pool: QuerySet[Person]) -> HttpResponse:
    """People of `pool` matching what was typed, as datalist options (or add buttons)."""
    field = request.GET.get("suggest", "")
    typed = _typed(request, field, request.GET.get(field) or "")
    people: list[Person] = []
    if typed:
        by_pinyin = facade.pinyin_matches(typed, most=SUGGESTIONS * 5)
        people = list(
            pool.filter(
                Q(name__icontains=typed)
                | Q(title__icontains=typed)
                | Q(ext_id=typed)
                | Q(ext_id__in=by_pinyin)
            )
            .select_related("organisation")
            .order_by("name")[: SUGGESTIONS * 5]
        )
        people = sorted(people, key=lambda p: _suggestion_key(p, typed))[:SUGGESTIONS]
    context = {"people": people, "pick": f"{field}__text" in request.GET}
    return render(request, "web/partials/form_suggest.html", context)


def _typed(request: HttpRequest, field: str, fallback: str = "") -> str:
    """What was typed into a suggestion field (?q=, else ?FIELD__text=, else `fallback`): at
    most 100 characters, without NUL bytes, which no name holds and PostgreSQL refuses."""
    typed = request.GET.get("q") or request.GET.get(f"{field}__text") or fallback
    return typed.replace("\x00", "").strip()[:100]


def org_suggestions(request: HttpRequest, form: forms.BaseForm) -> HttpResponse | None:
    """Suggestions for one of the form's organisation pickers (?suggest=NAME), else None."""
    name = request.GET.get("suggest", "")
    field = org_fields(form).get(name)
    if field is None:
        return None
    typed = _typed(request, name)
    pool = field.offered if field.offered is not None else field.queryset
    context = {"orgs": suggested_organisations(pool, typed)}
    return render(request, "web/partials/org_suggest.html", context)


def _writer(request: HttpRequest) -> Any:
    """The user, after checking they may record anything at all (viewers may not)."""
    require(scope(request).writes)
    return request.user


@login_required
def person_form(request: HttpRequest, person_id: str | None = None) -> HttpResponse:
    """Add a person (organisation from ?org=) or edit one the user may change."""
    user = _writer(request)
    if request.GET.get("suggest"):
        picked = org_suggestions(request, PersonForm(instance=Person(), user=user))
        return picked or suggestions(request, restrict(user, Person.objects.all()))
    initial: dict[str, Any] = {}
    if person_id is not None:
        person = restrict(user, Person.objects.all(), CHANGE).filter(ext_id=person_id).first()
        if person is None:
            refuse(user, Person.objects.filter(ext_id=person_id), _("No such person."))
    else:
        orgs = restrict(user, Organisation.objects.all(), CHANGE)
        require(orgs.exists())
        person = Person()
        org_id = request.GET.get("org", "")
        if org_id and not orgs.filter(ext_id=org_id).exists():
            refuse(user, Organisation.objects.filter(ext_id=org_id), _("No such organisation."))
        if org_id:
            initial["organisation"] = org_id
    form = PersonForm(request.POST or None, instance=person, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_person_and_manager(
                form.instance, manager=form.cleaned_data.get("reports_to"), actor=user
            )
        except ValidationError as exc:
            show_service_errors(form, exc)
        else:
            return done(request, reverse("web:person", args=[saved.ext_id]))
    title = _("Edit %(name)s") % {"name": person.name} if person.pk else _("Add a person")
    return render_form(request, form, title=title)


@login_required
def tie_form(request: HttpRequest) -> HttpResponse:
    """Record a tie between two people (?source=, ?target=, ?kind= preselect)."""
    user = _writer(request)
    if request.GET.get("suggest"):
        return suggestions(request, restrict(user, Person.objects.all()))
    own = scope(request).person_id
    own_id = Person.objects.filter(pk=own).values_list("ext_id", flat=True).first() if own else ""
    initial = {
        "source": request.GET.get("source") or own_id or "",
        "target": request.GET.get("target", ""),
        "kind": request.GET.get("kind") or "relationship",
    }
    form = TieForm(request.POST or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            tie = record_tie(
                source=data["source"],
                target=data["target"],
                kind=data["kind"],
                strength=data["strength"],
                since=data["since"],
                notes=data["notes"],
                actor=user,
            )
        except ValidationError as exc:
            show_service_errors(form, exc)
        else:
            return done(request, reverse("web:person", args=[tie.target.ext_id]))
    known = _named(initial["source"], initial["target"], user=user)
    return render_form(
        request,
        form,
        title=_("Record a relationship"),
        intro=_("Who knows or influences whom, and how strongly."),
        strength_words=STRENGTH_WORDS,
        known=known,
    )


def _named(*ids: str, user: Any) -> list[Person]:
    """The visible people among `ids` (to name the preselected people above the form)."""
    wanted = [i for i in ids if i]
    if not wanted:
        return []
    people = restrict(user, Person.objects.select_related("organisation")).filter(ext_id__in=wanted)
    by_id = {p.ext_id: p for p in people}
    return [by_id[i] for i in dict.fromkeys(wanted) if i in by_id]


@login_required
def interaction_form(request: HttpRequest) -> HttpResponse:
    """Record a meeting, meal, call... with its participants (?person= preselects one)."""
    user = _writer(request)
    if request.GET.get("suggest"):
        return suggestions(request, restrict(user, Person.objects.all()))
    own = scope(request).person_id
    first = [Person.objects.filter(pk=own).values_list("ext_id", flat=True).first()] if own else []
    ids = [i for i in [*first, request.GET.get("person", "")] if i]
    form = InteractionForm(
        request.POST or None, user=user, initial={"participants": ", ".join(dict.fromkeys(ids))}
    )
    if request.method == "POST" and form.is_valid():
        people = form.cleaned_data["participants"]
        try:
            save_interaction(form.new_interaction(), participants=people, actor=user)
        except ValidationError as exc:
            show_service_errors(form, exc)
        else:
            return done(request, reverse("web:person", args=[people[-1].ext_id]))
    return render_form(
        request,
        form,
        title=_("Record an interaction"),
        intro=_(
            "Interactions are evidence: they strengthen the relationships of those who took part."
        ),
    )


@login_required
def deal_form(request: HttpRequest, deal_id: str | None = None) -> HttpResponse:
    """Add a deal (customer from ?org=) or edit one on an account the user may change."""
    user = _writer(request)
    if request.GET.get("suggest"):
        picked = org_suggestions(request, DealForm(instance=Deal(), user=user))
        ours = Person.objects.filter(organisation__kind=OrgKind.OWN, status=PersonStatus.ACTIVE)
        return picked or suggestions(request, restrict(user, ours))
    initial: dict[str, Any] = {}
    if deal_id is not None:
        deal = restrict(user, Deal.objects.select_related("organisation"), CHANGE)
        deal = deal.filter(ext_id=deal_id).first()
        if deal is None:
            refuse(user, Deal.objects.filter(ext_id=deal_id), _("No such deal."))
    else:
        customers = restrict(user, Organisation.objects.filter(kind=OrgKind.CUSTOMER), CHANGE)
        require(customers.exists())
        deal = Deal()
        if request.GET.get("org"):
            initial["organisation"] = request.GET["org"]
    form = DealForm(request.POST or None, instance=deal, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_deal(
                form.instance, actor=user, competitors=form.cleaned_data["competitors"]
            )
        except ValidationError as exc:
            show_service_errors(form, exc)
        else:
            return done(request, reverse("web:deal", args=[saved.ext_id]))
    title = _("Edit %(name)s") % {"name": deal.name} if deal.pk else _("Add a deal")
    return render_form(request, form, title=title, stages=STAGES)


@login_required
def role_form(request: HttpRequest, deal_id: str) -> HttpResponse:
    """Put someone of the deal's customer in a decision role (?person=&role= edits one)."""
    user = _writer(request)
    deal = restrict(user, Deal.objects.select_related("organisation"), CHANGE)
    deal = deal.filter(ext_id=deal_id).first()
    if deal is None:
        refuse(user, Deal.objects.filter(ext_id=deal_id), _("No such deal."))
    if request.GET.get("suggest"):
        return suggestions(request, DealRoleForm(deal=deal, user=user).candidates)
    person_id, role_name = request.GET.get("person", ""), request.GET.get("role", "")
    role = (
        DealRole.objects.filter(deal=deal, person__ext_id=person_id, role=role_name)
        .select_related("person")
        .first()
        if person_id and role_name
        else None
    ) or DealRole(deal=deal)
    initial = {} if role.pk else {"person": person_id, "role": role_name or None}
    form = DealRoleForm(request.POST or None, instance=role, deal=deal, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            save_deal_role(form.instance, actor=user)
        except ValidationError as exc:
            show_service_errors(form, exc)
        else:
            return done(request, reverse("web:deal", args=[deal.ext_id]))
    if role.pk:
        title = _("%(person)s on %(deal)s") % {"person": role.person.name, "deal": deal.name}
    else:
        title = _("Add a role holder")
    return render_form(
        request,
        form,
        title=title,
        intro=_("Someone at %(customer)s who approves, decides, evaluates or uses.")
        % {"customer": deal.organisation.name},
    )


@login_required
def organisation_form(request: HttpRequest) -> HttpResponse:
    """Add a customer, competitor or partner (?kind= preselects); admins and managers only."""
    require(scope(request).everything)
    kind = request.GET.get("kind", OrgKind.CUSTOMER)
    if request.GET.get("suggest"):
        return org_suggestions(request, OrganisationForm()) or HttpResponse("")
    form = OrganisationForm(request.POST or None, initial={"kind": kind})
    if request.method == "POST" and form.is_valid():
        try:
            org = save_organisation(form.instance, actor=request.user)
        except ValidationError as exc:
            show_service_errors(form, exc)
        else:
            if org.kind == OrgKind.CUSTOMER:
                return done(request, reverse("web:account", args=[org.ext_id]))
            if org.kind == OrgKind.COMPETITOR:
                return done(request, reverse("web:competitor", args=[org.ext_id]))
            return done(request, reverse("web:accounts"))
    titles = {OrgKind.CUSTOMER: _("Add a customer"), OrgKind.COMPETITOR: _("Add a competitor")}
    return render_form(request, form, title=titles.get(kind, _("Add an organisation")))


@login_required
def user_form(request: HttpRequest) -> HttpResponse:
    """Add a login with its role, person and account team; admins and managers only."""
    role = scope(request).role
    require(scope(request).everything)
    if request.GET.get("suggest"):
        return suggestions(request, UserForm(actor_role=role).fields["person"].queryset)
    form = UserForm(request.POST or None, actor_role=role)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            add_user(
                username=data["username"],
                role=data["role"],
                person=data["person"],
                accounts=data["accounts"],
                password=data["password"],
                actor=request.user,
            )
        except ValidationError as exc:
            show_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s can now log in.") % {"name": data["username"]})
            return done(request, reverse("web:employees"))
    return render_form(
        request,
        form,
        title=_("Add a user"),
        intro=_("A login for a colleague: their role decides what they see and may change."),
    )
