"""`url_of` gives exactly the address `{% url %}` gives, for any id a record may have."""

from __future__ import annotations

import html

import pytest
from django.template import Context, Template
from django.urls import NoReverseMatch, reverse, set_script_prefix

IDS = ["c5-p1", "李娜", "a b", "100%", "x?y#z", "a&b<c>", "tilde~:@!$'()*+,;=", "e\u0301"]


@pytest.mark.parametrize("view", ["web:person", "web:account", "web:employee", "web:deal"])
@pytest.mark.parametrize("ext_id", IDS)
def test_url_of_is_the_url_tag(view, ext_id):
    context = Context({"i": ext_id, "view": view})
    tag = Template("{% url view i %}").render(context)
    filtered = Template("{{ i|url_of:view }}").render(context)

    assert filtered == tag
    assert html.unescape(filtered) == reverse(view, args=[ext_id])


def test_url_of_follows_the_script_prefix_of_a_site_served_under_a_path():
    set_script_prefix("/crm/")
    try:
        served = Template("{{ 'c5-p1'|url_of:'web:person' }}").render(Context())
    finally:
        set_script_prefix("/")

    assert served == "/crm/people/c5-p1/"


@pytest.mark.parametrize("ext_id", ["", "a/b"])
def test_an_id_no_page_takes_fails_as_the_url_tag_does(ext_id):
    with pytest.raises(NoReverseMatch):
        Template("{{ i|url_of:'web:person' }}").render(Context({"i": ext_id}))
