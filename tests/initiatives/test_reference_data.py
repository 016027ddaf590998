"""The data migrations load the Vision's reference data as the seed has it."""

import re
from pathlib import Path

import pytest
from django.utils import translation

from initiatives.models import (
    DesignArticle,
    FocusArea,
    NationalPlanEdition,
    Principle,
    Stage,
    Technology,
)

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "iruma-dx-vision.txt"


def test_five_principles_with_their_titles():
    assert list(Principle.objects.values_list("number", "title")) == [
        (1, "破壊的技術を使う"),
        (2, "データを集める、使う、生み出す"),
        (3, "サービスをデザインし直す"),
        (4, "デジタル化の基盤を整える"),
        (5, "入間市（行政経営体質）を変革する"),
    ]


def test_principle_texts_are_the_seeds():
    first = Principle.objects.get(number=1).description
    assert first.startswith(
        "AIやRPAなどの破壊的技術は、導入することが目的ではありません。"
    )
    assert "※AI-OCRなどの手書きの書類をデジタル化する技術" in first
    assert Principle.objects.get(number=2).description.endswith(
        "データの価値の連鎖は無限です。"
    )
    if SEED.exists():  # the seed lives beside the repository in the workplace
        text = SEED.read_text(encoding="utf-8")
        for principle in Principle.objects.all():
            for paragraph in principle.description.split("\n\n"):
                assert paragraph in text


def test_six_focus_areas_of_the_first_edition():
    areas = FocusArea.objects.filter(edition__code="1.0").order_by("number")
    assert list(areas.values_list("name", flat=True)) == [
        "自治体の情報システムの標準化・共通化",
        "マイナンバーカードの普及促進",
        "自治体の行政手続のオンライン化",
        "自治体のAI・RPAの利用推進",
        "テレワークの推進",
        "セキュリティ対策の徹底",
    ]


def test_two_editions_of_the_national_plan_with_their_focus_areas():
    editions = NationalPlanEdition.objects.all()
    assert [(e.code, e.published_on.isoformat()) for e in editions] == [
        ("1.0", "2020-12-25"),
        ("2.3", "2024-02-05"),
    ]
    assert NationalPlanEdition.objects.newest().code == "2.3"
    latest = FocusArea.objects.filter(edition__code="2.3").order_by("number")
    assert list(latest.values_list("number", "name")) == [
        (1, "自治体フロントヤード改革の推進"),
        (2, "自治体の情報システムの標準化・共通化"),
        (3, "公金収納におけるeLTAXの活用"),
        (4, "マイナンバーカードの普及促進・利用の推進"),
        (5, "セキュリティ対策の徹底"),
        (6, "自治体のAI・RPAの利用推進"),
        (7, "テレワークの推進"),
    ]


def test_the_technologies_the_national_survey_asks_about():
    assert list(Technology.objects.values_list("name", flat=True)) == [
        "AI",
        "生成AI",
        "RPA",
        "AI-OCR",
        "電子申請",
        "キャッシュレス決済",
        "ペーパーレス",
        "テレワーク",
        "クラウド",
        "IoT",
        "オープンデータ",
    ]


def test_twelve_design_articles():
    articles = list(DesignArticle.objects.values_list("number", "title"))
    assert len(articles) == 12
    assert articles[0] == (1, "利用者のニーズから出発する")
    assert articles[11] == (12, "情報システムではなくサービスを作る")
    with translation.override("ja"):
        assert str(DesignArticle.objects.get(number=8)) == "第8条 自分で作りすぎない"


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("digitization", Stage.DIGITIZATION),
        ("デジタイゼーション", Stage.DIGITIZATION),
        ("デジタライゼーション", Stage.DIGITALIZATION),
        ("Digitalization", Stage.DIGITALIZATION),
        ("transformation", Stage.TRANSFORMATION),
        ("DX", Stage.TRANSFORMATION),
        ("デジタル・トランスフォーメーション（DX）", Stage.TRANSFORMATION),
    ],
)
def test_stage_from_text(text, stage):
    assert Stage.from_text(text) == stage


def test_unknown_stage_is_none():
    assert Stage.from_text("アナログ") is None


def test_vision_page_shows_the_principles_to_every_signed_in_person(client_as):
    for role in ("viewer", "dxer", "head", "dx_office"):
        response = client_as(role).get("/vision/")
        assert response.status_code == 200
        body = response.content.decode()
        assert "DXの心得1 破壊的技術を使う" in body
        assert re.search(r"第12条|情報システムではなくサービスを作る", body)
        assert "デジタイゼーション" in body
