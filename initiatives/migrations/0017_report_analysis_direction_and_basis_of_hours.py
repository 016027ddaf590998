"""評価不能 as a level; 要因分析, 今後の方向性 and the basis of the hours saved.

Existing reports keep their hours with the basis "direct" and no direction
(shown as 「未入力」).
"""

import django.core.validators
from decimal import Decimal
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ('initiatives', '0016_load_technologies'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='achievementreport',
            name='report_self_level_is_a_level',
        ),
        migrations.RemoveConstraint(
            model_name='achievementreport',
            name='report_level_is_a_level',
        ),
        migrations.AddField(
            model_name='achievementreport',
            name='analysis',
            field=models.TextField(blank=True, help_text='Why the result came out as it did. Required for levels C and D, and for 評価不能 (then: why the point cannot be assessed).', verbose_name='factor analysis'),
        ),
        migrations.AddField(
            model_name='achievementreport',
            name='annual_cases',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='cases per year'),
        ),
        migrations.AddField(
            model_name='achievementreport',
            name='direction',
            field=models.CharField(blank=True, choices=[('expand', 'Expand'), ('continue', 'Continue'), ('improve', 'Improve'), ('complete', 'Complete'), ('merge', 'Merge'), ('abolish', 'Abolish')], help_text='Empty on reports written before it was asked.', max_length=20, verbose_name='direction for next year'),
        ),
        migrations.AddField(
            model_name='achievementreport',
            name='hours_after',
            field=models.DecimalField(blank=True, decimal_places=1, max_digits=10, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='hours per year after'),
        ),
        migrations.AddField(
            model_name='achievementreport',
            name='hours_basis',
            field=models.CharField(choices=[('cases', 'Cases per year × minutes saved per case'), ('before_after', 'Hours per year before and after'), ('direct', 'Hours typed directly')], default='direct', max_length=20, verbose_name='basis of the hours saved'),
        ),
        migrations.AddField(
            model_name='achievementreport',
            name='hours_before',
            field=models.DecimalField(blank=True, decimal_places=1, max_digits=10, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='hours per year before'),
        ),
        migrations.AddField(
            model_name='achievementreport',
            name='minutes_per_case',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=8, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='minutes saved per case'),
        ),
        migrations.AddField(
            model_name='historicalachievementreport',
            name='analysis',
            field=models.TextField(blank=True, help_text='Why the result came out as it did. Required for levels C and D, and for 評価不能 (then: why the point cannot be assessed).', verbose_name='factor analysis'),
        ),
        migrations.AddField(
            model_name='historicalachievementreport',
            name='annual_cases',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='cases per year'),
        ),
        migrations.AddField(
            model_name='historicalachievementreport',
            name='direction',
            field=models.CharField(blank=True, choices=[('expand', 'Expand'), ('continue', 'Continue'), ('improve', 'Improve'), ('complete', 'Complete'), ('merge', 'Merge'), ('abolish', 'Abolish')], help_text='Empty on reports written before it was asked.', max_length=20, verbose_name='direction for next year'),
        ),
        migrations.AddField(
            model_name='historicalachievementreport',
            name='hours_after',
            field=models.DecimalField(blank=True, decimal_places=1, max_digits=10, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='hours per year after'),
        ),
        migrations.AddField(
            model_name='historicalachievementreport',
            name='hours_basis',
            field=models.CharField(choices=[('cases', 'Cases per year × minutes saved per case'), ('before_after', 'Hours per year before and after'), ('direct', 'Hours typed directly')], default='direct', max_length=20, verbose_name='basis of the hours saved'),
        ),
        migrations.AddField(
            model_name='historicalachievementreport',
            name='hours_before',
            field=models.DecimalField(blank=True, decimal_places=1, max_digits=10, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='hours per year before'),
        ),
        migrations.AddField(
            model_name='historicalachievementreport',
            name='minutes_per_case',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=8, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0'))], verbose_name='minutes saved per case'),
        ),
        migrations.AlterField(
            model_name='achievementreport',
            name='level',
            field=models.CharField(blank=True, choices=[('A', 'A: achieved'), ('B', 'B: mostly achieved'), ('C', 'C: partly achieved'), ('D', 'D: not achieved'), ('na', '評価不能: cannot be assessed')], editable=False, help_text='The level the report earns (from the rate, or as chosen).', max_length=2, verbose_name='level'),
        ),
        migrations.AlterField(
            model_name='achievementreport',
            name='self_level',
            field=models.CharField(blank=True, choices=[('A', 'A: achieved'), ('B', 'B: mostly achieved'), ('C', 'C: partly achieved'), ('D', 'D: not achieved'), ('na', '評価不能: cannot be assessed')], help_text='For a point without a numeric indicator; 評価不能 for any point.', max_length=2, verbose_name='self-assessed level'),
        ),
        migrations.AlterField(
            model_name='historicalachievementreport',
            name='self_level',
            field=models.CharField(blank=True, choices=[('A', 'A: achieved'), ('B', 'B: mostly achieved'), ('C', 'C: partly achieved'), ('D', 'D: not achieved'), ('na', '評価不能: cannot be assessed')], help_text='For a point without a numeric indicator; 評価不能 for any point.', max_length=2, verbose_name='self-assessed level'),
        ),
        migrations.AddConstraint(
            model_name='achievementreport',
            constraint=models.CheckConstraint(condition=models.Q(('self_level', ''), ('self_level__in', ['A', 'B', 'C', 'D', 'na']), _connector='OR'), name='report_self_level_is_a_level'),
        ),
        migrations.AddConstraint(
            model_name='achievementreport',
            constraint=models.CheckConstraint(condition=models.Q(('level', ''), ('level__in', ['A', 'B', 'C', 'D', 'na']), _connector='OR'), name='report_level_is_a_level'),
        ),
        migrations.AddConstraint(
            model_name='achievementreport',
            constraint=models.CheckConstraint(condition=models.Q(('direction', ''), ('direction__in', ['expand', 'continue', 'improve', 'complete', 'merge', 'abolish']), _connector='OR'), name='report_direction_is_a_direction'),
        ),
        migrations.AddConstraint(
            model_name='achievementreport',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('hours_basis', 'cases'), ('annual_cases__isnull', False), ('hours_after__isnull', True), ('hours_before__isnull', True), ('minutes_per_case__isnull', False)), models.Q(('hours_basis', 'before_after'), ('annual_cases__isnull', True), ('hours_after__isnull', False), ('hours_before__isnull', False), ('minutes_per_case__isnull', True)), models.Q(('hours_basis', 'direct'), ('annual_cases__isnull', True), ('hours_after__isnull', True), ('hours_before__isnull', True), ('minutes_per_case__isnull', True)), _connector='OR'), name='report_basis_has_its_inputs'),
        ),
        migrations.AddConstraint(
            model_name='achievementreport',
            constraint=models.CheckConstraint(condition=models.Q(('hours_after__isnull', True), ('hours_after__lte', models.F('hours_before')), _connector='OR'), name='report_hours_after_not_above_before'),
        ),
        migrations.AddConstraint(
            model_name='achievementreport',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('self_level', 'na'), _negated=True), ('actual__isnull', True), _connector='OR'), name='report_not_assessed_has_no_actual'),
        ),
        migrations.AddConstraint(
            model_name='achievementreport',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('self_level', 'na'), _negated=True), models.Q(('analysis', ''), _negated=True), _connector='OR'), name='report_not_assessed_gives_a_reason'),
        ),
    ]
