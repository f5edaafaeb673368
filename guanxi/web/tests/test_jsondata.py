"""`json_data` writes the element `json_script` writes: the same data once parsed, and no text
in the data can end the element."""

from __future__ import annotations

import datetime as dt
import json
import re

import numpy as np
from django.template import Context, Template
from django.utils.translation import gettext_lazy

DATA = {
    "nodes": [
        {"id": "p1", "name": "李娜 </script><b>&", "closeness": np.float64(61.5), "n": 3},
        {"id": "p2", "label": gettext_lazy("closeness"), "when": dt.date(2026, 12, 7)},
    ],
    "at": dt.datetime(2026, 12, 7, 9, 30, 15, 123456, tzinfo=dt.UTC),
    "edges": [],
    "flags": [True, False, None],
    2: "int key",
}


def _parsed(html: str, element_id: str) -> object:
    found = re.fullmatch(
        rf'<script id="{element_id}" type="application/json">(.*)</script>', html, re.S
    )
    assert found is not None
    return json.loads(found.group(1))


def test_json_data_is_json_script_parsed_the_same():
    context = Context({"data": DATA})
    ours = Template('{{ data|json_data:"g" }}').render(context)
    django = Template('{{ data|json_script:"g" }}').render(context)

    assert _parsed(ours, "g") == _parsed(django, "g")
    assert _parsed(ours, "g")["nodes"][0]["name"] == "李娜 </script><b>&"


def test_no_text_in_the_data_ends_the_element_or_starts_markup():
    html = Template('{{ data|json_data:"g" }}').render(Context({"data": DATA}))
    inside = html.removeprefix('<script id="g" type="application/json">').removesuffix("</script>")

    assert "<" not in inside and ">" not in inside and "&" not in inside
