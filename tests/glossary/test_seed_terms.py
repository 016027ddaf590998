"""The data migration loads the seed's 用語集 whole and repaired."""

import pytest

from glossary.models import Term
from iruma_dx.lib.kana import is_kana_reading

pytestmark = pytest.mark.django_db


def test_all_63_terms_with_their_numbers():
    assert Term.objects.count() == 63
    assert sorted(Term.objects.values_list("number", flat=True)) == list(range(1, 64))


def test_every_term_has_a_kana_reading():
    for term in Term.objects.all():
        assert term.reading, term.term
        assert is_kana_reading(term.reading), (term.term, term.reading)


@pytest.mark.parametrize(
    ("number", "term", "reading"),
    [
        (1, "2040年問題", "ニセンヨン ジュウネン モンダイ"),
        (3, "AI-OCR", "エーアイ オーシーアール"),
        (4, "BPR", "ビーピーアール"),
        (7, "DX", "ディーエックス"),
        (14, "Society 5.0", "ソサエティ ゴテンゼロ"),
        (25, "官民データ活用推進基本法", "かんみんデータかつようすいしんきほんほう"),
        (28, "コネクテッド・ワンストップ", "コネクテッド・ワンストップ"),
        (32, "サービス設計12箇条", "サービスせっけいじゅうにかじょう"),
        (35, "生産年齢人口", "せいさんねんれいじんこう"),
    ],
)
def test_repaired_spellings_and_readings(number, term, reading):
    loaded = Term.objects.get(number=number)
    assert (loaded.term, loaded.reading) == (term, reading)


def test_no_pdf_line_break_is_left_inside_a_japanese_word():
    for term in Term.objects.exclude(number__in=[1, 3, 14]):
        assert " " not in term.term.strip(), term.term
        assert " " not in term.reading, (term.term, term.reading)


def test_meanings_are_the_seeds():
    assert Term.objects.get(number=62).meaning == (
        "一度提出した情報は、二度提出することを不要とすること。"
    )
    assert Term.objects.get(number=37).meaning == (
        "Society 5.0 の別称。No.14 Society 5.0 を参照。"
    )
