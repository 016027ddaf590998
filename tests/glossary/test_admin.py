import pytest
from django.urls import reverse

from glossary.models import Term

pytestmark = pytest.mark.django_db


def test_staff_can_add_a_term(client, staff_user, password):
    client.force_login(staff_user)
    response = client.post(
        reverse("admin:glossary_term_add"),
        {
            "number": 64,
            "term": "ガバメントクラウド",
            "reading": "ガバメントクラウド",
            "meaning": "国が用意するクラウド。",
        },
    )
    assert response.status_code == 302
    term = Term.objects.get(number=64)
    assert term.sort_key.startswith("1")
    assert "がばめんと" in term.search_text


def test_staff_can_edit_and_the_order_follows(client, staff_user):
    client.force_login(staff_user)
    term = Term.objects.get(term="アプリ")
    response = client.post(
        reverse("admin:glossary_term_change", args=[term.pk]),
        {
            "number": term.number,
            "term": term.term,
            "reading": "んあぷり",
            "meaning": term.meaning,
        },
    )
    assert response.status_code == 302
    assert list(Term.objects.all())[-1].term == "アプリ"


def test_reading_that_is_not_kana_gets_a_japanese_error(client, staff_user):
    client.force_login(staff_user)
    response = client.post(
        reverse("admin:glossary_term_add"),
        {"number": 64, "term": "テスト", "reading": "test", "meaning": "x"},
    )
    assert response.status_code == 200
    assert "読みはひらがなかカタカナで入力してください" in response.content.decode()
    assert not Term.objects.filter(number=64).exists()


def test_list_shows_number_term_reading_and_searches(client, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("admin:glossary_term_changelist"), {"q": "人工知能"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "エーアイ" in body
    assert "オンライン会議" not in body


def test_non_staff_cannot_reach_admin(client, plain_user):
    client.force_login(plain_user)
    response = client.get(reverse("admin:glossary_term_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_anonymous_cannot_reach_admin(client):
    response = client.get(reverse("admin:glossary_term_changelist"))
    assert response.status_code == 302


def test_a_new_term_is_offered_the_next_free_number(client, staff_user):
    client.force_login(staff_user)
    highest = max(Term.objects.values_list("number", flat=True))
    form = client.get(reverse("admin:glossary_term_add")).context["adminform"].form
    assert form.initial["number"] == highest + 1
    Term.objects.create(number=highest + 5, term="新語", reading="しんご", meaning="…")
    form = client.get(reverse("admin:glossary_term_add")).context["adminform"].form
    assert form.initial["number"] == highest + 6
