import pytest

from iruma_dx.lib.kana import (
    gojuon_key,
    index_row,
    is_kana_reading,
    search_form,
    to_hiragana,
    width_forms,
)


def _ordered(*readings: str) -> bool:
    keys = [gojuon_key(reading) for reading in readings]
    return keys == sorted(keys)


@pytest.mark.parametrize(
    "readings",
    [
        # ー counts as the vowel it lengthens: オー = おお, before おん.
        ("オープンデータ", "オンラインか"),
        ("かんみんデータかつようすいしんきほんほう", "キャッシュレスけっさい"),
        # 清音 < 濁音 < 半濁音 when the plain kana are equal.
        ("はは", "ばば", "ぱぱ"),
        # Voiced marks do not break the order: ば sorts with は, before ひ.
        ("はし", "ばす", "ひと"),
        # Small kana sort as their plain size, and before it on a tie.
        ("しゃし", "しやし"),
        ("きやし", "キャッシュレス"),
        # A reading that begins another sorts first.
        ("デジタル", "デジタルか"),
        # Spaces and ・ are ignored.
        ("デジタル・ガバメント", "デジタルさんげんそく"),
        ("ニセンヨン ジュウネン", "にせんよんじゅうねんもんだい"),
    ],
)
def test_dictionary_order(readings):
    assert _ordered(*readings)


def test_key_is_plain_ascii_digits_so_every_database_sorts_it_alike():
    key = gojuon_key("プッシュがたつうち")
    assert key.isascii() and key.isdigit()


def test_katakana_and_hiragana_sort_together():
    assert gojuon_key("デジタル")[:24] == gojuon_key("でじたる")[:24]


@pytest.mark.parametrize(
    ("reading", "row"),
    [
        ("アナログ", "あ"),
        ("ガバメント", "か"),
        ("じょうほう", "さ"),
        ("ヂ", "た"),
        ("ぱぴぷ", "は"),
        ("ワンストップ", "わ"),
        ("ヴァイオリン", "あ"),
        ("ｱﾌﾟﾘ", "あ"),
    ],
)
def test_index_row(reading, row):
    assert index_row(reading) == row


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("かんみん", True),
        ("エーアイ オーシーアール", True),
        ("コネクテッド・ワンストップ", True),
        ("ｴｰｱｲ", True),
        ("官民", False),
        ("AI", False),
        ("えーあい1", False),
        ("", False),
    ],
)
def test_kana_reading(text, ok):
    assert is_kana_reading(text) is ok


def test_search_form_ignores_width_kana_case_and_spaces():
    assert to_hiragana("デジタル") == "でじたる"
    assert search_form("ﾃﾞｼﾞﾀﾙ") == search_form("でじたる") == "でじたる"
    assert search_form("ＥＢＰＭ") == search_form("ebpm")
    assert search_form("ニセンヨン ジュウネン") == "にせんよんじゅうねん"


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("窓口", ["窓口"]),
        ("rpa", ["rpa", "ＲＰＡ", "ｒｐａ"]),
        ("ＲＰＡ", ["ＲＰＡ", "RPA", "ｒｐａ"]),
        ("ｵﾝﾗｲﾝ", ["ｵﾝﾗｲﾝ", "オンライン"]),
        ("2024年", ["2024年", "２０２４年"]),
    ],
)
def test_width_forms_cover_both_widths_without_repeats(word, forms):
    assert width_forms(word) == forms
