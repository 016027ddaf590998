"""Focus areas belong to an edition of the national plan; years get an hourly cost.

The edition columns start empty: the next migration fills them.
"""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ('initiatives', '0011_uploads_share_their_fields'),
    ]

    operations = [
        migrations.CreateModel(
            name='NationalPlanEdition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.CharField(help_text='For example 2.3.', max_length=10, unique=True, verbose_name='edition')),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('published_on', models.DateField(verbose_name='published on')),
            ],
            options={
                'verbose_name': 'edition of the national DX plan',
                'verbose_name_plural': 'editions of the national DX plan',
                'ordering': ['published_on', 'code'],
            },
        ),
        migrations.AlterModelOptions(
            name='focusarea',
            options={'ordering': ['edition__published_on', 'number'], 'verbose_name': 'focus area', 'verbose_name_plural': 'focus areas'},
        ),
        migrations.AddField(
            model_name='fiscalyear',
            name='hourly_cost',
            field=models.PositiveIntegerField(default=4500, help_text='Hours saved are also shown as their value in yen.', validators=[django.core.validators.MinValueValidator(1)], verbose_name='personnel cost per hour (yen)'),
        ),
        migrations.AlterField(
            model_name='focusarea',
            name='name',
            field=models.CharField(max_length=100, verbose_name='name'),
        ),
        migrations.AlterField(
            model_name='focusarea',
            name='number',
            field=models.PositiveSmallIntegerField(verbose_name='number'),
        ),
        migrations.AddField(
            model_name='fiscalyear',
            name='focus_area_edition',
            field=models.ForeignKey(help_text="The year's points are tagged with the focus areas of it.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='fiscal_years', to='initiatives.nationalplanedition', verbose_name='edition of the national DX plan'),
        ),
        migrations.AddField(
            model_name='focusarea',
            name='edition',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='focus_areas', to='initiatives.nationalplanedition', verbose_name='edition of the national DX plan'),
        ),
        migrations.AddConstraint(
            model_name='fiscalyear',
            constraint=models.CheckConstraint(condition=models.Q(('hourly_cost__gte', 1)), name='fiscal_year_hourly_cost_positive'),
        ),
        migrations.AddConstraint(
            model_name='focusarea',
            constraint=models.UniqueConstraint(fields=('edition', 'number'), name='focus_area_number_per_edition'),
        ),
        migrations.AddConstraint(
            model_name='focusarea',
            constraint=models.UniqueConstraint(fields=('edition', 'name'), name='focus_area_name_per_edition'),
        ),
    ]
