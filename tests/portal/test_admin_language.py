"""The Django admin speaks Japanese throughout, django-axes' pages too."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse

from iruma_dx.lib.permissions import permission_label

# English that may stay: names, codes and the data itself.
ALLOWED = {
    "DXer",
    "LDAP",
    "EBPM",
    "SDGs",
    "Society",
    "Digitization",
    "Digitalization",
    "eLTAX",
}


def visible_words(html: str) -> set[str]:
    """Runs of Latin letters a person reads on the page (not data in selects)."""
    html = re.sub(r"<(script|style|select)[^>]*>.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    html = re.sub(r"&\w+;", " ", html)
    return set(re.findall(r"[A-Za-z][A-Za-z ]{2,}[A-Za-z]", html))


def admin_pages() -> list[str]:
    urls = ["/admin/"]
    for model in admin.site._registry:
        meta = model._meta
        urls.append(f"/admin/{meta.app_label}/")
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
    return urls


def test_the_admin_lists_no_english_labels(client_as, people, client):
    # A failed sign-in leaves a row in each of django-axes' lists.
    client.post("/accounts/login/", {"username": "admin", "password": "wrong"})
    admin_client = client_as("admin")
    found = {}
    for url in admin_pages():
        response = admin_client.get(url)
        assert response.status_code == 200, url
        for word in visible_words(response.content.decode()):
            found.setdefault(word, url)
    english = {
        word: url
        for word, url in found.items()
        if word not in ALLOWED and not word.islower()  # user names: dxer, head …
    }
    assert english == {}


def test_axes_is_named_in_japanese(client_as):
    body = client_as("admin").get("/admin/").content.decode()
    assert "ログイン保護" in body and "ログイン試行" in body
    assert "Axes" not in body and "Access attempts" not in body


@pytest.mark.parametrize(
    ("codename", "label"),
    [
        ("add_dxpoint", "｜DXポイント：追加"),
        ("view_term", "｜用語：閲覧"),
        ("delete_accessattempt", "ログイン保護｜ログイン試行：削除"),
    ],
)
def test_permissions_read_in_japanese(db, codename, label):
    permission = Permission.objects.select_related("content_type").get(
        codename=codename
    )
    assert permission_label(permission).endswith(label)


def test_the_group_form_names_permissions_in_japanese(client_as):
    body = client_as("admin").get("/admin/auth/group/add/").content.decode()
    assert "DXポイント：追加" in body
    assert "Can add" not in body


def test_an_objects_history_in_the_admin_reads_in_japanese(
    client_as, people, make_year
):
    from evaluation.models import AnnualReport
    from tests.portal.test_url_matrix import _annual_report

    _annual_report(make_year(2022, phase="evaluation"), people)
    report = AnnualReport.objects.first()
    body = (
        client_as("admin")
        .get(f"/admin/evaluation/annualreport/{report.pk}/history/")
        .content.decode()
    )
    english = {w for w in visible_words(body) if not w.islower()} - ALLOWED
    assert english == set()
    assert "変更理由" in body and "変更者" in body
