"""Small factories for people-app records (saved directly: tests of services use services)."""

from __future__ import annotations

import itertools

from guanxi.people.models import Organisation, Person, Tie

_seq = itertools.count(1)


def org(kind: str = "customer", name: str | None = None, **fields) -> Organisation:
    n = next(_seq)
    return Organisation.objects.create(
        ext_id=fields.pop("ext_id", f"org-{n}"), name=name or f"Org {n}", kind=kind, **fields
    )


def person(organisation: Organisation, name: str | None = None, **fields) -> Person:
    n = next(_seq)
    return Person.objects.create(
        ext_id=fields.pop("ext_id", f"p-{n}"),
        organisation=organisation,
        name=name or f"Person {n}",
        **fields,
    )


def tie(source: Person, target: Person, kind: str = "influence", strength: int | None = 50) -> Tie:
    if kind == "relationship" and source.pk > target.pk:
        source, target = target, source
    return Tie.objects.create(source=source, target=target, kind=kind, strength=strength)
