"""Every focus area and every fiscal year now names its edition."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0013_load_plan_editions"),
    ]

    operations = [
        migrations.AlterField(
            model_name="fiscalyear",
            name="focus_area_edition",
            field=models.ForeignKey(
                help_text="The year's points are tagged with the focus areas of it.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="fiscal_years",
                to="initiatives.nationalplanedition",
                verbose_name="edition of the national DX plan",
            ),
        ),
        migrations.AlterField(
            model_name="focusarea",
            name="edition",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="focus_areas",
                to="initiatives.nationalplanedition",
                verbose_name="edition of the national DX plan",
            ),
        ),
    ]
