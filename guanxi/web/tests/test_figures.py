"""One number format per kind of figure, and every figure explained where it is shown: the ⓘ
beside it says in plain words what it means (English and Chinese) and links to its section
of the scoring guide the app serves."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.utils import translation

from guanxi.web.explain import FIGURES
from guanxi.web.templatetags.figures import amount, measure, odds, pct, score, signed


def test_each_kind_of_figure_has_one_format():
    assert [score(62.5), score(61.49), score(-3), score(None)] == ["63", "61", "0", "—"]
    assert [odds(84.6), odds(None)] == ["85%", "—"]
    assert [pct(0.375), pct(1), pct(0.004)] == ["38%", "100%", "0%"]
    assert [measure(0.835), measure(1), measure(0.004)] == ["0.84", "1.00", "0.00"]
    assert [signed(0.455), signed(-0.3), signed(0.001)] == ["+0.46", "−0.30", "0.00"]
    assert [amount(1057.4), amount(687555.5), amount("x")] == ["1,057", "687,556", "—"]


#: (figure, a page that shows it to the demo manager)
SHOWN = [
    ("capability", "/"),
    ("capability", "/accounts/"),
    ("score", "/accounts/tyt/"),
    ("share", "/"),
    ("power", "/people/tyt-ceo/"),
    ("influence", "/people/tyt-ceo/"),
    ("importance", "/people/tyt-ceo/"),
    ("closeness", "/people/tyt-ceo/"),
    ("path", "/people/tyt-ceo/"),
    ("broker", "/accounts/tyt/"),
    ("strength", "/accounts/tyt/"),
    ("resources", "/employees/"),
    ("credit_share", "/employees/"),
    ("coverage", "/deals/tyt-d1/"),
    ("edge", "/deals/tyt-d1/"),
    ("weight", "/deals/tyt-d1/"),
    ("odds", "/deals/tyt-d1/"),
    ("odds", "/deals/"),
    ("intel", "/deals/tyt-d1/"),
    ("threat", "/competitors/lx/"),
    ("threat", "/"),
    ("credit_share", "/deals/stl-d1/"),
    ("closeness", "/ops/plans/?who=all"),
    ("resources", "/ops/evaluation/"),
    ("credit_share", "/ops/evaluation/"),
    ("strength", "/relationships/stale/"),
    ("resources", "/employees/ht-kam1/"),
]


def _popover(html: str, figure: str) -> str:
    """The text of the first popover of `figure` on the page."""
    found = re.search(
        rf'data-figure="{figure}">.*?<span id="[^"]+" popover[^>]*>(.*?)</span></span>', html, re.S
    )
    assert found, f"no explanation of {figure}"
    return found.group(1)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize(("figure", "url"), SHOWN)
def test_a_figure_shown_on_a_page_is_explained_in_plain_words_with_a_link_to_the_guide(
    as_user, figure, url, language
):
    client = as_user("demo")
    label, text, _section = FIGURES[figure]
    with translation.override(language):
        words = str(text)
    with translation.override("en"):
        english = str(text)

    html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()

    assert f'data-testid="explain-{figure}"' in html
    pop = _popover(html, figure)
    assert words in unescape(pop)
    anchor = re.search(r'href="/help/scoring/#([^"]+)"', pop).group(1)
    guide = client.get("/help/scoring/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'id="{anchor}"' in guide
    if language == "zh-hans":
        assert words != english, "the explanation is translated"
        assert "影响力" in guide and "How Guanxi scores relationships" not in guide
    else:
        assert "How Guanxi scores relationships" in guide


#: a word of the English heading each figure's section must have
HEADINGS = {
    "power": "Power",
    "influence": "Influence",
    "importance": "Importance",
    "closeness": "Closeness",
    "score": "Account score",
    "capability": "Capability score",
    "broker": "Brokers",
    "resources": "Employee resources",
    "coverage": "Coverage",
    "edge": "Edge",
    "weight": "Role weights",
    "odds": "win odds",
    "share": "Concentration",
    "credit_share": "Credit on won deals",
    "intel": "Competitor intelligence",
    "path": "Best paths",
    "strength": "Relationship strength",
    "threat": "Competitor relationship",
}


def test_each_figure_links_to_the_section_that_explains_it():
    from guanxi.web.explain import anchor_of, guide

    _html, headings = guide("en")
    names = {anchor: name for name, anchor in headings}

    wrong = {
        figure: names.get(anchor_of(figure, "en"))
        for figure, word in HEADINGS.items()
        if word not in (names.get(anchor_of(figure, "en")) or "")
    }

    assert set(HEADINGS) == set(FIGURES) and wrong == {}


def test_every_figure_has_a_section_in_the_guide_in_both_languages():
    from guanxi.web.explain import anchor_of

    missing = [
        (figure, language)
        for figure in FIGURES
        for language in ("en", "zh-hans")
        if not anchor_of(figure, language)
    ]

    assert missing == []


def test_no_page_shows_a_formula(as_user):
    client = as_user("demo")

    pages = [client.get(u).content.decode() for u in ("/deals/tyt-d1/", "/accounts/tyt/", "/")]

    for html in pages:
        assert "Σ" not in html and "e<sup>" not in html and "÷" not in html


def test_the_accounts_list_shows_the_dashboards_tier_weighted_capability_score(as_user):
    client = as_user("demo")

    dashboard = client.get("/").content.decode()
    accounts = client.get("/accounts/").content.decode()

    def capability(html: str) -> str:
        tile = html.split('data-testid="capability-score"')[1].split("</div>")[0]
        return re.search(r'<span class="n">(\d+)</span>', tile).group(1)

    assert capability(accounts) == capability(dashboard)
    assert "tier-weighted" in accounts.split('data-testid="capability-score"')[1][:300]
    assert "Average closeness" not in accounts


def test_a_fragment_swapped_into_a_page_does_not_reuse_the_pages_popover_ids(as_user):
    client = as_user("demo")

    page = client.get("/employees/").content.decode()
    fragment = client.get("/employees/?q=a", HTTP_HX_REQUEST="true").content.decode()

    ids = set(re.findall(r'id="(explain-[^"]+)" popover', page))
    again = set(re.findall(r'id="(explain-[^"]+)" popover', fragment))
    assert ids and again and not (again & ids)
