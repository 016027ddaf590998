"""The technologies the national survey asks about; the DX office adds more."""

from django.db import migrations

TECHNOLOGIES = [
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


def load(apps, schema_editor):
    Technology = apps.get_model("initiatives", "Technology")
    for order, name in enumerate(TECHNOLOGIES, start=1):
        Technology.objects.get_or_create(
            name=name, defaults={"display_order": order * 10}
        )


def unload(apps, schema_editor):
    Technology = apps.get_model("initiatives", "Technology")
    Technology.objects.filter(name__in=TECHNOLOGIES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0015_technology_tags_on_points"),
    ]

    operations = [migrations.RunPython(load, unload)]
