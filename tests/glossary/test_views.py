import csv
import io

import pytest
from django.urls import reverse

from glossary.models import Term

pytestmark = pytest.mark.django_db

LIST = reverse("glossary:list")


def _terms_in_order(response) -> list[str]:
    return [
        term.term for group in response.context["groups"] for term in group["terms"]
    ]


def test_public_without_login(client):
    assert client.get(LIST).status_code == 200
    assert client.get(reverse("glossary:term", args=[1])).status_code == 200
    assert client.get(reverse("glossary:csv")).status_code == 200


def test_lists_all_63_terms_each_with_its_number(client):
    response = client.get(LIST)
    assert response.context["count"] == 63
    body = response.content.decode()
    assert "No.63" in body and "ワンストップ" in body


def test_alphanumeric_first_by_term_ignoring_case_then_gojuon(client):
    order = _terms_in_order(client.get(LIST))
    assert order[:15] == [
        "2040年問題",
        "AI",
        "AI-OCR",
        "BPR",
        "Digitalization",
        "Digitization",
        "DX",
        "EBPM",
        "ICT",
        "IoT",
        "RPA",
        "SDGs",
        "SNS",
        "Society 5.0",
        "UX",
    ]
    assert order.index("オープンデータ") < order.index("オンライン化")
    assert order.index("官民データ活用推進基本法") < order.index("キャッシュレス決済")
    assert order.index("破壊的技術") < order.index("バックキャスト")
    assert order.index("サービス設計12箇条") < order.index("サービスデザイン")
    assert order[-2:] == ["ワンスオンリー", "ワンストップ"]


def test_index_jumps_to_each_row_that_has_terms(client):
    response = client.get(LIST)
    index = {entry["label"]: entry for entry in response.context["index"]}
    assert list(index) == ["英数", *(f"{k}行" for k in "あかさたなはまやらわ")]
    assert index["英数"]["present"] and index["わ行"]["present"]
    body = response.content.decode()
    assert 'href="#row-ka"' in body and 'id="row-ka"' in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("でじたる", "デジタル庁"),  # hiragana finds katakana
        ("ﾃﾞｼﾞﾀﾙ", "デジタル庁"),  # half-width katakana
        ("ＥＢＰＭ", "EBPM"),  # full-width Latin
        ("ebpm", "EBPM"),  # case
        ("かんみん", "官民データ活用推進基本法"),  # the reading
        ("人工知能", "AI"),  # the meaning
    ],
)
def test_search(client, query, expected):
    response = client.get(LIST, {"q": query})
    assert expected in _terms_in_order(response)
    assert "オンライン会議" not in _terms_in_order(response)


def test_search_with_no_match_says_so(client):
    response = client.get(LIST, {"q": "存在しない言葉"})
    assert response.context["count"] == 0
    assert "一致する用語はありません" in response.content.decode()


def test_search_query_is_escaped(client):
    response = client.get(LIST, {"q": "<script>alert(1)</script>"})
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body


def test_term_page_links_its_cross_reference(client):
    response = client.get(reverse("glossary:term", args=[37]))
    body = response.content.decode()
    assert "超スマート社会" in body
    assert (
        f'<a href="{reverse("glossary:term", args=[14])}">No.14 Society 5.0</a>' in body
    )


def test_unknown_term_is_404(client):
    assert client.get(reverse("glossary:term", args=[999])).status_code == 404


def test_only_safe_methods(client):
    assert client.post(LIST).status_code == 405
    assert client.head(LIST).status_code == 200


def test_csv_is_utf8_with_bom_and_holds_every_term(client):
    response = client.get(reverse("glossary:csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    raw = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["No.", "用語", "読み方", "意味"]
    assert len(rows) == 64
    assert rows[3][:3] == ["3", "AI-OCR", "エーアイ オーシーアール"]


def test_list_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    # SAVEPOINT and RELEASE of the request's transaction, the terms of the
    # page, the terms for the link filter (once for all meanings).
    with django_assert_num_queries(4):
        client.get(LIST)
    Term.objects.bulk_create(
        Term(number=100 + i, term=f"テスト用語{i}", reading="てすと", meaning="説明")
        for i in range(100)
    )
    with django_assert_num_queries(4):
        client.get(LIST)
