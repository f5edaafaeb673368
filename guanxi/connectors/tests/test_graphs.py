"""GraphML and GEXF exports: what Gephi and yEd read back is the workspace's people and ties."""

from __future__ import annotations

import io

import networkx as nx
import pytest

from guanxi.access.services import add_user
from guanxi.cli import main
from guanxi.connectors.graphs import GraphExportError, export_graph
from guanxi.connectors.services import import_source
from guanxi.connectors.tests.helpers import DATA

pytestmark = pytest.mark.django_db
HARBIN = "sf:0015g00000AbCdE"


@pytest.fixture
def workspace():
    import_source(DATA / "salesforce", format="salesforce")


def test_graphml_of_an_account_holds_its_people_and_reporting_lines(workspace):
    # when Harbin Power Group is exported as GraphML and read back by networkx's reader
    graph = nx.read_graphml(io.BytesIO(export_graph(None, format="graphml", account=HARBIN)))
    # then its four people are the nodes, with names, and its reporting lines the edges
    assert sorted(graph.nodes[n]["label"] for n in graph) == [
        "Fang Wang", "Jie Chen", "Wei Zhang", "Yang Liu"
    ]  # fmt: skip
    edges = {(graph.nodes[a]["label"], graph.nodes[b]["label"], d["kind"])
             for a, b, d in graph.edges(data=True)}  # fmt: skip
    assert edges == {
        ("Fang Wang", "Wei Zhang", "reports_to"),
        ("Yang Liu", "Wei Zhang", "reports_to"),
        ("Jie Chen", "Yang Liu", "reports_to"),
    }


def test_gexf_of_the_workspace_has_every_person(workspace, tmp_path, capsys):
    # when the whole workspace is exported from the command line
    path = tmp_path / "all.gexf"
    assert main(["export", str(path), "--format", "gexf"]) == 0
    # then Gephi's format holds all eight people and the four reporting lines
    graph = nx.read_gexf(path)
    assert graph.number_of_nodes() == 8 and graph.number_of_edges() == 4


def test_an_unknown_account_is_refused_in_plain_words(workspace, capsys):
    with pytest.raises(GraphExportError, match="unknown account 'nope'"):
        export_graph(None, format="graphml", account="nope")
    assert main(["export", "x.gexf", "--format", "gexf", "--account", "nope"]) == 2
    assert "unknown account 'nope'" in capsys.readouterr().err


def test_the_download_shows_only_what_the_user_may_see(workspace, client):
    # given a sales user of Northwind only
    from guanxi.people.models import Organisation

    user = add_user(
        username="s",
        role="sales",
        actor=None,
        accounts=[Organisation.objects.get(name="Northwind Logistics")],
    )
    client.force_login(user)
    # when they download the workspace graph, and Harbin's
    whole = client.post("/export/graph/", {"format": "graphml"})
    harbin = client.post("/export/graph/", {"format": "graphml", "account": HARBIN})
    # then Harbin's people are not in it, and Harbin's graph is the 404 of an unknown id
    labels = {d["label"] for _, d in nx.read_graphml(io.BytesIO(whole.content)).nodes(data=True)}
    assert "Wei Zhang" not in labels and "Anke de Vries" in labels
    assert harbin.status_code == 404
