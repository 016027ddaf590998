"""The first edition (the Vision's six focus areas) and 第2.3版 with its seven."""

from datetime import date

from django.db import migrations

FIRST = ("1.0", "自治体デジタル・トランスフォーメーション（DX）推進計画【第1.0版】", date(2020, 12, 25))
LATEST = ("2.3", "自治体デジタル・トランスフォーメーション（DX）推進計画【第2.3版】", date(2024, 2, 5))
# The seven focus areas of 第2.3版, numbered in its order (DESIGN.md).
LATEST_AREAS = [
    "自治体フロントヤード改革の推進",
    "自治体の情報システムの標準化・共通化",
    "公金収納におけるeLTAXの活用",
    "マイナンバーカードの普及促進・利用の推進",
    "セキュリティ対策の徹底",
    "自治体のAI・RPAの利用推進",
    "テレワークの推進",
]


def load(apps, schema_editor):
    Edition = apps.get_model("initiatives", "NationalPlanEdition")
    FocusArea = apps.get_model("initiatives", "FocusArea")
    FiscalYear = apps.get_model("initiatives", "FiscalYear")
    editions = {}
    for code, title, published_on in (FIRST, LATEST):
        editions[code], _created = Edition.objects.get_or_create(
            code=code, defaults={"title": title, "published_on": published_on}
        )
    # The six areas the Vision lists are those of the first edition, and
    # every year opened so far keeps using it.
    FocusArea.objects.filter(edition__isnull=True).update(edition=editions["1.0"])
    FiscalYear.objects.filter(focus_area_edition__isnull=True).update(
        focus_area_edition=editions["1.0"]
    )
    for number, name in enumerate(LATEST_AREAS, start=1):
        FocusArea.objects.get_or_create(
            edition=editions["2.3"], number=number, defaults={"name": name}
        )


def unload(apps, schema_editor):
    Edition = apps.get_model("initiatives", "NationalPlanEdition")
    FocusArea = apps.get_model("initiatives", "FocusArea")
    FiscalYear = apps.get_model("initiatives", "FiscalYear")
    first = Edition.objects.filter(code=FIRST[0]).first()
    FiscalYear.objects.update(focus_area_edition=None)
    FocusArea.objects.exclude(edition=first).delete()
    FocusArea.objects.update(edition=None)
    Edition.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0012_national_plan_editions_and_hourly_cost"),
    ]

    operations = [migrations.RunPython(load, unload)]
