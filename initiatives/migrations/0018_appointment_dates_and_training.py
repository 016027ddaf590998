"""The dates of each appointment (the DXer roster), and training records.
"""

from datetime import date
from decimal import Decimal

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models



def fill_dates(apps, schema_editor):
    """Appointments so far ran from 1 April of their first fiscal year."""
    Assignment = apps.get_model("initiatives", "Assignment")
    changed = []
    for assignment in Assignment.objects.all():
        assignment.appointed_on = date(assignment.start_year, 4, 1)
        if assignment.end_year is not None:
            assignment.ended_on = date(assignment.end_year + 1, 3, 31)
        changed.append(assignment)
    Assignment.objects.bulk_update(changed, ["appointed_on", "ended_on"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ('initiatives', '0017_report_analysis_direction_and_basis_of_hours'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='assignment',
            name='appointed_on',
            field=models.DateField(blank=True, help_text='Empty: 1 April of the first fiscal year.', null=True, verbose_name='appointed on'),
        ),
        migrations.AddField(
            model_name='assignment',
            name='ended_on',
            field=models.DateField(blank=True, help_text='Empty: 31 March of the last fiscal year.', null=True, verbose_name='ended on'),
        ),
        migrations.RunPython(fill_dates, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="assignment",
            name="appointed_on",
            field=models.DateField(
                blank=True,
                help_text="Empty: 1 April of the first fiscal year.",
                verbose_name="appointed on",
            ),
        ),
        migrations.AddConstraint(
            model_name='assignment',
            constraint=models.CheckConstraint(condition=models.Q(('ended_on__isnull', True), ('ended_on__gte', models.F('appointed_on')), _connector='OR'), name='assignment_ended_on_after_appointed_on'),
        ),
        migrations.CreateModel(
            name='Training',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('course', models.CharField(max_length=200, verbose_name='course')),
                ('taken_on', models.DateField(verbose_name='date')),
                ('hours', models.DecimalField(decimal_places=1, max_digits=5, validators=[django.core.validators.MinValueValidator(Decimal('0.1'))], verbose_name='hours')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='recorded at')),
            ],
            options={
                'verbose_name': 'training',
                'verbose_name_plural': 'training records',
                'ordering': ['-taken_on', '-pk'],
            },
        ),
        migrations.AddField(
            model_name='training',
            name='created_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by'),
        ),
        migrations.AddField(
            model_name='training',
            name='user',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='trainings', to=settings.AUTH_USER_MODEL, verbose_name='person'),
        ),
        migrations.AddConstraint(
            model_name='training',
            constraint=models.CheckConstraint(condition=models.Q(('hours__gt', 0)), name='training_hours_positive'),
        ),
    ]
