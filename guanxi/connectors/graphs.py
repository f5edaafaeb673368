"""GraphML and GEXF of an account or the whole workspace, for Gephi and yEd (networkx's
writers): people as nodes, ties as edges, as the user may see them."""

from __future__ import annotations

import io
from typing import Any

import networkx as nx
from django.db.models import Q
from django.utils.translation import gettext as _

from guanxi.access.permissions import restrict
from guanxi.core import audit
from guanxi.core.choices import AuditAction
from guanxi.people.models import Organisation, Person, Tie

FORMATS = ("graphml", "gexf")


class GraphExportError(Exception):
    """An unknown account or format: said in plain words."""


def _visible(user: Any, queryset):
    """All of it for the command line (user None), else what the choke point shows."""
    return queryset if user is None else restrict(user, queryset)


def workspace_graph(user: Any, *, account: str | None = None) -> nx.MultiDiGraph:
    """The people (of `account` and everyone tied to them, or all) and their ties."""
    people = _visible(user, Person.objects.all())
    ties = _visible(user, Tie.objects.all())
    if account is not None:
        org = _visible(user, Organisation.objects.filter(ext_id=account)).first()
        if org is None:
            raise GraphExportError(_("unknown account '%(id)s'") % {"id": account})
        ties = ties.filter(Q(source__organisation=org) | Q(target__organisation=org))
    graph = nx.MultiDiGraph(name=account or "workspace")
    rows = people.values_list(
        "pk", "ext_id", "name", "title", "status", "organisation__name", "organisation__kind"
    )
    if account is not None:
        wanted = set(ties.values_list("source_id", flat=True)) | set(
            ties.values_list("target_id", flat=True)
        )
        rows = rows.filter(Q(organisation__ext_id=account) | Q(pk__in=wanted))
    ids = {}
    for pk, ext, name, title, status, org, kind in rows.order_by("ext_id"):
        ids[pk] = ext
        graph.add_node(ext, label=name, title=title, status=status, organisation=org, side=kind)
    for s, t, kind, strength in ties.values_list("source_id", "target_id", "kind", "strength"):
        if s in ids and t in ids:
            weight = float(strength) if strength is not None else 0.0
            graph.add_edge(ids[s], ids[t], key=kind, kind=kind, label=kind, weight=weight)
    return graph


def export_graph(user: Any, *, format: str, account: str | None = None, actor: Any = None) -> bytes:
    """The graph as GraphML or GEXF bytes (the export is audited)."""
    if format not in FORMATS:
        raise GraphExportError(
            _("unknown graph format '%(format)s'; use graphml or gexf") % {"format": format}
        )
    graph = workspace_graph(user, account=account)
    buffer = io.BytesIO()
    if format == "graphml":
        nx.write_graphml(graph, buffer, encoding="utf-8")
    else:
        nx.write_gexf(graph, buffer, encoding="utf-8")
    audit.record(
        actor=actor if actor is not None else user,
        action=AuditAction.EXPORT,
        object_type="graph",
        object_id=account or "workspace",
        summary=f"{format} of {account or 'the workspace'}: "
        f"{graph.number_of_nodes()} people, {graph.number_of_edges()} ties",
    )
    return buffer.getvalue()
