"""Points name the technologies they use, with one introduction status.
"""

import django.db.models.deletion
import simple_history.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ('initiatives', '0014_every_year_and_focus_area_has_an_edition'),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalDxPoint_technologies',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('m2m_history_id', models.AutoField(primary_key=True, serialize=False)),
            ],
            options={
                'verbose_name': 'HistoricalDxPoint_technologies',
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Technology',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=50, unique=True, verbose_name='name')),
                ('display_order', models.PositiveIntegerField(default=0, verbose_name='display order')),
            ],
            options={
                'verbose_name': 'technology',
                'verbose_name_plural': 'technologies',
                'ordering': ['display_order', 'name'],
            },
        ),
        migrations.AddField(
            model_name='dxpoint',
            name='technology_status',
            field=models.CharField(blank=True, choices=[('introduced', 'Introduced'), ('trial', 'On trial'), ('planned', 'Planned'), ('considering', 'Under consideration'), ('dropped', 'Considered, not introduced'), ('none', 'No plans')], help_text="How far the point's technologies are introduced.", max_length=20, verbose_name='introduction status'),
        ),
        migrations.AddField(
            model_name='historicaldxpoint',
            name='technology_status',
            field=models.CharField(blank=True, choices=[('introduced', 'Introduced'), ('trial', 'On trial'), ('planned', 'Planned'), ('considering', 'Under consideration'), ('dropped', 'Considered, not introduced'), ('none', 'No plans')], help_text="How far the point's technologies are introduced.", max_length=20, verbose_name='introduction status'),
        ),
        migrations.AddField(
            model_name='historicaldxpoint_technologies',
            name='dxpoint',
            field=models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='initiatives.dxpoint'),
        ),
        migrations.AddField(
            model_name='historicaldxpoint_technologies',
            name='history',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, to='initiatives.historicaldxpoint'),
        ),
        migrations.AddField(
            model_name='historicaldxpoint_technologies',
            name='technology',
            field=models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='initiatives.technology'),
        ),
        migrations.AddField(
            model_name='dxpoint',
            name='technologies',
            field=models.ManyToManyField(blank=True, related_name='points', to='initiatives.technology', verbose_name='technologies'),
        ),
        migrations.AddConstraint(
            model_name='dxpoint',
            constraint=models.CheckConstraint(condition=models.Q(('technology_status', ''), ('technology_status__in', ['introduced', 'trial', 'planned', 'considering', 'dropped', 'none']), _connector='OR'), name='point_technology_status_is_a_status'),
        ),
    ]
