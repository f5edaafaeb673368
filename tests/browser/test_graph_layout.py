"""The account graph lays out cleanly from 2 to 500 people: no line drawn through a person it
does not join, no two people on each other; labels of the deal and employee graphs never
collide; key people carry name and title; departments fold and unfold; the side panel shows
the way in and the deals; the graph saves as SVG. The 500-person account is imported once for
the module with the real `guanxi import`."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from tests.browser.big_account import BIG, DUO, FINDABLE, write_account
from tests.browser.conftest import SHOTS, Watched, login, run_guanxi
from tests.browser.graph_checks import CROSSINGS, LABEL_OVERLAPS, OVERLAPS
from tests.browser.test_pages import GRAPH, drawn_count, graph_json

pytestmark = pytest.mark.browser

SIZES = {"laptop": (1440, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def big(server, tmp_path_factory):
    """The 500-person and the 2-person customers, imported into the served workspace."""
    folder = tmp_path_factory.mktemp("big-account")
    written = write_account(folder)
    run_guanxi("import", str(folder))
    return written


@pytest.fixture(scope="module")
def laptop(browser, server, big):
    """One logged-in laptop-sized page for the module (the graphs are only read)."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US")
    watched = Watched(context.new_page(), server)
    login(watched.page, server)
    yield watched
    context.close()
    assert watched.errors == [], f"script errors: {watched.errors}"


@pytest.mark.parametrize(
    ("path", "least"),
    [
        (f"/accounts/{DUO}/", 2),
        ("/accounts/stl/", 20),
        ("/accounts/dfb/", 200),
        (f"/accounts/{BIG}/", 500),
    ],
)
def test_no_line_passes_through_a_person_it_does_not_join(laptop, path, least):
    page = laptop.open(path)
    drawn_count(page)

    lines, crossed = page.evaluate(CROSSINGS, GRAPH)
    people, overlapping = page.evaluate(OVERLAPS, GRAPH)

    assert people >= least and lines >= 1
    assert crossed == []
    assert overlapping == 0


@pytest.mark.parametrize(
    "path", ["/deals/tyt-d1/", "/deals/dfb-d1/", "/employees/ht-kam1/", "/employees/ht-sd/"]
)
def test_deal_and_employee_graph_labels_do_not_collide(laptop, path):
    page = laptop.open(path)
    drawn_count(page)

    labels, colliding = page.evaluate(LABEL_OVERLAPS, GRAPH)
    _lines, crossed = page.evaluate(CROSSINGS, GRAPH)

    assert labels >= 3
    assert colliding == []
    assert crossed == []


def test_every_key_person_is_labelled_with_name_and_title_at_the_default_zoom(laptop):
    page = laptop.open("/accounts/dfb/")
    drawn_count(page)
    data = graph_json(page)
    key = {
        n["id"]: n
        for n in data["nodes"]
        if n["power_centre"] or n["influence_centre"] or n["plan_target"] or n.get("role_holder")
    }

    shown = page.evaluate(
        """([selector, ids]) => {
        const cy = document.querySelector(selector).cy;
        return ids.map(id => {
            const n = cy.getElementById(id);
            return [id, n.style("label"), parseFloat(n.style("font-size")) * cy.zoom()];
        });
    }""",
        [GRAPH, list(key)],
    )

    assert len(key) >= 5 and any(n.get("role_holder") for n in key.values())
    for pid, label, pixels in shown:
        assert label.startswith(key[pid]["name"]), pid
        assert key[pid]["title"][:20] in label, pid
        assert pixels >= 10, f"{pid}'s label is {pixels:.1f}px on screen"


def folded_state(page) -> dict:
    return page.evaluate(
        """(selector) => {
        const box = document.querySelector(selector), cy = box.cy;
        return {
            folded: cy.nodes("[kind = 'department'].collapsed")
                .map(d => [d.data("name"), d.style("label")]),
            people: cy.nodes(":visible").filter(n => n.data("kind") !== "department").length,
        };
    }""",
        GRAPH,
    )


def test_departments_fold_to_one_node_stay_folded_through_a_relayout_and_find_unfolds(laptop, big):
    page = laptop.open(f"/accounts/{BIG}/")
    drawn_count(page)
    dept = "Department 00 部门00"
    members = [p for p in big["people"] if p["department"] == dept]
    best = max(n["closeness"] for n in graph_json(page)["nodes"] if n.get("department") == dept)
    target = next(p for p in big["people"] if p["name"] == FINDABLE)
    before = folded_state(page)

    page.click("[data-testid='graph-fold']")
    after_fold = folded_state(page)
    page.evaluate("(selector) => document.querySelector(selector).relayout()", GRAPH)
    after_relayout = folded_state(page)
    _lines, crossed = page.evaluate(CROSSINGS, GRAPH)
    _people, overlapping = page.evaluate(OVERLAPS, GRAPH)
    laptop.shot("graph-500-folded")
    page.fill(f"[data-graph-find='{page.locator(GRAPH).get_attribute('data-graph')}']", FINDABLE)
    found = page.evaluate(
        "(selector) => document.querySelector(selector).cy.nodes('.found').map(n => n.id())", GRAPH
    )
    after_find = folded_state(page)
    page.click("[data-testid='graph-unfold']")
    unfolded = folded_state(page)

    labels = dict(after_fold["folded"])
    assert len(after_fold["folded"]) == 21  # 20 departments and the executive office
    assert labels[dept].startswith(dept)
    assert f"{len(members)} people" in labels[dept]
    assert f"best closeness {int(best + 0.5)}" in labels[dept]
    assert after_fold["people"] < 100
    assert after_relayout == after_fold
    assert crossed == [] and overlapping == 0
    assert found == [target["id"]]
    assert len(after_find["folded"]) == 20
    assert unfolded == before and before["people"] >= 500


def test_side_panel_shows_who_knows_them_the_best_path_and_their_open_deals(laptop, big):
    page = laptop.open(f"/accounts/{BIG}/")
    drawn_count(page)
    holder = big["holders"][0]
    data = graph_json(page)
    ours = {n["id"]: n["name"] for n in data["nodes"] if n["side"] == "ours"}
    knowing = sorted(
        ours[e["source"] if e["target"] == holder else e["target"]]
        for e in data["edges"]
        if e["kind"] == "relationship"
        and holder in (e["source"], e["target"])
        and (e["source"] in ours or e["target"] in ours)
    )
    page.locator(GRAPH).first.evaluate("el => el.scrollIntoView({block: 'center'})")
    page.evaluate(
        """([selector, id]) => {
        const cy = document.querySelector(selector).cy;
        cy.zoom(1.5);
        cy.center(cy.getElementById(id));
    }""",
        [GRAPH, holder],
    )
    # where the holder is drawn, read after two frames (once the page has settled), and what
    # the graph itself finds under that point: the click must land on the holder
    where = page.evaluate(
        """([selector, id]) => new Promise((done) => requestAnimationFrame(
        () => requestAnimationFrame(() => {
        const box = document.querySelector(selector), cy = box.cy, node = cy.getElementById(id);
        const rect = box.querySelector("canvas:last-of-type").getBoundingClientRect();
        const p = node.renderedPosition(), x = rect.left + p.x, y = rect.top + p.y;
        const m = node.position(), hit = cy.renderer().findNearestElement(m.x, m.y, true, false);
        done({x, y, hit: hit ? hit.id() : null, top: document.elementFromPoint(x, y)?.tagName});
    })))""",
        [GRAPH, holder],
    )
    assert (where["hit"], where["top"]) == (holder, "CANVAS")

    with page.expect_response(lambda r: r.url.endswith(f"/people/{holder}/panel/")) as answer:
        page.mouse.click(where["x"], where["y"])
    assert answer.value.status == 200
    panel = page.locator("[data-testid='graph-panel'][data-loaded='1']")
    panel.wait_for()
    lit = page.evaluate(
        "(selector) => document.querySelector(selector).cy.nodes('.hl').map(n => n.id())", GRAPH
    )
    path = panel.locator("[data-testid='panel-path']").get_attribute("data-graph-path")
    deals = panel.locator("[data-testid='panel-deals']").inner_text()
    laptop.shot("graph-panel")

    assert panel.locator("[data-testid='panel-closeness']").count() == 1
    rows = panel.locator("[data-testid='panel-known-by'] li span:first-child").all_inner_texts()
    assert sorted(rows) == knowing
    assert path.split(" ")[-1] == holder and sorted(lit) == sorted(path.split(" "))
    assert "Grid analytics" in deals and "approver" in deals and "proposal" in deals.lower()
    assert "/people/" not in page.url  # still on the account page


def test_graph_saves_as_svg_named_after_the_account_and_day(laptop):
    page = laptop.open("/accounts/dfb/")
    drawn_count(page)
    account = page.locator("h1").inner_text().strip()
    people = page.evaluate(
        "(s) => document.querySelector(s).cy.nodes(':visible').filter(n => !n.isParent()).length",
        GRAPH,
    )

    with page.expect_download() as download:
        page.click("[data-testid='graph-svg']")
    path = download.value.path()
    svg = ET.parse(path).getroot()

    ns = "{http://www.w3.org/2000/svg}"
    shapes = [e for e in svg.iter() if e.tag in (f"{ns}ellipse", f"{ns}polygon")]
    texts = " ".join("".join(t.itertext()) for t in svg.iter(f"{ns}text"))
    assert download.value.suggested_filename == f"{account} {dt.date.today():%Y-%m-%d}.svg"
    assert len(shapes) == people
    assert "Ye Longchen" in texts and "President" in texts


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("path", ["/accounts/dfb/", f"/accounts/{BIG}/"])
def test_big_accounts_at_both_sizes(browser, server, big, size, path):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="en-US")
    watched = Watched(context.new_page(), server)
    login(watched.page, server)
    page = watched.open(path)
    page.wait_for_timeout(300)
    overflow = page.evaluate("() => document.scrollingElement.scrollWidth - window.innerWidth")
    listed = page.locator("[data-testid='graph-list'] li").count()
    SHOTS.mkdir(parents=True, exist_ok=True)
    name = path.strip("/").replace("/", "-")
    shown = GRAPH if size == "laptop" else "[data-testid='graph-list']"
    page.locator(shown).first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"graph-{name}-{size}.png"))
    context.close()

    assert watched.errors == []
    assert overflow <= 0
    assert listed >= 26  # the phone list (shown on a phone) holds every person plus "show all"


def test_a_click_on_a_department_frame_folds_it_and_a_click_on_the_folded_node_unfolds_it(laptop):
    page = laptop.open(f"/accounts/{BIG}/")
    drawn_count(page)
    page.locator(GRAPH).first.evaluate("el => el.scrollIntoView({block: 'center'})")
    # a point the graph itself finds on the department (its frame's band, or the folded node),
    # inside the visible canvas and not under a member, a line or a label; read after two
    # frames, once the page has settled
    spot = """([selector, name]) => new Promise((done) => requestAnimationFrame(
        () => requestAnimationFrame(() => {
        const box = document.querySelector(selector), cy = box.cy;
        const dept = cy.nodes("[kind = 'department']").filter(d => d.data("name") === name)[0];
        cy.zoom(1);
        cy.center(dept);
        const rect = box.querySelector("canvas:last-of-type").getBoundingClientRect();
        const b = dept.boundingBox({includeLabels: false});
        const pan = cy.pan(), zoom = cy.zoom();
        for (let y = b.y1 + 3; y < b.y2; y += 4) {
            for (let x = b.x1 + 3; x < b.x2; x += 4) {
                const px = rect.left + pan.x + x * zoom, py = rect.top + pan.y + y * zoom;
                const inside = px > rect.left + 2 && px < rect.right - 2
                    && py > rect.top + 2 && py < rect.bottom - 2;
                if (!inside) { continue; }
                const hit = cy.renderer().findNearestElement(x, y, true, false);
                const top = document.elementFromPoint(px, py);
                if (hit && hit.id() === dept.id() && top && top.tagName === "CANVAS") {
                    done({x: px, y: py});
                    return;
                }
            }
        }
        done(null);
    })))"""
    name = "Department 21 部门21"

    frame = page.evaluate(spot, [GRAPH, name])
    assert frame is not None
    page.mouse.click(frame["x"], frame["y"])
    folded = [n for n, _label in folded_state(page)["folded"]]
    node = page.evaluate(spot, [GRAPH, name])
    assert node is not None
    page.mouse.click(node["x"], node["y"])
    unfolded = folded_state(page)["folded"]

    assert folded == [name]
    assert unfolded == []
