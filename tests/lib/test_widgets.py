"""The long select writes what Django's select writes, only faster."""

import re

import pytest
from django import forms

from iruma_dx.lib.widgets import LongSelect

CHOICES = [
    ("", "指定なし"),
    (1, "市民生活部"),
    (2, "<b>福祉部</b> & 子ども"),
    ("all", "すべての年度"),
    (3, "市民生活部"),
]


def normalised(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", str(html))).strip()


@pytest.mark.parametrize("value", [None, "", 1, "2", "all", "999", "<script>"])
def test_it_renders_as_djangos_select(value):
    attrs = {"id": "id_department", "class": 'a "b', "required": True, "hidden": False}
    ours = LongSelect(choices=CHOICES).render("department", value, attrs)
    django = forms.Select(choices=CHOICES).render("department", value, attrs)
    assert normalised(ours) == normalised(django)


def test_only_the_first_of_equal_values_is_selected():
    html = LongSelect(choices=[(1, "a"), (1, "b")]).render("x", 1)
    assert html.count(" selected") == 1
    assert "&lt;b&gt;福祉部&lt;/b&gt; &amp; 子ども" in LongSelect(
        choices=CHOICES
    ).render("department", None)
