"""Competitor intelligence recorded from a deal page: one form, errors in place, an audited
tie with its provenance, shown on the competitor page with how recent and how sure it is."""

from __future__ import annotations

import datetime as dt
import re

from guanxi.core.models import AuditEvent
from guanxi.people.models import Tie

URL = "/edit/deal/tyt-d1/intelligence/"
HTMX = {"HTTP_HX_REQUEST": "true"}


def _post(client, **fields):
    data = {
        "holder": "tyt-cio",
        "competitor_person": "lx-am1",
        "kind": "relationship",
        "strength": "strong",
        "certainty": "hearsay",
        "reported_by": "ht-kam1",
        "learned_on": "2026-11-20",
        "notes": "",
        **fields,
    }
    return client.post(URL, data, **HTMX)


def test_the_form_opens_in_the_drawer_with_the_deals_role_holders(as_user):
    client = as_user("demo")

    html = client.get(URL, **HTMX).content.decode()

    assert "Record competitor intelligence" in html
    assert 'value="tyt-cio"' in html and 'value="tyt-cto"' in html
    assert "hearsay" in html and "Lanxin" in html


def test_recording_intelligence_writes_an_audited_tie_with_its_provenance(as_user):
    client = as_user("demo")
    audits = AuditEvent.objects.count()

    response = _post(client)

    assert response.status_code == 204 and response["HX-Refresh"] == "true"
    tie = Tie.objects.get(source__ext_id="lx-am1", target__ext_id="tyt-cio")
    assert (tie.kind, tie.strength, tie.certainty) == ("relationship", 80, "hearsay")
    assert tie.learned_in.ext_id == "tyt-d1" and tie.reported_by.ext_id == "ht-kam1"
    assert tie.learned_on == dt.date(2026, 11, 20)
    event = AuditEvent.objects.order_by("-pk").first()
    assert AuditEvent.objects.count() == audits + 1
    assert event.changes["certainty"] == [None, "hearsay"]
    assert event.changes["learned_in"] == [None, "tyt-d1"]
    assert event.actor_name == "demo"


def test_the_competitor_page_lists_the_tie_with_where_and_how_we_learned_it(as_user):
    client = as_user("demo")
    _post(client)

    html = client.get("/competitors/lx/").content.decode()

    table = html.split('data-testid="intel-table"')[1].split("</table>")[0]
    row = next(r for r in table.split("<tr") if "tyt-cio" in r and "lx-am1" in r)
    assert "BSS billing" in row and "hearsay" in row and "2026-11-20" in row
    summary = html.split('data-testid="intel-summary"')[1].split("</p>")[0]
    assert "hearsay" in summary and "learned in the last 180 days" in summary


def test_errors_are_shown_beside_their_fields_and_nothing_is_written(as_user):
    client = as_user("demo")
    ties = Tie.objects.count()

    wrong = _post(client, competitor_person="ht-sd", strength="very", certainty="")
    no_holder = _post(client, holder="x")
    future = _post(client, learned_on="2999-01-01")

    html = wrong.content.decode()
    assert wrong.status_code == 200
    assert 'data-field="strength"' in html and "is not a number from 0 to 100" in html
    assert "is not a competitor" in html.split('data-field="competitor_person"')[1][:2000]
    assert "This field is required" in html.split('data-field="certainty"')[1][:2000]
    assert "Select a valid choice" in no_holder.content.decode().split('data-field="holder"')[1]
    assert "cannot be in the future" in future.content.decode().split('data-field="learned_on"')[1]
    assert Tie.objects.count() == ties


def test_a_competitor_not_in_play_on_the_deal_is_refused_with_the_reason(as_user):
    client = as_user("demo")
    other = (
        Tie.objects.filter(source__organisation__ext_id="hr").values_list(
            "source__ext_id", flat=True
        )
    ).first()

    html = _post(client, competitor_person=other).content.decode()

    assert "is not in play on this deal" in html.split('data-field="competitor_person"')[1]


def test_a_viewer_may_not_record_intelligence(as_user):
    client = as_user("guest")

    assert client.get(URL, **HTMX).status_code == 403


def test_imported_ties_without_provenance_are_neither_recent_nor_sourced(as_user):
    client = as_user("demo")
    imported = (
        Tie.objects.filter(
            source__organisation__ext_id="lx", target__organisation__kind="customer"
        ).count()
        + Tie.objects.filter(
            target__organisation__ext_id="lx", source__organisation__kind="customer"
        ).count()
    )

    html = client.get("/competitors/lx/").content.decode()

    summary = " ".join(html.split('data-testid="intel-summary"')[1].split("</p>")[0].split())
    assert f"{imported} ties on record: 0 learned in the last 180 days, 0 hearsay" in summary
    assert f"{imported} with no source recorded" in summary


def test_the_admin_shows_a_ties_provenance_with_pickers_not_lists_of_everyone(as_user):
    client = as_user("demo")
    _post(client)
    tie = Tie.objects.get(source__ext_id="lx-am1", target__ext_id="tyt-cio")

    html = client.get(f"/admin/people/tie/{tie.pk}/change/").content.decode()

    for field in ("learned_in", "reported_by"):
        tag = re.search(rf'<select name="{field}"[^>]*>', html).group(0)
        assert "admin-autocomplete" in tag
    certainty = html.split('<select name="certainty"')[1].split("</select>")[0]
    assert '<option value="hearsay" selected>' in certainty


def test_the_competitor_page_shows_the_20_most_recent_ties_and_the_rest_on_demand(as_user):
    client = as_user("demo")
    _post(client)

    html = client.get("/competitors/lx/").content.decode()

    first = html.split('data-testid="intel-table"')[1].split("</tbody>")[0]
    assert first.count('data-testid="intel-row"') == 20
    assert "lx-am1" in first.split('data-testid="intel-row"')[1]  # the one just learned
    assert 'id="more-intel" hidden' in html and 'data-testid="show-all-intel"' in html
