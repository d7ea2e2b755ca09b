# Wage rows are keyed by a code from wages.toml. No loader existed before this migration, so the
# table is empty; the RunPython guard clears any hand-made rows so the unique code can be added.

from django.db import migrations, models


def clear_wages(apps, schema_editor):
    apps.get_model("catalog", "Wage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(clear_wages, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="wage", name="unique_wage_fact"),
        migrations.AlterModelOptions(name="wage", options={"ordering": ["area", "setting", "period"]}),
        migrations.AddField(
            model_name="wage",
            name="code",
            field=models.SlugField(max_length=80, unique=True, default=""),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="wage",
            name="hourly_mean",
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=7, null=True),
        ),
        migrations.AddField(
            model_name="wage",
            name="annual_mean",
            field=models.DecimalField(blank=True, decimal_places=0, max_digits=9, null=True),
        ),
        migrations.AddField(
            model_name="wage",
            name="annual_p10",
            field=models.DecimalField(blank=True, decimal_places=0, max_digits=9, null=True),
        ),
        migrations.AddField(
            model_name="wage",
            name="annual_p90",
            field=models.DecimalField(blank=True, decimal_places=0, max_digits=9, null=True),
        ),
        migrations.AddField(
            model_name="wage",
            name="note",
            field=models.TextField(blank=True),
        ),
    ]
