"""Relationships that keep themselves current: the last contact of every declared
relationship the user may see, which have gone stale, and reconfirming one in a click."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q

from guanxi.access.permissions import restrict
from guanxi.analytics.staleness import is_stale, last_contacts
from guanxi.core.services import save_audited
from guanxi.people.choices import PersonStatus, TieKind
from guanxi.people.models import Participation, Person, Tie

#: the two sides a person's own last contact is counted against (ours / everyone else)
OURS, THEIRS = "@ours", "@theirs"
#: people above which their interactions are read in chunks
MANY = 1000


@dataclass(frozen=True)
class Freshness:
    """One declared relationship, its last contact and whether it is stale."""

    tie_id: int
    source_id: str
    source_name: str
    target_id: str
    target_name: str
    strength: int
    last_contact: dt.date | None
    stale: bool


def stale_after_days() -> int:
    """The workspace's setting: days without contact after which a relationship is stale."""
    from guanxi.scoring.engine import settings_in_use

    return int(settings_in_use().stale_after_days)


def _meetings(people: Iterable[int]) -> Iterable[tuple[dt.date, list[int], list[str]]]:
    """(date, participants, their organisation kinds) of every interaction of more than one
    person that any of `people` took part in (pass the fewest people every wanted pair has
    one of: one of our people takes part in thousands of interactions)."""
    people = list(people)
    many = len(people) > MANY
    involved: Any = Participation.objects.filter(person_id__in=people).values("interaction_id")
    if not many:
        # a page's few interactions by their keys: planned as a subquery, PostgreSQL took
        # 20 s in a test whose fresh tables had no statistics yet
        involved = list(involved.values_list("interaction_id", flat=True))
    rows = Participation.objects.filter(interaction_id__in=involved).values_list(
        "interaction_id", "interaction__date", "person_id", "person__organisation__kind"
    )
    grouped: dict[int, list[tuple[int, str]]] = defaultdict(list)
    dates: dict[int, dt.date] = {}
    for interaction, date, person, kind in _read(rows, many=many):
        grouped[interaction].append((person, kind))
        dates[interaction] = date
    for i, members in grouped.items():
        if len(members) > 1:
            yield dates[i], [p for p, _ in members], [k for _, k in members]


def _people_of(keys: set[int], *, everyone: bool) -> dict[int, tuple[str, str, str]]:
    """{key: (id, name, status)} of the people with those keys, or of `everyone` in one
    chunked read (when the ends are most of the table)."""
    people = Person.objects.all() if everyone else Person.objects.filter(pk__in=keys)
    rows = people.values_list("pk", "ext_id", "name", "status")
    return {pk: (ext, name, status) for pk, ext, name, status in _read(rows, many=everyone)}


def _read(rows: Any, *, many: bool) -> Iterable[Any]:
    """The rows in chunks when there may be very many (the command line's every relationship),
    else at once: on PostgreSQL a chunked read is a server-side cursor, whose round trips
    cost a page 5 ms for its few dozen rows."""
    return rows.iterator(chunk_size=10_000) if many else rows


def relationship_freshness(
    user: Any,
    *,
    today: dt.date | None = None,
    people: Iterable[str] | None = None,
    account: str | None = None,
) -> list[Freshness]:
    """Every declared relationship between active people that `user` may see (None: all),
    the stalest (never in contact, then the oldest contact) first; only those of `people`
    (ids) or of the people of `account` (an organisation id) when given."""
    today = today or dt.date.today()
    limit = stale_after_days()
    declared = Tie.objects.filter(kind=TieKind.RELATIONSHIP, strength__gt=0)
    anchors: list[int] | None = None  # people every wanted relationship has an end among
    # The people's keys first: an OR over the two ends' own columns uses their indexes,
    # where an OR across joined tables reads every tie (seconds at a million ties).
    if people is not None:
        anchors = list(Person.objects.filter(ext_id__in=list(people)).values_list("pk", flat=True))
        declared = declared.filter(Q(source_id__in=anchors) | Q(target_id__in=anchors))
    if account is not None:
        members = Person.objects.filter(organisation__ext_id=account)
        anchors = list(members.values_list("pk", flat=True))
        declared = declared.filter(Q(source_id__in=anchors) | Q(target_id__in=anchors))
    # None is the command line's reader, who has the database; a login sees its scope
    found_ties = list(
        (declared if user is None else restrict(user, declared)).values_list(
            "pk", "source_id", "target_id", "strength", "last_confirmed"
        )
    )
    # The ends' names and status by their keys, not joined to every tie: joined, a planner
    # that overestimates the ties hashes the whole people table (15–30 ms on PostgreSQL
    # with its default costs, for an account's few hundred ties).
    ends = _people_of(
        {t[1] for t in found_ties} | {t[2] for t in found_ties}, everyone=anchors is None
    )
    active = PersonStatus.ACTIVE
    ties = [
        (pk, s, ends[s][0], ends[s][1], t, ends[t][0], ends[t][1], strength, confirmed)
        for pk, s, t, strength, confirmed in found_ties
        if ends[s][2] == active and ends[t][2] == active
    ]
    # every pair has an end among the anchors, so their interactions hold every shared one
    involved = {t[1] for t in ties} | {t[4] for t in ties}
    if anchors is not None:
        involved &= set(anchors)
    last = last_contacts(
        ((str(t[1]), str(t[4]), t[8]) for t in ties),
        ((date, [str(p) for p in ps]) for date, ps, _ in _meetings(involved)),
        today,
    )
    found = []
    for pk, s, s_ext, s_name, t, t_ext, t_name, strength, _ in ties:
        a, b = sorted((str(s), str(t)))
        contact = last[(a, b)]
        found.append(
            Freshness(pk, s_ext, s_name, t_ext, t_name, strength, contact,
                      is_stale(contact, today, limit))
        )  # fmt: skip
    found.sort(key=lambda f: (f.last_contact is not None, f.last_contact or today, f.tie_id))
    return found


def people_last_contact(
    people: Iterable[str], *, today: dt.date | None = None
) -> dict[str, dt.date | None]:
    """{person id: their last contact across the line}: for one of ours, the latest shared
    interaction with or confirmed relationship to anyone outside our company; for anyone
    else, the same with one of ours. The pairs' own rule (`last_contacts`), with each side
    of the line counted as one party."""
    today = today or dt.date.today()
    rows = list(
        Person.objects.filter(ext_id__in=list(people)).values_list(
            "pk", "ext_id", "organisation__kind"
        )
    )
    if not rows:
        return {}
    other = {pk: (THEIRS if kind == "own" else OURS) for pk, _, kind in rows}
    confirmed: dict[int, dt.date] = {}
    declared = Tie.objects.filter(kind=TieKind.RELATIONSHIP, strength__gt=0).filter(
        Q(source_id__in=list(other)) | Q(target_id__in=list(other))
    )
    ties = list(
        declared.exclude(last_confirmed=None).values_list(
            "source_id", "target_id", "last_confirmed"
        )
    )
    # the other ends' organisation kinds by their keys (see relationship_freshness)
    kind_of = {pk: kind for pk, _, kind in rows}
    unknown = ({s for s, _, _ in ties} | {t for _, t, _ in ties}) - kind_of.keys()
    kind_of.update(Person.objects.filter(pk__in=unknown).values_list("pk", "organisation__kind"))
    for s, t, date in ties:
        for me, them in ((s, kind_of[t]), (t, kind_of[s])):
            if me in other and (them == "own") == (other[me] == OURS):
                confirmed[me] = max(date, confirmed.get(me, date))

    def sides(members: list[int], kinds: list[str]) -> list[str]:
        return [str(p) for p in members] + [OURS if k == "own" else THEIRS for k in kinds]

    last = last_contacts(
        ((str(pk), side, confirmed.get(pk)) for pk, side in other.items()),
        ((date, sides(ps, kinds)) for date, ps, kinds in _meetings(list(other))),
        today,
    )
    return {ext: last[tuple(sorted((str(pk), other[pk])))] for pk, ext, _ in rows}


def pairs_last_contact(
    pairs: Iterable[tuple[str, str]], *, today: dt.date | None = None
) -> dict[tuple[str, str], dt.date | None]:
    """{(id, id) sorted: last contact} of pairs of people, declared relationships or not (a
    tie known from interactions alone): the same rule, with the confirmation of a declared
    relationship between them where there is one."""
    today = today or dt.date.today()
    wanted = {(a, b) if a <= b else (b, a) for a, b in pairs}
    pk_of = dict(
        Person.objects.filter(ext_id__in={x for p in wanted for x in p}).values_list("ext_id", "pk")
    )
    known = {(a, b): (str(pk_of[a]), str(pk_of[b])) for a, b in wanted if a in pk_of and b in pk_of}
    confirmed: dict[frozenset[str], dt.date] = {}
    declared = Tie.objects.filter(
        kind=TieKind.RELATIONSHIP, source_id__in=pk_of.values(), target_id__in=pk_of.values()
    ).exclude(last_confirmed=None)
    for s, t, date in declared.values_list("source_id", "target_id", "last_confirmed"):
        key = frozenset((str(s), str(t)))
        confirmed[key] = max(date, confirmed.get(key, date))
    last = last_contacts(
        ((a, b, confirmed.get(frozenset((a, b)))) for a, b in known.values()),
        ((date, [str(p) for p in ps]) for date, ps, _ in _meetings(list(pk_of.values()))),
        today,
    )
    return {pair: last[(a, b) if a <= b else (b, a)] for pair, (a, b) in known.items()}


@transaction.atomic
def reconfirm_relationship(*, tie: Tie, actor: Any) -> Tie:
    """Record that a relationship still holds today (its last confirmation), audited."""
    tie = Tie.objects.select_for_update().get(pk=tie.pk)
    tie.last_confirmed = dt.date.today()
    return save_audited(tie, actor=actor, summary=f"{tie} reconfirmed")
